"""Registry of procedure kinds and phase kinds (plug-ins)."""

from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date

from django.utils.functional import Promise

Text = str | Promise


@dataclass(frozen=True)
class TimingProblem:
    """A problem with a phase's period: 'error' stops saving, 'warning' is shown to staff."""

    level: str  # "error" | "warning"
    message: str


@dataclass(frozen=True)
class PhaseKind:
    code: str
    name: Text
    legal_basis: Text = ""
    audience: str = "public"  # "public" | "agencies" | "restricted"
    accepts_statements: bool = True
    #: Checks of the period; each returns problems for (start, end).
    timing_rules: tuple[Callable[[date, date], Iterable[TimingProblem]], ...] = ()
    description: Text = ""

    def check_period(self, start: date, end: date) -> list[TimingProblem]:
        problems: list[TimingProblem] = []
        for rule in self.timing_rules:
            problems.extend(rule(start, end))
        return problems


@dataclass(frozen=True)
class ProcedureKind:
    code: str
    name: Text
    module: str
    phase_kinds: tuple[str, ...]
    description: Text = ""
    #: Phases a new procedure of this kind is usually planned with, in order.
    default_phases: tuple[str, ...] = field(default=())

    def allows(self, phase_kind: str) -> bool:
        return phase_kind in self.phase_kinds


_procedure_kinds: dict[str, ProcedureKind] = {}
_phase_kinds: dict[str, PhaseKind] = {}


def register_phase_kind(kind: PhaseKind) -> None:
    existing = _phase_kinds.get(kind.code)
    if existing is not None and existing != kind:
        raise ValueError(f"Phase kind {kind.code!r} is registered twice.")
    _phase_kinds[kind.code] = kind


def register_procedure_kind(kind: ProcedureKind) -> None:
    existing = _procedure_kinds.get(kind.code)
    if existing is not None and existing != kind:
        raise ValueError(f"Procedure kind {kind.code!r} is registered twice.")
    unknown = [code for code in kind.phase_kinds if code not in _phase_kinds]
    if unknown:
        raise ValueError(f"Procedure kind {kind.code!r} names unknown phase kinds {unknown}.")
    _procedure_kinds[kind.code] = kind


def procedure_kind(code: str) -> ProcedureKind | None:
    return _procedure_kinds.get(code)


def phase_kind(code: str) -> PhaseKind | None:
    return _phase_kinds.get(code)


def procedure_kinds() -> list[ProcedureKind]:
    return list(_procedure_kinds.values())


def procedure_kind_choices() -> list[tuple[str, str]]:
    return [(k.code, str(k.name)) for k in _procedure_kinds.values()]


def phase_kind_choices() -> list[tuple[str, str]]:
    return [(k.code, str(k.name)) for k in _phase_kinds.values()]


@contextmanager
def registered_temporarily(*kinds: PhaseKind | ProcedureKind):
    """For tests: register kinds for the duration of a with-block."""
    added = []
    for kind in kinds:
        if isinstance(kind, PhaseKind):
            register_phase_kind(kind)
            added.append((_phase_kinds, kind.code))
        else:
            register_procedure_kind(kind)
            added.append((_procedure_kinds, kind.code))
    try:
        yield
    finally:
        for registry, code in added:
            registry.pop(code, None)
