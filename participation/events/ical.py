"""iCalendar (RFC 5545) with the icalendar package: one event, or an authority's feed."""

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as VEvent


def _calendar(name: str) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", "-//Beteiligungsportal//Veranstaltungen//DE")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    return calendar


def _vevent(event, url: str) -> VEvent:
    item = VEvent()
    item.add("uid", f"{event.uid}@beteiligungsportal")
    item.add("dtstamp", timezone.now())
    # Instants in UTC: unambiguous across DST, shown in the reader's zone.
    item.add("dtstart", event.starts_at)
    item.add("dtend", event.ends_at)
    item.add("summary", event.title)
    place = event.address or event.online_url
    if place:
        item.add("location", place)
    description = "\n\n".join(part for part in (event.description, event.agenda, url) if part)
    if description:
        item.add("description", description)
    if url:
        item.add("url", url)
    if event.location is not None:
        point = event.location.transform(4326, clone=True)
        item.add("geo", (round(point.y, 6), round(point.x, 6)))
    item.add("organizer", f"mailto:{event.authority.contact_email or settings.DEFAULT_FROM_EMAIL}",
             parameters={"CN": event.authority.name})
    return item


def event_ics(event, url: str = "") -> bytes:
    calendar = _calendar(event.title)
    calendar.add("method", "PUBLISH")
    calendar.add_component(_vevent(event, url))
    return calendar.to_ical()


def feed_ics(authority, events, url_of) -> bytes:
    calendar = _calendar(authority.name)
    for event in events:
        calendar.add_component(_vevent(event, url_of(event)))
    return calendar.to_ical()
