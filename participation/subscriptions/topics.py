"""The registry of what one can subscribe to: topics, each with the events it produces.

A topic has a code (stored in Subscription.topics), a label for the subscribe form and a source:
a function `(since, until, *, area=None, authority=None) -> list[Event]` of the public events
in that period (optionally only those intersecting `area`, a geometry in the storage SRID, or
of one authority). The planning
topics are registered in events.py; a future module (incident reports, dialogues) registers
its own in its AppConfig.ready:

    from participation.subscriptions.topics import Topic, register
    register(Topic("reports", _("Incident reports"), report_events))

An Event names the plan area (or any geometry in the storage SRID) it concerns; notices go to
the confirmed subscriptions whose area intersects it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.contrib.gis.geos import GEOSGeometry


@dataclass(frozen=True)
class Event:
    """One public event: its key is unique and stable (the delivery log is keyed on it)."""

    key: str  # e.g. "phase-opened:12:2026-10-01"
    topic: str
    happened_at: datetime
    title: str  # public text only: no personal data
    summary: str
    url: str  # path on the portal, e.g. /gemeinde/plaene/<uuid>/
    geometry: GEOSGeometry | None  # storage SRID
    authority_slug: str
    authority_name: str


@dataclass(frozen=True)
class Topic:
    code: str
    label: str
    source: Callable[..., list[Event]]


_TOPICS: dict[str, Topic] = {}


def register(topic: Topic) -> None:
    _TOPICS[topic.code] = topic


def all_topics() -> list[Topic]:
    return list(_TOPICS.values())


def get(code: str) -> Topic | None:
    return _TOPICS.get(code)


def choices() -> list[tuple[str, str]]:
    return [(topic.code, topic.label) for topic in _TOPICS.values()]


def events_between(since: datetime, until: datetime, codes=None, *, area=None,
                   authority=None) -> list[Event]:
    """The events of all (or the named) topics in (since, until], oldest first."""
    found = []
    for topic in _TOPICS.values():
        if codes is None or topic.code in codes:
            found.extend(topic.source(since, until, area=area, authority=authority))
    return sorted(found, key=lambda event: (event.happened_at, event.key))
