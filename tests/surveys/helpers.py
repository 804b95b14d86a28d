from django.urls import reverse

from participation.surveys.models import Response

LINE = "51.30, 12.30\n51.31, 12.31"
AREA = "51.30, 12.30\n51.30, 12.32\n51.32, 12.32"


def start(client, survey, **data):
    url = reverse("surveys:start", args=[survey.authority.slug, survey.uid])
    return client.post(url, {"begin": "1", **data})


def answer_url(response) -> str:
    survey = response.survey
    return reverse("surveys:answer", args=[survey.authority.slug, survey.uid,
                                           response.resume_key])


def fill_all(client, survey, response, *, text_answer="nein"):
    """Answer the three pages and submit; returns the last HTTP answer."""
    q = {question.order: f"q{question.pk}" for question in survey.questions.all()}
    url = answer_url(response)
    client.post(url + "?seite=1", {q[1]: text_answer, q[2]: "51.30, 12.30\n51.31, 12.31"})
    page2 = {q[4]: LINE, q[5]: AREA}
    if text_answer == "nein":
        page2[q[3]] = "Zu gefährlich"
    client.post(url + "?seite=2", page2)
    return client.post(url + "?seite=3", {q[6]: ["Autos", "Ampeln"], q[7]: "4", q[8]: "12,5",
                                          q[9]: "2024-05-01", f"{q[10]}_0": "2",
                                          f"{q[10]}_1": "1", "action": "next"})


def only_response(survey) -> Response:
    return Response.objects.get(survey=survey)
