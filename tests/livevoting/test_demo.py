import pytest
from django.test import Client, override_settings
from django.urls import reverse

from fixtures.demo import load_demo_data
from participation.livevoting.models import VotingSession

pytestmark = pytest.mark.django_db


def test_demo_data_prepares_one_live_voting_in_musterstadt():
    with override_settings(DEBUG=True):
        load_demo_data()
        load_demo_data()
    session = VotingSession.objects.get()
    assert session.authority.slug == "musterstadt" and session.is_open()
    assert session.procedure.kind == "live_vote"
    assert [q.type for q in session.questions.all()] == ["single", "multiple", "scale", "words"]
    assert not session.questions.filter(state="open").exists()
    page = Client().get("/musterstadt/").content.decode()
    assert session.title in page
    assert Client().get(reverse("livevoting:vote", args=[session.code])).status_code == 200
