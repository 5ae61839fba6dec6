"""The manuals' rules, as pure functions of dates (003 ch.6).

- Pre-job training 岗前培训 (003 §6.1): a new hire has at least 15 days of pre-job training before
  working alone. A day counts when the person attended a session of a pre-job course on it; the
  record shows the days done and is flagged until there are 15.
- Rotation training 岗位轮训 (003 §6.2): every 2 years, counted from the last rotation course
  attended or, before the first, from the hire date. It is due on that anniversary itself.
"""

import datetime as dt

PRE_JOB_DAYS = 15
ROTATION_YEARS = 2
# Staff hired this recently are new hires: their pre-job training is checked and listed.
NEW_HIRE_DAYS = 365
# The 15 days are due within the first weeks: by this many days after the hire date (the hire
# date counted as day 0). The pre-job compliance KPI counts each new hire on that due date.
PRE_JOB_DUE_DAYS = 30


def pre_job_due_on(hire_date: dt.date) -> dt.date:
    return hire_date + dt.timedelta(days=PRE_JOB_DUE_DAYS)


def add_years(day: dt.date, years: int) -> dt.date:
    """The same calendar day `years` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def is_new_hire(hire_date: dt.date, today: dt.date) -> bool:
    return hire_date is not None and 0 <= (today - hire_date).days < NEW_HIRE_DAYS


def pre_job_complete(days_done: int) -> bool:
    return days_done >= PRE_JOB_DAYS


def pre_job_missing(days_done: int) -> int:
    return max(PRE_JOB_DAYS - days_done, 0)


def rotation_due_on(*, hire_date: dt.date, last_rotation: dt.date | None) -> dt.date:
    return add_years(last_rotation or hire_date, ROTATION_YEARS)


def rotation_is_due(*, hire_date: dt.date, last_rotation: dt.date | None, today: dt.date) -> bool:
    return today >= rotation_due_on(hire_date=hire_date, last_rotation=last_rotation)


def certificate_expiry(issued_on: dt.date, validity_months: int | None) -> dt.date | None:
    """Issue date plus the course's validity in months (the last valid day is the day before)."""
    if not validity_months:
        return None
    month = issued_on.month - 1 + validity_months
    year, month = issued_on.year + month // 12, month % 12 + 1
    for day in (issued_on.day, 30, 29, 28):
        try:
            return dt.date(year, month, day)
        except ValueError:
            continue


def passed(score, pass_mark) -> bool | None:
    if score is None:
        return None
    return score >= pass_mark
