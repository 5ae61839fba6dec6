"""The manuals' rules across date edges: 15 days of pre-job training, rotation every 2 years, pass marks."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from training import rules, selectors, services

from .helpers import course, staff


@pytest.mark.parametrize("days, complete, missing", [(0, False, 15), (14, False, 1), (15, True, 0), (16, True, 0)])
def test_pre_job_needs_fifteen_days(days, complete, missing):
    assert rules.pre_job_complete(days) is complete
    assert rules.pre_job_missing(days) == missing


@pytest.mark.parametrize("hired, last, today, due", [
    (dt.date(2024, 3, 1), None, dt.date(2026, 2, 28), False),   # the day before the second anniversary
    (dt.date(2024, 3, 1), None, dt.date(2026, 3, 1), True),     # on the anniversary
    (dt.date(2024, 2, 29), None, dt.date(2026, 2, 27), False),  # leap day: due on 28 February
    (dt.date(2024, 2, 29), None, dt.date(2026, 2, 28), True),
    (dt.date(2018, 1, 1), dt.date(2025, 6, 30), dt.date(2027, 6, 29), False),  # counted from the last rotation
    (dt.date(2018, 1, 1), dt.date(2025, 6, 30), dt.date(2027, 6, 30), True),
])
def test_rotation_every_two_years(hired, last, today, due):
    assert rules.rotation_is_due(hire_date=hired, last_rotation=last, today=today) is due


@pytest.mark.parametrize("score, mark, result", [(Decimal("69.9"), 70, False), (Decimal(70), 70, True), (Decimal(100), 70, True), (None, 70, None)])
def test_pass_mark_decides(score, mark, result):
    assert rules.passed(score, mark) is result


def test_certificate_expiry_adds_months_and_keeps_month_ends():
    assert rules.certificate_expiry(dt.date(2026, 1, 31), 1) == dt.date(2026, 2, 28)
    assert rules.certificate_expiry(dt.date(2026, 5, 15), 12) == dt.date(2027, 5, 15)
    assert rules.certificate_expiry(dt.date(2026, 5, 15), None) is None


def test_pre_job_days_are_distinct_days_attended(db, property_a):
    pre = course(property_a, code="PRE", is_pre_job=True)
    today = timezone.localdate()
    person = staff(property_a, hired=today - dt.timedelta(days=20))[0]
    for d in range(15):
        s = services.session_create(property=property_a, course=pre, date=today - dt.timedelta(days=20 - d), staff=[person])
        if d < 14:
            services.scores_record(session=s, rows={a.pk: {"attended": True} for a in s.attendances.all()})
    facts = selectors.staff_rules([person], today)[person.pk]
    assert facts["pre_job_days"] == 14 and not facts["pre_job_ok"] and facts["new_hire"]
    last = pre.sessions.order_by("-date").first()
    services.attendance_mark(session=last, staff_id=person.pk)
    assert selectors.staff_rules([person], today)[person.pk]["pre_job_ok"]
