"""A survey with a question of every kind, open today, for tests and the adversarial world."""

import datetime

from participation.surveys.models import ParticipationMode, Question, Survey, SurveyToken
from portal.models import Phase, Procedure


def make_survey(authority, *, title="Radwege", participation=ParticipationMode.ANONYMOUS,
                open_now=True) -> Survey:
    today = datetime.date.today()
    start = today - datetime.timedelta(days=1) if open_now else today + datetime.timedelta(10)
    procedure = Procedure.objects.create(authority=authority, kind="survey", title=title)
    Phase.objects.create(procedure=procedure, kind="survey_open", start_date=start,
                         end_date=start + datetime.timedelta(days=30))
    survey = Survey.objects.create(authority=authority, procedure=procedure, title=title,
                                   participation=participation)
    q = Question.objects.create
    q(survey=survey, order=1, page=1, type="single", text="Fahren Sie Rad?", required=True,
      options=["ja", "nein"])
    q(survey=survey, order=2, page=1, type="map_point", text="Wo fehlen Bügel?", max_count=3)
    q(survey=survey, order=3, page=2, type="text", text="Warum nicht?",
      condition_question=survey.questions.get(order=1), condition_value="nein")
    q(survey=survey, order=4, page=2, type="map_line", text="Welche Strecke?")
    q(survey=survey, order=5, page=2, type="map_area", text="Welches Gebiet?")
    q(survey=survey, order=6, page=3, type="multiple", text="Was stört?",
      options=["Autos", "Ampeln", "Schlaglöcher"])
    q(survey=survey, order=7, page=3, type="scale", text="Zufriedenheit?")
    q(survey=survey, order=8, page=3, type="number", text="Kilometer pro Woche?")
    q(survey=survey, order=9, page=3, type="date", text="Seit wann?")
    q(survey=survey, order=10, page=3, type="ranking", text="Rangfolge",
      options=["Sicherheit", "Tempo"])
    return survey


def make_token(survey, code="EINLADUNG-1") -> SurveyToken:
    return SurveyToken.objects.create(survey=survey, code=code)


def build_surveys(authority, key: str, secret: str) -> dict:
    """The survey module's objects of an adversarial-world tenant: the module on, an open
    survey, a draft (its resume link) and a submitted response whose free text carries the
    secret marker (shown to the authority's staff only)."""
    from participation.surveys.models import Answer, Response

    authority.enabled_modules = [*(authority.enabled_modules or []), "surveys"]
    authority.save(update_fields=["enabled_modules"])
    survey = make_survey(authority, title=f"Umfrage {key}")
    draft = Response.objects.create(survey=survey)
    submitted = Response.objects.create(survey=survey, is_draft=False,
                                        submitted_at=survey.created_at)
    Answer.objects.create(response=submitted, question=survey.questions.get(order=3),
                          value=f"{secret} Freitext")
    return {"survey": survey, "survey_question": survey.questions.get(order=1),
            "survey_draft": draft}
