"""Result e-mails: sent after commit by the task worker, once each, retried when SMTP fails."""

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend
from django.utils import translation
from django_tasks_db.models import DBTaskResult

from planning.models import (
    NotificationChannel,
    Plan,
    ResultNotification,
    Statement,
)
from planning.results.release import release_results
from planning.results.tasks import MAX_ATTEMPTS, ResultMailFailed, send_result_emails

from .conftest import MASS_REASONING, decide_everything

BASE = "https://portal.example.org"


class RefusingBackend(EmailBackend):
    """The mail server is down."""

    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP down")


def _by_recipient(outbox):
    return {tuple(m.to): m for m in outbox}


@pytest.mark.django_db(transaction=True)
def test_worker_sends_each_result_email_once(small_plan, run_worker, after_phase, settings):
    settings.LANGUAGE_CODE = "en"
    plan, _phase, _s = small_plan
    decide_everything(plan)
    release_results(plan=plan, base_url=BASE)
    release_results(plan=plan, base_url=BASE)  # a double click: the task is queued twice
    assert len(mail.outbox) == 0  # nothing is sent in the request
    run_worker()
    assert len(mail.outbox) == 7
    assert len({tuple(m.to) for m in mail.outbox}) == 7
    emails = ResultNotification.objects.filter(channel=NotificationChannel.EMAIL)
    assert not emails.filter(sent_at__isnull=True).exists()
    assert not ResultNotification.objects.filter(channel=NotificationChannel.LETTER,
                                                 sent_at__isnull=False).exists()
    release_results(plan=plan, base_url=BASE)
    run_worker()
    send_result_emails.call(plan.pk, BASE)
    assert len(mail.outbox) == 7


@pytest.mark.django_db
def test_mail_contents_per_kind_of_statement(small_plan, after_phase, settings):
    settings.LANGUAGE_CODE = "en"
    plan, _phase, _s = small_plan
    decide_everything(plan)
    release_results(plan=plan, base_url=BASE)
    with translation.override("en"):
        outcome = send_result_emails.call(plan.pk, BASE)
    assert outcome["sent"] == 7 and outcome["failed"] == 0
    mails = _by_recipient(mail.outbox)
    public_url = f"{BASE}/musterstadt/plaene/{plan.uid}/ergebnis/"

    erika = mails[("erika@example.org",)]
    assert "ST-2026-00001" in erika.subject and "Mühlbachwiesen" in erika.subject
    assert "You submitted a statement" in erika.body
    assert "3 September 2026" in erika.body  # received date (English order)
    assert "Anregung ST-2026-00001" in erika.body  # the text excerpt
    assert "Wird berücksichtigt (ST-2026-00001)." in erika.body
    assert public_url in erika.body

    split = mails[("siggi@example.org",)]
    assert "Section 1" in split.body and "Section 2" in split.body
    assert "Eine Querungshilfe wird vorgesehen." in split.body
    assert "Die Lärmwerte werden eingehalten." in split.body

    mass = mails[("max@example.org",)]
    assert MASS_REASONING in mass.body
    assert "weighed together with 1 statement of the same" in mass.body

    agency = mails[("toeb@lfu.example.org", "poststelle@lfu.example.org")]
    assert "Keine Bedenken" in agency.body

    cosigner = mails[("clara@example.org",)]
    assert "You co-signed the statement ST-2026-00012" in cosigner.body
    assert "(öffentlich)" in cosigner.body  # the text shown publicly, not the original
    assert "Otto" not in cosigner.body  # nobody else's personal data
    assert all("Otto" not in m.body for key, m in mails.items() if key != ("otto@example.org",))


@pytest.mark.django_db
def test_no_crlf_from_user_data_reaches_a_header(small_plan, after_phase):
    plan, _phase, s = small_plan
    Plan.objects.filter(pk=plan.pk).update(name="Mühlbach\r\nBcc: evil@example.net")
    Statement.objects.filter(pk=s["mail"].pk).update(
        name="Erika\r\nBcc: evil@example.net",
        email="erika@example.org\r\nBcc: evil@example.net")
    Statement.objects.filter(pk=s["anon_mail"].pk).update(email="anonym@example.org\nX: y")
    decide_everything(plan)
    release_results(plan=plan)
    erika = ResultNotification.objects.get(statement=s["mail"])
    assert erika.channel == NotificationChannel.LETTER  # the bad address is not used
    assert not ResultNotification.objects.filter(statement=s["anon_mail"]).exists()
    send_result_emails.call(plan.pk, "")
    assert len(mail.outbox) == 5
    for message in mail.outbox:
        raw = message.message().as_string()
        headers = raw.split("\n\n", 1)[0]
        names = {line.split(":", 1)[0] for line in headers.splitlines()
                 if not line.startswith((" ", "\t"))}
        assert names <= {"Content-Type", "MIME-Version", "Content-Transfer-Encoding", "Subject",
                         "From", "To", "Reply-To", "Date", "Message-ID"}
        assert message.message()["Bcc"] is None
        assert message.bcc == [] and "evil@example.net" not in message.recipients()
        assert "\r" not in message.subject and "\n" not in message.subject
        assert "Mühlbach Bcc" in message.subject  # flattened to one line


@pytest.mark.django_db
def test_smtp_failure_is_retried_later_and_recorded(small_plan, after_phase, settings):
    plan, _phase, _s = small_plan
    decide_everything(plan)
    release_results(plan=plan)
    settings.EMAIL_BACKEND = "tests.results.test_mail.RefusingBackend"
    outcome = send_result_emails.call(plan.pk, "")
    assert outcome == {"sent": 0, "failed": 7, "skipped": 0, "invalid": 0, "attempt": 1}
    assert not ResultNotification.objects.filter(channel="email", sent_at__isnull=False).exists()
    retry = DBTaskResult.objects.get(task_path="planning.results.tasks.send_result_emails")
    assert retry.args_kwargs["args"] == [plan.pk, "", 2]
    assert retry.run_after > after_phase

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    outcome = send_result_emails.call(plan.pk, "", 2)
    assert outcome["sent"] == 7 and len(mail.outbox) == 7
    assert not ResultNotification.objects.filter(channel="email", sent_at__isnull=True).exists()


@pytest.mark.django_db
def test_the_last_attempt_fails_loudly(small_plan, after_phase, settings):
    plan, _phase, _s = small_plan
    decide_everything(plan)
    release_results(plan=plan)
    settings.EMAIL_BACKEND = "tests.results.test_mail.RefusingBackend"
    with pytest.raises(ResultMailFailed, match="7 result e-mails"):
        send_result_emails.call(plan.pk, "", MAX_ATTEMPTS)
    assert not DBTaskResult.objects.filter(
        task_path="planning.results.tasks.send_result_emails").exists()
