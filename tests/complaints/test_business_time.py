import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from complaints.business_time import Calendar, add_business_time

TZ = ZoneInfo("Asia/Shanghai")
NINE_TO_SIX = {d: [(dt.time(9), dt.time(18))] for d in range(5)}  # Monday–Friday


def at(y, m, d, h, mi=0):
    return dt.datetime(y, m, d, h, mi, tzinfo=TZ)


def test_round_the_clock_is_plain_addition():
    start = at(2026, 11, 20, 23, 50)
    assert add_business_time(start, dt.timedelta(hours=4), Calendar(tz=TZ)) == at(2026, 11, 21, 3, 50)


def test_within_one_working_day():
    cal = Calendar(tz=TZ, always_open=False, hours=NINE_TO_SIX)
    assert add_business_time(at(2026, 11, 23, 10), dt.timedelta(hours=3), cal) == at(2026, 11, 23, 13)


def test_friday_afternoon_runs_over_the_weekend_to_monday():
    cal = Calendar(tz=TZ, always_open=False, hours=NINE_TO_SIX)
    # Friday 16:00 + 4 working hours = 2 h Friday + 2 h Monday.
    assert add_business_time(at(2026, 11, 20, 16), dt.timedelta(hours=4), cal) == at(2026, 11, 23, 11)


def test_start_on_saturday_begins_counting_monday_morning():
    cal = Calendar(tz=TZ, always_open=False, hours=NINE_TO_SIX)
    assert add_business_time(at(2026, 11, 21, 12), dt.timedelta(minutes=15), cal) == at(2026, 11, 23, 9, 15)


def test_holiday_is_skipped():
    cal = Calendar(tz=TZ, always_open=False, hours=NINE_TO_SIX, holidays=frozenset({dt.date(2026, 11, 23)}))
    assert add_business_time(at(2026, 11, 20, 17), dt.timedelta(hours=2), cal) == at(2026, 11, 24, 10)


def test_split_shifts_and_exact_end_of_window():
    cal = Calendar(tz=TZ, always_open=False, hours={0: [(dt.time(14), dt.time(18)), (dt.time(8), dt.time(12))]})
    assert add_business_time(at(2026, 11, 23, 7), dt.timedelta(hours=4), cal) == at(2026, 11, 23, 12)
    assert add_business_time(at(2026, 11, 23, 7), dt.timedelta(hours=5), cal) == at(2026, 11, 23, 15)


def test_start_after_closing_moves_to_next_day():
    cal = Calendar(tz=TZ, always_open=False, hours=NINE_TO_SIX)
    assert add_business_time(at(2026, 11, 24, 19), dt.timedelta(minutes=30), cal) == at(2026, 11, 25, 9, 30)


def test_zero_duration_returns_start():
    cal = Calendar(tz=TZ, always_open=False, hours=NINE_TO_SIX)
    assert add_business_time(at(2026, 11, 21, 3), dt.timedelta(0), cal) == at(2026, 11, 21, 3)


def test_result_keeps_callers_timezone():
    cal = Calendar(tz=TZ, always_open=False, hours=NINE_TO_SIX)
    start = at(2026, 11, 23, 10).astimezone(dt.timezone.utc)
    result = add_business_time(start, dt.timedelta(hours=1), cal)
    assert result.tzinfo == dt.timezone.utc and result == at(2026, 11, 23, 11)


def test_calendar_without_any_hours_counts_round_the_clock():
    cal = Calendar(tz=TZ, always_open=False, hours={})
    assert add_business_time(at(2026, 11, 21, 3), dt.timedelta(hours=1), cal) == at(2026, 11, 21, 4)


@pytest.mark.parametrize("hours", [1, 7, 9, 20, 45])
def test_working_time_inside_result_equals_duration(hours):
    """Summing the open time between start and result gives back the duration."""
    cal = Calendar(tz=TZ, always_open=False, hours=NINE_TO_SIX)
    start = at(2026, 11, 20, 15, 20)
    end = add_business_time(start, dt.timedelta(hours=hours), cal)
    total, t = dt.timedelta(0), start
    while t < end:
        if t.weekday() < 5 and dt.time(9) <= t.time() < dt.time(18):
            total += dt.timedelta(minutes=1)
        t += dt.timedelta(minutes=1)
    assert total == dt.timedelta(hours=hours)
