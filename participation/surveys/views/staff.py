"""The staff area of surveys: a builder, a preview, results and exports. Members of the
survey's authority only (module on); anyone else gets 404."""

import logging
import tempfile
from pathlib import Path

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from portal.models import Phase, Procedure

from .. import codes as survey_codes
from .. import exports, selectors
from ..apps import PHASE_KIND, PROCEDURE_KIND
from ..forms import MailCodesForm, PrintCodesForm, QuestionForm, SurveyForm
from ..models import ParticipationMode, Survey
from ..results import CHART_WIDTH, DENSITY_CELL, density, map_points
from ..results import results as survey_results
from .public import _item, basemap

logger = logging.getLogger(__name__)


def _authorities_or_404(user):
    authorities = selectors.staff_authorities(user)
    if not authorities:
        raise Http404
    return authorities


@never_cache
@login_required
def survey_list(request):
    authorities = _authorities_or_404(request.user)
    form = SurveyForm(request.POST or None, authorities=authorities)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        with transaction.atomic():
            procedure = Procedure.objects.create(authority=data["authority"],
                                                 kind=PROCEDURE_KIND, title=data["title"])
            Phase.objects.create(procedure=procedure, kind=PHASE_KIND,
                                 start_date=data["start_date"], end_date=data["end_date"])
            survey = Survey.objects.create(authority=data["authority"], procedure=procedure,
                                           title=data["title"], intro=data["intro"],
                                           participation=data["participation"])
        return redirect("surveys_staff:builder", survey.uid)
    surveys = Survey.objects.filter(authority__in=authorities).select_related("authority")
    return render(request, "surveys/staff/list.html", {"form": form, "surveys": surveys},
                  status=400 if form.errors else 200)


def _move(survey, question_pk: str, step: int) -> None:
    questions = list(survey.questions.all())
    index = next((i for i, q in enumerate(questions) if str(q.pk) == question_pk), None)
    if index is None or not 0 <= index + step < len(questions):
        return
    questions[index], questions[index + step] = questions[index + step], questions[index]
    for order, question in enumerate(questions, start=1):
        if question.order != order:
            question.order = order
            question.save(update_fields=["order"])


@never_cache
@login_required
def builder(request, survey_uid):
    survey = selectors.staff_survey(request.user, survey_uid)
    form = QuestionForm(survey=survey)
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action in ("up", "down"):
            _move(survey, request.POST.get("question", ""), -1 if action == "up" else 1)
            return redirect("surveys_staff:builder", survey.uid)
        form = QuestionForm(request.POST, survey=survey)
        if form.is_valid():
            form.save()
            return redirect("surveys_staff:builder", survey.uid)
    return render(request, "surveys/staff/builder.html",
                  {"survey": survey, "form": form, "questions": survey.questions.all(),
                   "codes": survey.tokens.all()
                   if survey.participation == ParticipationMode.TOKEN else None},
                  status=400 if form.errors else 200)


@never_cache
@login_required
def codes(request, survey_uid):
    """Invitation codes: printed codes (shown once) and mailed codes. They are asked for only
    when the survey's participation is by invitation code (the page says so otherwise)."""
    survey = selectors.staff_survey(request.user, survey_uid)
    start_url = request.build_absolute_uri(
        reverse("surveys:start", args=[survey.authority.slug, survey.uid]))
    print_form, mail_form = PrintCodesForm(), MailCodesForm()
    created: list[str] = []
    mailed = None
    action = request.POST.get("action", "") if request.method == "POST" else ""
    if action == "print":
        print_form = PrintCodesForm(request.POST)
        if print_form.is_valid():
            data = print_form.cleaned_data
            created = survey_codes.create_printed(survey, data["count"])
            if data["output"] == "csv":
                answer = HttpResponse(survey_codes.codes_csv(survey, created, start_url),
                                      content_type="text/csv; charset=utf-8")
                answer["Content-Disposition"] = (
                    f'attachment; filename="einladungscodes-{survey.pk}.csv"')
                return answer
            if data["output"] == "pdf":
                answer = HttpResponse(survey_codes.codes_pdf(
                    survey, created, start_url,
                    intro=_("Take part with this code at:"),
                    code_label=_("Your invitation code (valid for one response):")),
                    content_type="application/pdf")
                answer["Content-Disposition"] = (
                    f'attachment; filename="einladungscodes-{survey.pk}.pdf"')
                return answer
    elif action == "mail":
        mail_form = MailCodesForm(request.POST)
        if mail_form.is_valid():
            try:
                mailed = survey_codes.mail_codes(
                    survey, mail_form.cleaned_data["addresses"], start_url=start_url,
                    subject=_("Invitation to the survey: %(title)s") % {"title": survey.title})
            except Exception:  # mail server refused: no code stays (the transaction)
                logger.warning("Mailing survey invitation codes failed", exc_info=True)
                mail_form.add_error(None, _("The e-mails could not be sent (mail server). "
                                            "No code was created; please try again later."))
    elif action:
        raise Http404
    tokens = survey.tokens.all()
    context = {
        "survey": survey, "token_mode": survey.participation == ParticipationMode.TOKEN,
        "print_form": print_form, "mail_form": mail_form,
        "created": created, "mailed": mailed, "start_url": start_url,
        "total": tokens.count(), "used": tokens.filter(response__isnull=False).count(),
        "printed": tokens.filter(label=survey_codes.PRINTED_LABEL).count(),
        "by_mail": tokens.filter(label__startswith=survey_codes.MAIL_LABEL_PREFIX).count(),
    }
    invalid = print_form.errors or mail_form.errors
    return render(request, "surveys/staff/codes.html", context, status=400 if invalid else 200)


@never_cache
@login_required
def question_edit(request, survey_uid, question_pk):
    survey = selectors.staff_survey(request.user, survey_uid)
    question = survey.questions.filter(pk=question_pk).first()
    if question is None:
        raise Http404
    if request.method == "POST" and request.POST.get("action") == "delete":
        question.delete()
        return redirect("surveys_staff:builder", survey.uid)
    form = QuestionForm(request.POST or None, instance=question, survey=survey)
    if request.method == "POST" and form.is_valid():
        form.save()
        return redirect("surveys_staff:builder", survey.uid)
    return render(request, "surveys/staff/question.html",
                  {"survey": survey, "question": question, "form": form},
                  status=400 if form.errors else 200)


@never_cache
@login_required
def preview(request, survey_uid):
    survey = selectors.staff_survey(request.user, survey_uid)
    pages: dict[int, list] = {}
    for question in survey.questions.all():
        pages.setdefault(question.page, []).append(_item(question, {}, None, {}, {}))
    return render(request, "surveys/staff/preview.html",
                  {"survey": survey, "pages": sorted(pages.items()), "preview": True,
                   "basemap": basemap()})


@never_cache
@login_required
def results(request, survey_uid):
    survey = selectors.staff_survey(request.user, survey_uid)
    is_open = survey.is_open()
    publish_error = ""
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "publish" and is_open:
            publish_error = _("The results can be published once the survey is closed.")
        elif action == "publish":
            Survey.objects.filter(pk=survey.pk, results_published_at__isnull=True).update(
                results_published_at=timezone.now(), results_published_by=request.user)
            return redirect("surveys_staff:results", survey.uid)
        elif action == "unpublish":
            Survey.objects.filter(pk=survey.pk).update(results_published_at=None,
                                                       results_published_by=None)
            return redirect("surveys_staff:results", survey.uid)
        else:
            publish_error = _("Unknown action.")
    found = survey_results(survey)
    points = map_points(survey)
    by_question: dict[int, list] = {}
    for point in points:
        by_question.setdefault(point.question.pk, []).append(point)
    publisher = survey.results_published_by
    return render(request, "surveys/staff/results.html",
                  {"survey": survey, "results": found, "is_open": is_open,
                   "publish_error": publish_error,
                   "published_by": (publisher.get_full_name() or publisher.get_username())
                   if publisher else _("a deleted account"),
                   "has_map": any(r.question.is_map for r in found),
                   "heat": {"surveyHeat": [[p.lat, p.lon] for p in points]},
                   "density": density(points), "density_cell": DENSITY_CELL,
                   "point_lists": [(r.question, by_question.get(r.question.pk, []))
                                   for r in found if r.question.is_map],
                   "chart_width": CHART_WIDTH,
                   "submitted": survey.responses.filter(is_draft=False).count()},
                  status=400 if publish_error else 200)


@never_cache
@login_required
def export_csv(request, survey_uid):
    survey = selectors.staff_survey(request.user, survey_uid)
    response = HttpResponse(exports.csv_text(survey), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="umfrage-{survey.pk}.csv"'
    return response


@never_cache
@login_required
def export_xlsx(request, survey_uid):
    survey = selectors.staff_survey(request.user, survey_uid)
    response = HttpResponse(exports.xlsx_bytes(survey), content_type=exports.XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="umfrage-{survey.pk}.xlsx"'
    return response


@never_cache
@login_required
def export_gpkg(request, survey_uid):
    survey = selectors.staff_survey(request.user, survey_uid)
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "umfrage.gpkg"
        exports.write_gpkg(survey, path)
        content = path.read_bytes()
    response = HttpResponse(content, content_type="application/geopackage+sqlite3")
    response["Content-Disposition"] = f'attachment; filename="umfrage-{survey.pk}.gpkg"'
    return response


@never_cache
@login_required
def map_answers(request, survey_uid):
    survey = selectors.staff_survey(request.user, survey_uid)
    return HttpResponse(exports.map_geojson(survey), content_type="application/geo+json")
