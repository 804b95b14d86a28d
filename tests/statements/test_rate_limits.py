"""Anonymous writes are limited (issue #9, finding 3): per client, per target address, one
statement per rendered form, receipts rate-limited per address, co-signatures confirmed by
e-mail; the cache failing means refusing (fail closed)."""

import re
import time
import uuid
from datetime import UTC, datetime, timedelta

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from planning.models import CoSignature, ModerationState, Statement, StatementSettings
from planning.services.statements import Identity, Submission, create_statement
from planning.statements.attachments import check_attachments
from planning.statements.errors import StatementRefused
from planning.statements.forms import rendered_token

from .conftest import pdf_upload

pytestmark = pytest.mark.django_db
OPEN = datetime(2026, 10, 1, 10, 0, tzinfo=UTC)
VICTIM = "opfer@example.org"


@pytest.fixture
def client(client, django_capture_on_commit_callbacks):
    """The test client, with what a request queues on commit (e-mails) run at its end."""

    class Committing:
        def __getattr__(self, name):
            return getattr(client, name)

        def post(self, *args, **kwargs):
            with django_capture_on_commit_callbacks(execute=True):
                return client.post(*args, **kwargs)

    return Committing()


@pytest.fixture
def documented_limits(settings):
    settings.PORTAL_RATE_LIMITS = dict(settings.DOCUMENTED_RATE_LIMITS)
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
                                  "QUEUES": ["default", "ingest"]}}
    return settings.PORTAL_RATE_LIMITS


def limit_count(name: str) -> int:
    from django.conf import settings

    return int(settings.DOCUMENTED_RATE_LIMITS[name].split("/")[0])


def form_url(plan):
    return reverse("planning:statement-form", args=[plan.authority.slug, plan.uid])


def statement_payload(text="Bitte den Bach offen lassen.", email=VICTIM, key=None):
    key = key or str(uuid.uuid4())
    return {"idempotency_key": key, "rendered": rendered_token(key, at=time.time() - 60),
            "website": "", "text": text, "anonymous": "yes", "email": email,
            "privacy_accepted": "on", "location": ""}


@time_machine.travel(OPEN)
def test_500_submissions_from_one_client_beyond_the_limit_get_429(client, plan, phase, notice,
                                                                  documented_limits):
    allowed = limit_count("statement-client")
    statuses = []
    for i in range(500):
        response = client.post(form_url(plan), statement_payload(text=f"Nummer {i}"),
                               HTTP_ACCEPT_LANGUAGE="en")
        statuses.append(response.status_code)
        if response.status_code == 429:
            last_refusal = response
    assert statuses[:allowed] == [302] * allowed
    assert statuses[allowed:] == [429] * (500 - allowed)
    assert Statement.objects.count() == allowed
    assert int(last_refusal["Retry-After"]) > 0
    assert "Too many requests from your connection" in last_refusal.content.decode()
    # API clients get the same refusal as JSON.
    refused = client.post(form_url(plan), statement_payload(), HTTP_ACCEPT="application/json")
    assert refused.status_code == 429 and "retry_after" in refused.json()
    # The victim address got at most the documented number of receipts.
    to_victim = [m for m in mail.outbox if m.to == [VICTIM]]
    assert len(to_victim) == limit_count("receipt-mail-address")
    # Reading is not limited.
    assert client.get(form_url(plan)).status_code == 200


@time_machine.travel(OPEN)
def test_one_address_from_many_clients_gets_at_most_the_documented_receipts(
        client, plan, phase, notice, documented_limits):
    for i in range(30):
        response = client.post(form_url(plan), statement_payload(text=f"Text {i}"),
                               REMOTE_ADDR=f"198.51.100.{i + 1}")
        assert response.status_code == 302
    assert Statement.objects.count() == 30  # every statement is accepted
    assert len([m for m in mail.outbox if m.to == [VICTIM]]) == limit_count("receipt-mail-address")
    withheld = Statement.objects.filter(receipt_mail_withheld=True)
    assert withheld.count() == 30 - limit_count("receipt-mail-address")
    # The receipt page of the last one says that no e-mail was sent.
    receipt = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "No e-mail is sent to opfer@example.org" in receipt
    assert Statement.objects.latest("pk").reference in receipt


@time_machine.travel(OPEN)
def test_spoofed_forwarded_for_does_not_make_new_clients(client, plan, phase, notice,
                                                        documented_limits):
    allowed = limit_count("statement-client")
    statuses = [client.post(form_url(plan), statement_payload(text=f"T {i}"),
                            HTTP_X_FORWARDED_FOR=f"203.0.113.{i}").status_code
                for i in range(allowed + 3)]
    assert statuses[allowed:] == [429] * 3


@time_machine.travel(OPEN)
def test_trusted_proxy_header_names_the_client(client, plan, phase, notice, documented_limits,
                                               settings):
    settings.PORTAL_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    allowed = limit_count("statement-client")
    # Behind the proxy every request comes from its address; the last X-Forwarded-For entry
    # (the one the proxy appended) is the client.
    for i in range(allowed + 3):
        response = client.post(form_url(plan), statement_payload(text=f"T {i}"),
                               REMOTE_ADDR="10.0.0.2",
                               HTTP_X_FORWARDED_FOR=f"1.2.3.4, 203.0.113.{i}")
        assert response.status_code == 302


@time_machine.travel(OPEN)
def test_a_rendered_form_makes_one_statement(client, plan, phase, notice):
    page = client.get(form_url(plan)).content.decode()
    key = re.search(r'name="idempotency_key" value="([^"]+)"', page).group(1)
    token = re.search(r'name="rendered" value="([^"]+)"', page).group(1)
    data = {**statement_payload(key=key), "rendered": token}
    with time_machine.travel(OPEN + timedelta(seconds=10)):
        first = client.post(form_url(plan), data)
        replay = client.post(form_url(plan), data)
        other_text = client.post(form_url(plan), {**data, "text": "Ganz anderer Text"},
                                 HTTP_ACCEPT_LANGUAGE="en")
        other_key = client.post(form_url(plan), {**data, "idempotency_key": str(uuid.uuid4())},
                                HTTP_ACCEPT_LANGUAGE="en")
    assert first.status_code == 302 and replay["Location"] == first["Location"]
    assert other_text.status_code == 400
    assert other_key.status_code == 400
    assert "already been used for a statement" in other_key.content.decode()
    assert Statement.objects.count() == 1


def test_attachments_together_are_limited(settings):
    settings.PORTAL_MAX_ATTACHMENTS_TOTAL_BYTES = 2 * 1024 * 1024
    big = pdf_upload()
    big.size = 1024 * 1024 + 1
    with pytest.raises(StatementRefused) as refused:
        check_attachments([big, big])
    assert "at most 2 MB are accepted per statement" in refused.value.messages[0]


@time_machine.travel(OPEN)
def test_cache_down_refuses_anonymous_writes(client, plan, phase, notice, documented_limits,
                                             settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        # A closed local port: every cache call fails.
        "down": {"BACKEND": "django.core.cache.backends.redis.RedisCache",
                 "LOCATION": "redis://127.0.0.1:9/0"},
    }
    settings.RATELIMIT_USE_CACHE = "down"
    response = client.post(form_url(plan), statement_payload(), HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 503 and response["Retry-After"]
    assert "not possible at the moment" in response.content.decode()
    assert Statement.objects.count() == 0
    assert client.get(form_url(plan)).status_code == 200
    # A statement from another channel: accepted, its receipt e-mail withheld (fail closed).
    with time_machine.travel(OPEN):
        statement, _ = create_statement(plan=plan, phase=phase, privacy_notice=notice,
                                        submission=Submission(text="x", identity=Identity(
                                            is_anonymous=True, email=VICTIM)))
    assert statement.receipt_mail_withheld and mail.outbox == []


# Co-signing -------------------------------------------------------------------------------

@pytest.fixture
def approved(plan, phase, notice):
    StatementSettings.objects.create(phase=phase, display_publicly=True, allow_cosigning=True)
    with time_machine.travel(OPEN):
        statement, _ = create_statement(plan=plan, phase=phase, privacy_notice=notice,
                                        submission=Submission(text="Der Uferweg muss bleiben."))
    statement.moderation = ModerationState.APPROVED
    statement.save()
    return statement


def cosign_url(plan, statement):
    return reverse("planning:cosign", args=[plan.authority.slug, plan.uid, statement.uid])


def public_count(client, plan) -> str:
    html = client.get(reverse("planning:public-statements",
                              args=[plan.authority.slug, plan.uid]),
                      HTTP_ACCEPT_LANGUAGE="en").content.decode()
    return re.search(r"(\d+) co-signature", html).group(1)


@time_machine.travel(OPEN)
def test_cosignature_counts_only_after_the_link_in_the_mail(client, plan, approved,
                                                            documented_limits):
    response = client.post(cosign_url(plan, approved), {
        "name": "Max Muster", "email": "Max@Example.org", "website": ""})
    assert response.status_code == 302
    signature = CoSignature.objects.get()
    assert signature.confirmed_at is None and public_count(client, plan) == "0"
    (message,) = mail.outbox
    assert message.to == ["max@example.org"]
    link = re.search(r"https?://\S+", message.body).group(0)
    path = link.split("testserver", 1)[1]
    assert client.get(path).status_code == 200  # a mail scanner opening the link confirms nothing
    assert CoSignature.objects.confirmed().count() == 0
    assert client.post(path).status_code == 302
    assert public_count(client, plan) == "1"
    assert client.post(path).status_code == 302  # once: the second time says it was confirmed
    assert CoSignature.objects.confirmed().count() == 1
    forged = path.replace(path.rstrip("/").rsplit("/", 1)[1], "eyJjIjoxfQ:forged:sig")
    assert client.post(forged).status_code == 400


@time_machine.travel(OPEN)
def test_made_up_addresses_never_count(client, plan, approved, documented_limits):
    for i in range(limit_count("cosign-client")):
        client.post(cosign_url(plan, approved), {"name": f"Bot {i}",
                                                 "email": f"bot{i}@example.invalid",
                                                 "website": ""})
    assert CoSignature.objects.count() == limit_count("cosign-client")
    assert public_count(client, plan) == "0"
    refused = client.post(cosign_url(plan, approved), {"name": "Bot", "email": "x@example.org",
                                                       "website": ""})
    assert refused.status_code == 429


@time_machine.travel(OPEN)
def test_confirmation_mails_per_address_are_limited(client, plan, approved, documented_limits):
    allowed = limit_count("cosign-address")
    statuses = [client.post(cosign_url(plan, approved),
                            {"name": "Max", "email": VICTIM, "website": ""},
                            REMOTE_ADDR=f"198.51.100.{i + 1}").status_code
                for i in range(allowed + 2)]
    assert statuses == [302] * allowed + [429, 429]
    assert len(mail.outbox) <= allowed


def test_confirmation_link_expires(client, plan, approved, documented_limits):
    with time_machine.travel(OPEN):
        client.post(cosign_url(plan, approved), {"name": "Max", "email": "max@example.org",
                                                 "website": ""})
    path = re.search(r"https?://testserver(\S+)", mail.outbox[0].body).group(1)
    with time_machine.travel(OPEN + timedelta(days=8)):
        assert client.post(path).status_code == 400
    assert CoSignature.objects.confirmed().count() == 0
