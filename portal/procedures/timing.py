"""Deadlines are calendar facts in Europe/Berlin.

A phase "from 18.08. until 17.09." accepts from 18.08. 00:00:00 until 17.09. 23:59:59.999999
local time, whatever the DST offset on either day. Instants are computed with zoneinfo, so a
day of 23 or 25 hours (DST change) is handled by the library, not by adding 24 hours.
"""

import calendar
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")


def start_of_day(day: date) -> datetime:
    """The first instant of `day` in Berlin (aware)."""
    return datetime.combine(day, time.min, tzinfo=BERLIN)


def end_of_day_exclusive(day: date) -> datetime:
    """The first instant after `day` in Berlin: a period ends *before* this instant."""
    return start_of_day(day + timedelta(days=1))


def last_moment(day: date) -> datetime:
    """23:59:59 on `day` in Berlin, for display ("until 17.09., 23:59")."""
    return datetime.combine(day, time(23, 59, 59), tzinfo=BERLIN)


def berlin_today(now: datetime) -> date:
    return now.astimezone(BERLIN).date()


def add_months(day: date, months: int) -> date:
    """The same day `months` later; the last day of the month where that day does not exist."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def inclusive_days(start: date, end: date) -> int:
    return (end - start).days + 1


def lasts_one_month_and_30_days(start: date, end: date) -> bool:
    """§3(2)/§4(2) BauGB: "für die Dauer eines Monats, mindestens jedoch für die Dauer von 30
    Tagen". A period starting on day D lasts a month when it runs at least until the day before
    D in the following month (1.9.–30.9.), and it must also span 30 calendar days."""
    return end >= add_months(start, 1) - timedelta(days=1) and inclusive_days(start, end) >= 30
