"""Participants' pages: join by code, vote on the open question (no account; a device token in
a cookie), a small status document for phones, and the published results. 404 unless the
authority is active and has the module on."""

from django.conf import settings
from django.http import Http404, HttpResponseNotModified, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from portal.throttling import CLIENT, throttle

from .. import checkin, codes, selectors, services
from ..forms import JoinForm
from ..models import QuestionState, QuestionType
from ..results import result
from ..sanitise import MAX_WORDS_LENGTH
from .common import PHONE_POLL_MS

COOKIE = "livevoting_device"
COOKIE_AGE = 60 * 60 * 24 * 30


def _device_token(request) -> tuple[str, bool]:
    """The device's token from its cookie, or a new one (True: the cookie must be set)."""
    token = request.COOKIES.get(COOKIE, "")
    if codes.is_device_token(token):
        return token, False
    return codes.new_device_token(), True


def _with_cookie(response, token: str, new: bool, request):
    if new:
        response.set_cookie(COOKIE, token, max_age=COOKIE_AGE, httponly=True, samesite="Lax",
                            secure=request.is_secure() or settings.SESSION_COOKIE_SECURE,
                            path="/abstimmen/")
    return response


@never_cache
@throttle(("live-join-client", CLIENT))
def join(request):
    form = JoinForm(request.POST or None, initial={"code": request.GET.get("code", "")[:20]})
    if request.method == "POST" and form.is_valid():
        try:
            session = selectors.session_by_code(form.cleaned_data["code"])
        except Http404:  # an unknown code is a form error here, not a 404 page
            form.add_error("code", _("No live voting has this code. Please check it with the "
                                     "code shown by the moderator."))
        else:
            return redirect("livevoting:vote", session.code)
    return render(request, "livevoting/join.html", {"form": form},
                  status=400 if form.is_bound and form.errors else 200)


def _context(request, session, token: str) -> dict:
    question = session.active_question()
    voted = question is not None and services.has_voted(question, token)
    return {"session": session, "authority": session.authority, "question": question,
            "voted": voted, "is_open": session.is_open(), "poll_ms": PHONE_POLL_MS,
            "max_words": MAX_WORDS_LENGTH,
            "status_url": reverse("livevoting:status", args=[session.code]),
            "scale": QuestionType.SCALE, "words": QuestionType.WORDS,
            "multiple": QuestionType.MULTIPLE}


@never_cache
@throttle(("live-vote-client", CLIENT))
def vote(request, code):
    session = selectors.session_by_code(code)
    if code != session.code:
        return redirect("livevoting:vote", session.code)
    token, new = _device_token(request)
    error, status, chosen = "", 200, None
    if request.method == "POST":
        question = session.active_question()
        posted = request.POST.get("question", "")
        if new:
            error, status = _("Your browser did not send its voting key. Please allow cookies "
                              "for this page and reload it."), 400
        elif not posted.isdigit():
            error, status = _("Please vote with the form of the question shown."), 400
        elif question is None or posted != str(question.pk):
            error, status = _("This question is no longer open. Here is the current one."), 409
        else:
            allowed = checkin.may_vote(request, session)
            if allowed is None:
                error, status = _("Only checked-in ticket holders may vote here, but the "
                                  "check-in is not available. Please ask the moderator."), 403
            elif not allowed:
                error, status = _("Only checked-in ticket holders may vote here. Please check "
                                  "in at the entrance first."), 403
            else:
                try:
                    services.cast_vote(question=question, device_token=token,
                                       data=request.POST)
                except services.AlreadyVoted as exc:
                    error, status = str(exc), 409
                except services.VoteRefused as exc:
                    error, status = str(exc), 400
                    chosen = request.POST
                else:
                    return redirect(f"{reverse('livevoting:vote', args=[session.code])}#dank")
    context = _context(request, session, token)
    context.update({"error": error, "chosen": _chosen(context["question"], chosen)})
    response = render(request, "livevoting/vote.html", context, status=status)
    return _with_cookie(response, token, new, request)


def _chosen(question, data) -> dict:
    """What the participant had picked, to show again with an error."""
    if question is None or data is None:
        return {"choices": [], "text": ""}
    return {"choices": [str(v) for v in data.getlist("choice")][:20],
            "text": str(data.get("text", ""))[:200]}


@require_safe
def status(request, code):
    """For phones: which question is open (a new one reloads the page). ETag: 304 when the
    same."""
    session = selectors.session_by_code(code)
    question = session.questions.filter(state=QuestionState.OPEN).values_list(
        "pk", flat=True).first()
    etag = f'"q{question or 0}"'
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponseNotModified()
    else:
        response = JsonResponse({"question": question})
    response["ETag"] = etag
    response["Cache-Control"] = "private, no-cache"
    return response


@require_safe
def results_page(request, authority_slug, session_uid):
    """The session's public page: the join link while it is open; the results of its closed
    questions once the moderator published them."""
    authority = selectors.authority_with_module(authority_slug)
    session = selectors.public_session(authority, session_uid)
    results = []
    if session.results_published_at:
        results = [result(q) for q in session.questions.filter(state=QuestionState.CLOSED)]
    return render(request, "livevoting/session.html", {
        "authority": authority, "session": session, "results": results,
        "is_open": session.is_open()})
