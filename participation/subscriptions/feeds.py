"""Atom feeds (RFC 4287) of the public events, per authority and per area, without subscribing.

The entries are the events of the topic registry of the last FEED_DAYS (newest first, at most
FEED_ENTRIES): public plan names, phases and dates, never personal data. Entry ids are tag URIs
(RFC 4151) from the event's stable key.
"""

from datetime import timedelta

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape

from . import topics

FEED_DAYS = 90
FEED_ENTRIES = 50


def recent_events(*, area=None, authority=None, now=None) -> list[topics.Event]:
    now = now or timezone.now()
    events = topics.events_between(now - timedelta(days=FEED_DAYS), now, area=area,
                                   authority=authority)
    return list(reversed(events))[:FEED_ENTRIES]


def atom_response(request, *, title: str, subtitle: str, events: list[topics.Event]) -> HttpResponse:
    host = request.get_host().split(":")[0] or "localhost"
    feed = Atom1Feed(
        title=title, link=request.build_absolute_uri("/"), description=subtitle,
        feed_url=request.build_absolute_uri(), language=request.LANGUAGE_CODE,
        author_name=settings.PORTAL_NAME, feed_guid=request.build_absolute_uri(),
    )
    for event in events:
        feed.add_item(
            title=event.title, link=request.build_absolute_uri(event.url),
            # The summary is of type "html": escaped, so a reader shows the text as text.
            description=escape(event.summary), unique_id=f"tag:{host},2026:{event.key}",
            unique_id_is_permalink=False, pubdate=event.happened_at,
            updateddate=event.happened_at, categories=[event.topic],
            author_name=event.authority_name,
        )
    response = HttpResponse(content_type="application/atom+xml; charset=utf-8")
    feed.write(response, "utf-8")
    response["Cache-Control"] = "public, max-age=300"
    return response
