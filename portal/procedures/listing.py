"""How each kind of procedure is presented in the one overview of all procedures.

The overview (`/verfahren/`, `/<authority>/verfahren/`, `/api/procedures/`) lists procedures of
every kind; only the app that registers a kind knows where its public page is, whether a
procedure is public at all and where it lies. An app registers a `ProcedureListing` in its
AppConfig.ready() (docs/procedure-overview.md):

    listing.register(listing.ProcedureListing(
        kinds=("dialogue",),
        present=present_dialogues,          # batch: procedures -> {procedure id: Presentation}
        is_public=lambda: Q(dialogue__isnull=False),
        located_in=lambda area: Q(dialogue__area__intersects=area),
    ))

`present` receives the procedures of one page (their phases prefetched) and answers with one
or a few queries, however many procedures there are: the overview's queries stay bounded.
A kind without a listing is not in the overview.
"""

from collections.abc import Callable, Iterable, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass

from django.contrib.gis.geos import GEOSGeometry
from django.db.models import Q


@dataclass(frozen=True)
class Presentation:
    """One procedure as the overview shows it."""

    #: Its public page; empty when it has none now (the overview then shows no link).
    url: str = ""
    #: A point or geometry in WGS84 (EPSG:4326) for the map and the API; None if it has no place.
    location: GEOSGeometry | None = None
    #: A short plain-text summary (escaped by the templates).
    summary: str = ""


@dataclass(frozen=True)
class ProcedureListing:
    #: Procedure kind codes (registry.ProcedureKind.code) this listing presents.
    kinds: tuple[str, ...]
    #: Batch: procedures (phases prefetched) -> {procedure id: Presentation}.
    present: Callable[[Sequence], Mapping[int, Presentation]]
    #: A Q on Procedure: which procedures of these kinds the public may see (e.g. published).
    is_public: Callable[[], Q] = Q
    #: A Q on Procedure: procedures whose place intersects a geometry (storage SRID); None when
    #: the kind has no place (its procedures never match a place or map-extent filter).
    located_in: Callable[[GEOSGeometry], Q] | None = None


_listings: dict[str, ProcedureListing] = {}


def register(entry: ProcedureListing) -> None:
    for code in entry.kinds:
        existing = _listings.get(code)
        if existing is not None and existing != entry:
            raise ValueError(f"Procedure kind {code!r} has two overview listings.")
    for code in entry.kinds:
        _listings[code] = entry


def unregister(entry: ProcedureListing) -> None:
    for code in entry.kinds:
        if _listings.get(code) == entry:
            del _listings[code]


def listing_for(kind: str) -> ProcedureListing | None:
    return _listings.get(kind)


def listed_kinds() -> list[str]:
    return list(_listings)


def listings() -> list[ProcedureListing]:
    """Each registered listing once."""
    unique: list[ProcedureListing] = []
    for entry in _listings.values():
        if entry not in unique:
            unique.append(entry)
    return unique


@contextmanager
def registered_temporarily(*entries: ProcedureListing):
    """For tests: register listings for the duration of a with-block."""
    for entry in entries:
        register(entry)
    try:
        yield
    finally:
        for entry in entries:
            unregister(entry)


def ids_of(procedures: Iterable) -> list[int]:
    return [procedure.pk for procedure in procedures]
