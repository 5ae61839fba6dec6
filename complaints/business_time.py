"""Counting deadlines on a department's service calendar (24/7, or business hours minus holidays)."""

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo


@dataclass(frozen=True)
class Calendar:
    tz: ZoneInfo
    always_open: bool = True
    hours: dict = field(default_factory=dict)  # weekday (Monday=0) -> [(opens, closes), ...]
    holidays: frozenset = frozenset()


MAX_DAYS = 3 * 366  # a calendar with hours always finds them within this horizon


def add_business_time(start: dt.datetime, duration: dt.timedelta, calendar: Calendar) -> dt.datetime:
    """The moment `duration` of the calendar's working time has passed after `start` (aware)."""
    if duration <= dt.timedelta(0):
        return start
    if calendar.always_open or not any(calendar.hours.values()):
        return start + duration
    cursor = start.astimezone(calendar.tz)
    remaining = duration
    day = cursor.date()
    for _ in range(MAX_DAYS):
        if day not in calendar.holidays:
            for opens, closes in sorted(calendar.hours.get(day.weekday(), ())):
                window_start = dt.datetime.combine(day, opens, tzinfo=calendar.tz)
                window_end = dt.datetime.combine(day, closes, tzinfo=calendar.tz)
                if window_end <= cursor:
                    continue
                begin = max(cursor, window_start)
                available = window_end - begin
                if remaining <= available:
                    return (begin + remaining).astimezone(start.tzinfo)
                remaining -= available
                cursor = window_end
        day += dt.timedelta(days=1)
    raise ValueError("The service calendar has no working time in the next three years.")
