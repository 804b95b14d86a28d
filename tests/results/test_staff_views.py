"""Staff result pages: readiness, release (idempotent), publication, letters; tenancy (404)."""

import pytest
from django.test import Client
from django.urls import reverse

from planning.models import (
    NotificationChannel,
    ResultNotification,
    ResultRelease,
    Statement,
)
from planning.results.release import release_results

from ..factories import make_authority, make_staff, square
from .conftest import decide_everything

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client(headers={"accept-language": "en"})
    client.force_login(user)
    return client


def _urls(plan) -> dict[str, tuple[str, str, dict]]:
    uid = plan.uid
    return {
        "status": ("get", reverse("planning_results:staff", args=[uid]), {}),
        "release": ("post", reverse("planning_results:release", args=[uid]), {"publish": "on"}),
        "publication": ("post", reverse("planning_results:publication", args=[uid]),
                        {"publish": "0"}),
        "letters": ("get", reverse("planning_results:letters", args=[uid]), {}),
        "letters-posted": ("post", reverse("planning_results:letters-posted", args=[uid]),
                           {"up_to": "999999"}),
    }


def _call(client, method, url, data):
    return getattr(client, method)(url, data)


def test_another_authoritys_staff_get_404_everywhere(small_plan, after_phase):
    plan, _phase, _s = small_plan
    decide_everything(plan)
    release_results(plan=plan)
    other = make_authority(name="Nachbarstadt", slug="nachbarstadt",
                           jurisdiction=square(900_000, 5_650_000))
    for role in ("admin", "planner", "viewer"):
        client = _client(make_staff(other, role))
        for name, (method, url, data) in _urls(plan).items():
            assert _call(client, method, url, data).status_code == 404, (role, name)
    assert ResultRelease.objects.get().publish is True
    assert not ResultNotification.objects.filter(channel=NotificationChannel.LETTER,
                                                 sent_at__isnull=False).exists()


def test_read_only_roles_see_but_cannot_act(small_plan, after_phase):
    plan, _phase, _s = small_plan
    decide_everything(plan)
    for role in ("viewer", "moderator"):
        client = _client(make_staff(plan.authority, role))
        expected = {"status": 200, "release": 403, "publication": 403, "letters": 403,
                    "letters-posted": 403}
        got = {name: _call(client, method, url, data).status_code
               for name, (method, url, data) in _urls(plan).items()}
        assert got == expected, role
    assert not ResultRelease.objects.exists()


def test_anonymous_is_sent_to_the_login(small_plan):
    plan, _phase, _s = small_plan
    for name, (method, url, data) in _urls(plan).items():
        response = _call(Client(), method, url, data)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], name


def test_release_refused_with_the_undecided_listed_then_released_once(small_plan, planner,
                                                                      after_phase):
    plan, _phase, s = small_plan
    client = _client(planner)
    urls = _urls(plan)
    page = client.get(urls["status"][1])
    assert page.status_code == 200 and page["Cache-Control"] == "private, no-store"
    text = page.content.decode()
    assert "12 statements" in text and "11 undecided" in text  # only the split one is decided
    assert reverse("planning_workbench:statement", args=[s["letter_a"].uid]) in text
    assert 'id="release-button"' not in text

    refused = client.post(urls["release"][1], {"publish": "on"})
    assert refused.status_code == 409
    assert "11 statements are undecided" in refused.content.decode()
    assert not ResultRelease.objects.exists()

    decide_everything(plan)
    assert 'id="release-button"' in client.get(urls["status"][1]).content.decode()
    first = client.post(urls["release"][1], {"publish": "on"})
    second = client.post(urls["release"][1], {"publish": "on"})  # a double click
    assert first.status_code == second.status_code == 302
    assert ResultRelease.objects.count() == 1 and ResultNotification.objects.count() == 12
    followed = client.get(urls["status"][1]).content.decode()
    assert "already been released" in followed
    assert "0 of 7 sent" in followed and "0 of 5 posted" in followed
    assert reverse("planning_results:public", args=[plan.authority.slug, plan.uid]) in followed
    assert Statement.objects.get(pk=s["nobody"].pk).reference in followed  # cannot be told


def test_letters_download_and_posting(small_plan, planner, after_phase):
    plan, _phase, _s = small_plan
    decide_everything(plan)
    release_results(plan=plan)
    client = _client(planner)
    urls = _urls(plan)
    newest = ResultNotification.objects.filter(channel="letter").order_by("-pk").first().pk
    response = client.get(urls["letters"][1], {"bis": newest})
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Cache-Control"] == "private, no-store"
    assert response["Content-Disposition"] == 'attachment; filename="Ergebnisbriefe-MS-12.pdf"'
    assert response.content.startswith(b"%PDF")
    assert client.get(urls["letters"][1], {"bis": "x"}).status_code == 404
    assert client.post(urls["letters-posted"][1], {"up_to": newest}).status_code == 302
    assert not ResultNotification.objects.filter(channel="letter", sent_at__isnull=True).exists()
    assert "5 of 5 posted" in client.get(urls["status"][1]).content.decode()


def test_publication_can_be_withdrawn_and_restored(small_plan, planner, after_phase):
    plan, _phase, _s = small_plan
    decide_everything(plan)
    release_results(plan=plan)
    client = _client(planner)
    public = reverse("planning_results:public", args=[plan.authority.slug, plan.uid])
    publication = _urls(plan)["publication"][1]
    assert Client().get(public).status_code == 200
    client.post(publication, {"publish": "0"})
    assert Client().get(public).status_code == 404
    client.post(publication, {"publish": "1"})
    assert Client().get(public).status_code == 200
    assert client.post(publication, {"publish": "maybe"}).status_code == 404


def test_waiting_emails_can_be_queued_again(small_plan, planner, after_phase,
                                            django_capture_on_commit_callbacks):
    from django_tasks_db.models import DBTaskResult

    plan, _phase, _s = small_plan
    decide_everything(plan)
    client = _client(planner)
    urls = _urls(plan)
    queued = DBTaskResult.objects.filter(task_path="planning.results.tasks.send_result_emails")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(urls["release"][1], {"publish": "on"})
    assert queued.count() == 1
    page = client.get(urls["status"][1]).content.decode()
    assert 'id="retry-button"' in page and "0 of 7 sent" in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(urls["release"][1], {"publish": "on"})
    assert queued.count() == 2
    assert ResultNotification.objects.count() == 12
