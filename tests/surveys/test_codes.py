"""Invitation codes: printed codes shown once (page, CSV, PDF), mailed codes (one per address,
each address once, invalid addresses named, nothing sent then); foreign staff 404."""

import csv
import io

import pytest
from django.core import mail
from django.urls import reverse
from pypdf import PdfReader

from participation.surveys.models import SurveyToken

from .world import make_survey

pytestmark = pytest.mark.django_db


@pytest.fixture
def token_survey(towns):
    return make_survey(towns["on"], participation="token")


def _url(survey):
    return reverse("surveys_staff:codes", args=[survey.uid])


def test_printed_codes_are_shown_once_and_work(client, staff, token_survey):
    client.force_login(staff)
    page = client.post(_url(token_survey), {"action": "print", "count": "3", "output": "page"})
    assert page.status_code == 200
    codes = list(token_survey.tokens.values_list("code", flat=True))
    assert len(codes) == 3
    html = page.content.decode()
    assert all(code in html for code in codes)
    assert all(code[0].isalnum() for code in codes)
    again = client.get(_url(token_survey)).content.decode()
    assert not any(code in again for code in codes)  # shown only once
    assert not any(code in client.get(reverse("surveys_staff:builder", args=[token_survey.uid]))
                   .content.decode() for code in codes)
    assert "3 Codes bisher" in again
    visitor = client.__class__()
    start = reverse("surveys:start", args=["radstadt", token_survey.uid])
    assert visitor.post(start, {"begin": "1", "code": codes[0]}).status_code == 302
    too_many = client.post(_url(token_survey), {"action": "print", "count": "100000",
                                                "output": "page"})
    assert too_many.status_code == 400 and token_survey.tokens.count() == 3


def test_printed_codes_as_csv_and_pdf(client, staff, token_survey):
    client.force_login(staff)
    answer = client.post(_url(token_survey), {"action": "print", "count": "2", "output": "csv"})
    assert answer["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(answer.content.decode().lstrip("\ufeff")),
                           delimiter=";"))
    assert len(rows) == 3
    assert {row[0] for row in rows[1:]} == set(token_survey.tokens.values_list("code",
                                                                              flat=True))
    assert rows[1][2].endswith(f"/radstadt/umfragen/{token_survey.uid}/")
    pdf = client.post(_url(token_survey), {"action": "print", "count": "9", "output": "pdf"})
    assert pdf["Content-Type"] == "application/pdf"
    reader = PdfReader(io.BytesIO(pdf.content))
    assert len(reader.pages) == 2  # eight slips a page
    text = "".join(page.extract_text() for page in reader.pages)
    newest = token_survey.tokens.order_by("-pk")[:9]
    assert all(token.code in text for token in newest)
    assert token_survey.tokens.count() == 11


def test_mailed_codes_one_per_address_each_address_once(client, staff, token_survey):
    client.force_login(staff)
    answer = client.post(_url(token_survey), {
        "action": "mail", "addresses": "a@example.org\nB@example.org, a@example.org;A@EXAMPLE.org"})
    assert answer.status_code == 200
    assert len(mail.outbox) == 2 and token_survey.tokens.count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["B@example.org", "a@example.org"]
    codes = set(token_survey.tokens.values_list("code", flat=True))
    assert {next(c for c in codes if c in m.body) for m in mail.outbox} == codes
    assert str(token_survey.uid) in mail.outbox[0].body
    assert "example.org" not in "".join(token_survey.tokens.values_list("label", flat=True))
    again = client.post(_url(token_survey), {"action": "mail",
                                              "addresses": "a@example.org\nc@example.org"})
    assert "1 Einladungen versendet; 1 Adressen" in again.content.decode()
    assert len(mail.outbox) == 3 and token_survey.tokens.count() == 3


def test_invalid_addresses_are_named_and_nothing_is_sent(client, staff, token_survey):
    client.force_login(staff)
    answer = client.post(_url(token_survey), {
        "action": "mail", "addresses": "ok@example.org\nkaputt@\n<script>x</script>@x.de"})
    assert answer.status_code == 400
    html = answer.content.decode()
    assert "kaputt@" in html and "keine gültigen E-Mail-Adressen" in html
    assert "<script>x</script>" not in html
    assert mail.outbox == [] and not SurveyToken.objects.exists()
    empty = client.post(_url(token_survey), {"action": "mail", "addresses": " \n , "})
    assert empty.status_code == 400 and mail.outbox == []


def test_a_failing_mail_server_leaves_no_code(client, staff, token_survey, settings):
    settings.EMAIL_BACKEND = "tests.surveys.test_codes.FailingBackend"
    client.force_login(staff)
    answer = client.post(_url(token_survey), {"action": "mail", "addresses": "a@example.org"})
    assert answer.status_code == 400 and not SurveyToken.objects.exists()


def test_codes_of_another_authority_answer_404(client, other_staff, token_survey):
    client.force_login(other_staff)
    assert client.get(_url(token_survey)).status_code == 404
    assert client.post(_url(token_survey), {"action": "print", "count": "3",
                                            "output": "page"}).status_code == 404
    assert client.post(_url(token_survey), {"action": "mail",
                                            "addresses": "a@example.org"}).status_code == 404
    assert not SurveyToken.objects.exists() and mail.outbox == []


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("mail server down")
