"""Answering a survey: a start page, one page of questions at a time under the secret resume
link, submitting once. Works without JavaScript (conditions are decided on the server)."""

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from accounts_citizen.services.contributions import link_contribution
from portal import privacy_notices
from portal.throttling import CLIENT, throttle

from .. import flow, selectors, services
from ..models import ParticipationMode, Response
from ..parsing import field_name
from ..results import CHART_WIDTH, map_points, points_geojson
from ..results import results as survey_results

SESSION_KEY = "survey_drafts"


def _answer_url(survey, response, page: int | None = None) -> str:
    url = reverse("surveys:answer", args=[survey.authority.slug, survey.uid,
                                          response.resume_key])
    return f"{url}?seite={page}" if page else url


@never_cache
@throttle(("survey-start-client", CLIENT))
def start(request, authority_slug, survey_uid):
    authority = selectors.authority_with_module(authority_slug)
    try:
        survey = selectors.public_survey(authority, survey_uid)
    except Http404:
        selectors.published_survey(authority, survey_uid)
        return redirect("surveys:results", authority.slug, survey_uid)
    error = privacy_error = ""
    # The procedure's published privacy notice (dataprotection): shown, accepted, recorded.
    notice = privacy_notices.current(survey.procedure)
    if request.method == "POST" and not request.POST.get("begin"):
        error = _("Please start the survey with its button.")
    elif request.method == "POST" and notice is not None and request.POST.get(
            "privacy_notice_version") != str(notice.number):
        privacy_error = _("The data-protection notice was changed while you were writing. "
                          "Please read the current version (%(number)s) and confirm it "
                          "again.") % {"number": notice.number}
    elif request.method == "POST" and notice is not None and not request.POST.get(
            "privacy_accepted"):
        privacy_error = _("Please confirm that you have read the privacy notice.")
    elif request.method == "POST":
        account = token = None
        if survey.participation == ParticipationMode.ACCOUNT:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            account = request.user
        elif survey.participation == ParticipationMode.TOKEN:
            token = services.token_for(survey, request.POST.get("code", ""))
            if token is None:
                error = _("This invitation code is not valid for this survey.")
        else:
            key = request.session.get(SESSION_KEY, {}).get(str(survey.uid))
            existing = Response.objects.filter(survey=survey, resume_key=key or "-").first()
            if existing is not None:
                return redirect(_answer_url(survey, existing))
        if not error:
            try:
                response = services.start_response(survey, account=account, token=token)
            except services.SurveyClosed as exc:
                raise Http404 from exc
            if survey.participation == ParticipationMode.ANONYMOUS:
                drafts = request.session.get(SESSION_KEY, {})
                drafts[str(survey.uid)] = response.resume_key
                request.session[SESSION_KEY] = drafts
            privacy_notices.accepted(response, notice)
            if account is not None:
                link_contribution(user=account, kind="survey", object_uid=response.uid)
            return redirect(_answer_url(survey, response))
    language = "en" if (request.LANGUAGE_CODE or "").startswith("en") else "de"
    return render(request, "surveys/start.html",
                  {"authority": authority, "survey": survey, "error": error,
                   "privacy_error": privacy_error, "notice": notice,
                   "notice_text": notice.text_for(language) if notice else "",
                   "notice_language": language},
                  status=400 if error or privacy_error else 200)


def _page_number(request, pages: list[int]) -> int:
    raw = request.GET.get("seite", "1")
    index = int(raw) if raw.isdigit() else 1
    return min(max(index, 1), len(pages)) if pages else 1


@never_cache
def answer(request, authority_slug, survey_uid, resume_key):
    authority = selectors.authority_with_module(authority_slug)
    survey = selectors.public_survey(authority, survey_uid)
    response = Response.objects.filter(survey=survey, resume_key=resume_key[:64]).first()
    if response is None:
        raise Http404
    context = {"authority": authority, "survey": survey, "response": response,
               "resume_url": request.build_absolute_uri(_answer_url(survey, response))}
    if not response.is_draft:
        return render(request, "surveys/submitted.html", context,
                      status=409 if request.method == "POST" else 200)
    questions = list(survey.questions.select_related("condition_question"))
    values = flow.stored_values(response)
    pages = flow.pages(questions, values)
    position = _page_number(request, pages)
    page = pages[position - 1] if pages else 1
    errors: dict[str, str] = {}
    data = None
    if request.method == "POST":
        try:
            result = services.save_page(response, page, request.POST)
        except services.AlreadySubmitted:
            return render(request, "surveys/submitted.html", context, status=409)
        errors = result.errors
        data = request.POST if errors else None
        if result.ok:
            values = flow.stored_values(response)
            pages = flow.pages(questions, values)
            action = request.POST.get("action", "next")
            if action == "back":
                return redirect(_answer_url(survey, response, max(position - 1, 1)))
            if action == "save":
                context["saved"] = True
            elif position < len(pages):
                return redirect(_answer_url(survey, response, position + 1))
            else:
                missing = services.missing_required(response)
                if not missing and services.submit(response):
                    return redirect("surveys:thanks", authority.slug, survey.uid)
                if missing:
                    context["missing"] = missing
                else:
                    return render(request, "surveys/submitted.html", context, status=409)
    shown = flow.visible_on(questions, page, values)
    drawn = {answer.question_id: answer.geometry.transform(4326, clone=True).json
             for answer in response.answers.filter(geometry__isnull=False)}
    context.update({
        "items": [_item(question, values, data, errors, drawn) for question in shown],
        "position": position, "page_count": len(pages) or 1,
        "is_last": position >= len(pages), "errors": errors, "basemap": basemap(),
    })
    return render(request, "surveys/page.html", context, status=400 if errors else 200)


def basemap() -> dict:
    centre = settings.PORTAL_DEFAULT_CENTER
    return {"url": settings.PORTAL_BASEMAP_URL, "attribution": settings.PORTAL_BASEMAP_ATTRIBUTION,
            "max_zoom": settings.PORTAL_BASEMAP_MAX_ZOOM,
            "center": f"{centre[0]},{centre[1]}"}


def _item(question, values, data, errors, drawn) -> dict:
    name = field_name(question)
    stored = drawn.get(question.pk, "") if question.is_map else values.get(question.pk)
    if data is not None:
        current = data.getlist(name) if question.type == "multiple" else data.get(name, "")
    else:
        current = stored
    ranks = {}
    if question.type == "ranking":
        for index, option in enumerate(question.choices):
            if data is not None:
                ranks[option] = data.get(f"{name}_{index}", "")
            elif isinstance(stored, list) and option in stored:
                ranks[option] = str(stored.index(option) + 1)
    return {"question": question, "name": name, "error": errors.get(name, ""),
            "current": current if current is not None else "",
            "selected": current if isinstance(current, list) else [str(current or "")],
            "ranks": [(index, option, ranks.get(option, ""))
                      for index, option in enumerate(question.choices)]}


def published_results(request, authority_slug, survey_uid):
    """The results the authority published: the charts of the staff page (no free texts) and
    the map answers as points, with a list of them; 404 until published."""
    authority = selectors.authority_with_module(authority_slug)
    survey = selectors.published_survey(authority, survey_uid)
    found = survey_results(survey)
    points = map_points(survey)
    by_question: dict[int, list] = {}
    for point in points:
        by_question.setdefault(point.question.pk, []).append(point)
    return render(request, "surveys/results.html", {
        "authority": authority, "survey": survey, "results": found,
        "chart_width": CHART_WIDTH, "public": True,
        "submitted": survey.responses.filter(is_draft=False).count(),
        "point_lists": [(r.question, by_question.get(r.question.pk, []))
                        for r in found if r.question.is_map],
    })


def published_points(request, authority_slug, survey_uid):
    authority = selectors.authority_with_module(authority_slug)
    survey = selectors.published_survey(authority, survey_uid)
    return JsonResponse(points_geojson(map_points(survey)), content_type="application/geo+json")


def thanks(request, authority_slug, survey_uid):
    authority = selectors.authority_with_module(authority_slug)
    survey = selectors.public_survey(authority, survey_uid)
    return render(request, "surveys/thanks.html", {"authority": authority, "survey": survey})
