"""The procedure/phase engine: Berlin calendar days, DST, BauGB minimum periods, plug-ins."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.core.exceptions import ValidationError

from portal.models import Phase, PhaseState, Procedure
from portal.procedures import registry
from portal.procedures.registry import PhaseKind, ProcedureKind

from .factories import make_authority

pytestmark = pytest.mark.django_db


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.fixture
def procedure():
    return Procedure.objects.create(authority=make_authority(), kind="baugb_regular", title="B-Plan 1")


def make_phase(procedure, kind, start, end, **extra) -> Phase:
    phase = Phase(procedure=procedure, kind=kind, start_date=start, end_date=end, **extra)
    phase.full_clean()
    phase.save()
    return phase


def test_phase_until_17_september_ends_at_midnight_berlin(procedure):
    phase = make_phase(procedure, "baugb_3_2", date(2026, 8, 18), date(2026, 9, 17))
    # CEST = UTC+2: 17.09. 23:59:59 Berlin is 21:59:59 UTC.
    assert phase.state(utc(2026, 9, 17, 21, 59, 59)) == PhaseState.OPEN
    assert phase.state(utc(2026, 9, 17, 22, 0, 0)) == PhaseState.CLOSED
    assert phase.state(utc(2026, 8, 17, 21, 59, 59)) == PhaseState.UPCOMING
    assert phase.state(utc(2026, 8, 17, 22, 0, 0)) == PhaseState.OPEN


def test_the_clock_opens_and_closes_phases(procedure):
    phase = make_phase(procedure, "baugb_3_2", date(2026, 8, 18), date(2026, 9, 17))
    with time_machine.travel(utc(2026, 9, 17, 21, 59, 59), tick=False):
        assert list(Phase.objects.open_at()) == [phase]
        assert procedure.current_phase() == phase
    with time_machine.travel(utc(2026, 9, 17, 22, 0, 0), tick=False):
        assert list(Phase.objects.open_at()) == []
        assert list(Phase.objects.closed_at()) == [phase]
        assert phase.is_open() is False


def test_phase_ending_on_the_dst_change_day(procedure):
    # 25.10.2026: clocks go back from 03:00 CEST to 02:00 CET, the day has 25 hours.
    phase = make_phase(procedure, "baugb_3_2", date(2026, 9, 25), date(2026, 10, 25))
    # The last second 25.10. 23:59:59 is CET (UTC+1) = 22:59:59 UTC.
    with time_machine.travel(utc(2026, 10, 25, 22, 59, 59), tick=False):
        assert phase.is_open() and Phase.objects.open_at().count() == 1
    with time_machine.travel(utc(2026, 10, 25, 23, 0, 0), tick=False):
        assert not phase.is_open() and Phase.objects.open_at().count() == 0
    # The phase opened at 25.09. 00:00 CEST = 24.09. 22:00 UTC.
    assert phase.starts_at == utc(2026, 9, 24, 22, 0)


def test_phase_starting_on_the_spring_dst_day(procedure):
    # 28.03.2027: 02:00 CET -> 03:00 CEST; the day starts at 00:00 CET = 27.03. 23:00 UTC.
    phase = make_phase(procedure, "baugb_3_2", date(2027, 3, 28), date(2027, 4, 30))
    assert phase.starts_at == utc(2027, 3, 27, 23, 0)
    assert phase.ends_before == utc(2027, 4, 30, 22, 0)  # 01.05. 00:00 CEST


@pytest.mark.parametrize(
    ("start", "end", "ok"),
    [
        (date(2026, 9, 1), date(2026, 9, 30), True),     # one month, 30 days
        (date(2026, 9, 1), date(2026, 9, 29), False),    # 29 days
        (date(2027, 2, 1), date(2027, 3, 2), True),      # February: 30 days needed, month is shorter
        (date(2027, 2, 1), date(2027, 2, 28), False),    # a month, but only 28 days
        (date(2026, 8, 1), date(2026, 8, 30), False),    # 30 days, but August has 31: not a month
        (date(2026, 8, 1), date(2026, 8, 31), True),
    ],
)
def test_publication_needs_one_month_and_30_days(procedure, start, end, ok):
    for kind in ("baugb_3_2", "baugb_4_2"):
        phase = Phase(procedure=procedure, kind=kind, start_date=start, end_date=end)
        if ok:
            phase.full_clean()
        else:
            with pytest.raises(ValidationError) as exc:
                phase.full_clean()
            assert "end_date" in exc.value.message_dict
            assert "30" in " ".join(exc.value.message_dict["end_date"])


def test_shortened_renewed_publication_is_a_warning_to_confirm(procedure):
    phase = Phase(procedure=procedure, kind="baugb_4a_3", start_date=date(2026, 9, 1),
                  end_date=date(2026, 9, 14))
    with pytest.raises(ValidationError) as exc:
        phase.full_clean()
    assert "timing_warnings_acknowledged" in exc.value.message_dict
    phase.timing_warnings_acknowledged = True
    phase.full_clean()
    assert [p.level for p in phase.timing_problems()] == ["warning"]


def test_end_before_start_is_refused(procedure):
    with pytest.raises(ValidationError) as exc:
        make_phase(procedure, "baugb_3_1", date(2026, 9, 10), date(2026, 9, 1))
    assert "end_date" in exc.value.message_dict
    assert Phase.objects.count() == 0


def test_simplified_procedure_skips_early_phases():
    procedure = Procedure.objects.create(authority=make_authority(), kind="baugb_13", title="§13")
    with pytest.raises(ValidationError) as exc:
        make_phase(procedure, "baugb_3_1", date(2026, 9, 1), date(2026, 9, 30))
    assert "kind" in exc.value.message_dict
    make_phase(procedure, "baugb_3_2", date(2026, 9, 1), date(2026, 9, 30))


def test_other_procedure_kinds_plug_in():
    survey_phase = PhaseKind("test_survey_round", "Umfragerunde", audience="public")
    survey = ProcedureKind("test_survey", "Umfrage", "surveys", ("test_survey_round",))
    with registry.registered_temporarily(survey_phase, survey):
        procedure = Procedure(authority=make_authority(), kind="test_survey", title="Umfrage")
        procedure.full_clean()
        procedure.save()
        phase = make_phase(procedure, "test_survey_round", date(2026, 9, 1), date(2026, 9, 3))
        assert phase.display_title == "Umfragerunde"
        assert phase.state(utc(2026, 9, 2, 12)) == PhaseState.OPEN
        with pytest.raises(ValidationError):
            make_phase(procedure, "baugb_3_2", date(2026, 9, 1), date(2026, 9, 30))
    assert registry.procedure_kind("test_survey") is None
