"""The moderator's pages: sessions, questions and their steps (open, close, reveal), hiding
word answers, the projector view with its status document, the QR code, exports. Admins,
planners and moderators of the session's authority with the module on; anyone else gets 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from portal.models import Authority

from .. import exports, selectors, services
from ..forms import HideForm, PublishForm, QuestionForm, SessionForm, StepForm
from ..models import QuestionState, QuestionType
from ..results import result
from .common import (
    PROJECTOR_POLL_MS,
    join_url,
    projector_document,
    qr_svg,
    status_response,
)


def _authorities_or_404(user):
    authorities = selectors.staff_authorities(user)
    if not authorities:
        raise Http404
    return authorities


@never_cache
@login_required
def session_list(request):
    authorities = Authority.objects.filter(
        pk__in=[a.pk for a in _authorities_or_404(request.user)])
    form = SessionForm(request.POST or None, authorities=authorities)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.create_session(**form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The live voting is created. Now add its questions."))
            return redirect("livevoting_staff:session", session.uid)
    sessions = (selectors.staff_sessions(request.user).select_related("authority")
                .annotate(question_count=Count("questions")))
    return render(request, "livevoting/staff/list.html", {"form": form, "sessions": sessions},
                  status=400 if form.is_bound and form.errors else 200)


def _step(session, data) -> str | None:
    """Apply a moderator's step; the error message, or None."""
    form = StepForm(data)
    if not form.is_valid():
        return _("Unknown step.")
    question = session.questions.filter(pk=form.cleaned_data["question"]).first()
    if question is None:
        return _("The question was not found.")
    action = form.cleaned_data["action"]
    try:
        if action == "open":
            if not session.is_open():
                return _("Voting is possible only on the days of the session.")
            services.open_question(question)
        elif action == "close":
            services.close_question(question)
        elif action in ("reveal", "conceal"):
            services.set_revealed(question, action == "reveal")
        elif action == "delete":
            services.delete_question(question)
        else:
            services.move_question(question, -1 if action == "up" else 1)
    except ValidationError as exc:
        return " ".join(exc.messages)
    return None


@never_cache
@login_required
def session_detail(request, session_uid):
    session = selectors.staff_session(request.user, session_uid)
    form = QuestionForm()
    error = ""
    if request.method == "POST":
        kind = request.POST.get("form", "")
        if kind == "step":
            error = _step(session, request.POST) or ""
        elif kind == "publish":
            publish = PublishForm(request.POST)
            if not publish.is_valid():
                error = _("Unknown step.")
            else:
                try:
                    services.publish_results(session, bool(publish.cleaned_data["publish"]))
                except ValidationError as exc:
                    error = " ".join(exc.messages)
        elif kind == "question":
            form = QuestionForm(request.POST)
            if form.is_valid():
                question = form.save(commit=False)
                try:
                    services.save_question(session=session, question=question)
                except ValidationError as exc:
                    form.add_error(None, exc)
        else:
            error = _("Unknown step.")
        if not error and not form.errors:
            return redirect("livevoting_staff:session", session.uid)
    session.refresh_from_db()
    questions = list(session.questions.annotate(vote_count=Count("votes")))
    return render(request, "livevoting/staff/session.html", {
        "session": session, "qr_svg": qr_svg(join_url(request, session)), "questions": questions, "form": form, "error": error,
        "join_url": join_url(request, session), "is_open": session.is_open(),
        "open_state": QuestionState.OPEN, "closed_state": QuestionState.CLOSED,
        "draft_state": QuestionState.DRAFT,
    }, status=400 if error or form.errors else 200)


@never_cache
@login_required
def question_detail(request, session_uid, question_pk):
    session = selectors.staff_session(request.user, session_uid)
    question = session.questions.filter(pk=question_pk).first()
    if question is None:
        raise Http404
    editable = question.state == QuestionState.DRAFT and not question.votes.exists()
    form = QuestionForm(instance=question) if editable else None
    error = ""
    if request.method == "POST":
        if request.POST.get("form") == "hide":
            hide = HideForm(request.POST)
            vote = (question.votes.filter(pk=hide.cleaned_data["vote"]).first()
                    if hide.is_valid() else None)
            if vote is None:
                error = _("The answer was not found.")
            else:
                services.set_hidden(vote, bool(hide.cleaned_data["hidden"]))
                return redirect("livevoting_staff:question", session.uid, question.pk)
        elif editable:
            form = QuestionForm(request.POST, instance=question)
            if form.is_valid():
                try:
                    services.save_question(session=session, question=form.save(commit=False))
                except ValidationError as exc:
                    form.add_error(None, exc)
                else:
                    return redirect("livevoting_staff:session", session.uid)
        else:
            error = _("Only a prepared question without votes can be changed.")
    answers = (question.votes.order_by("-created_at", "-pk")[:500]
               if question.type == QuestionType.WORDS else [])
    return render(request, "livevoting/staff/question.html", {
        "session": session, "question": question, "form": form, "error": error,
        "answers": answers, "result": result(question)},
        status=400 if error or (form is not None and form.errors) else 200)


@never_cache
@require_safe
@login_required
def projector(request, session_uid):
    session = selectors.staff_session(request.user, session_uid)
    return render(request, "livevoting/staff/projector.html", {
        "session": session, "document": projector_document(request, session),
        "poll_ms": PROJECTOR_POLL_MS, "join_url": join_url(request, session),
        "qr_svg": qr_svg(join_url(request, session))})


@require_safe
@login_required
def projector_status(request, session_uid):
    session = selectors.staff_session(request.user, session_uid)
    return status_response(request, session, lambda: projector_document(request, session))


@never_cache
@require_safe
@login_required
def export(request, session_uid, fmt):
    session = selectors.staff_session(request.user, session_uid)
    if fmt == "csv":
        response = HttpResponse(exports.results_csv(session),
                                content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        response = HttpResponse(
            exports.results_xlsx(session),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    else:
        raise Http404
    response["Content-Disposition"] = (
        f'attachment; filename="live-abstimmung-{session.code}.{fmt}"')
    return response
