"""Reads of the case engine."""

import datetime as dt

from django.db.models import Q
from django.utils import timezone

from hotelqa.models import Property

from .choices import CaseKind
from .models import FINAL_STATUSES, Case, Revisit


def cases_base():
    return Case.objects.select_related("guest", "department", "assignee", "property")


def cases_open():
    return cases_base().exclude(status__in=FINAL_STATUSES)


def overdue_q(now: dt.datetime) -> Q:
    """Open cases whose running deadline has passed (response first, then resolution)."""
    return (Q(first_response_at__isnull=True, response_due__lt=now) | Q(resolved_at__isnull=True, resolution_due__lt=now)) & ~Q(status__in=FINAL_STATUSES)


def my_queue(*, user, property: Property):
    return cases_open().filter(property=property, assignee=user).order_by("resolution_due")


def department_queue(*, department, property: Property):
    qs = cases_open().filter(property=property)
    if department is not None:
        qs = qs.filter(department=department)
    return qs.order_by("resolution_due")


def revisits_on_list(*, property: Property):
    """Revisits the hourly job has put on the front desk's list and nobody has called yet."""
    return (
        Revisit.objects.filter(property=property, listed_at__isnull=False, done_at__isnull=True)
        .select_related("case", "case__guest")
        .order_by("due_at")
    )


def revisits_upcoming(*, property: Property):
    """Revisits scheduled but not yet due: the desk may call a reachable guest early."""
    return (
        Revisit.objects.filter(property=property, listed_at__isnull=True, done_at__isnull=True)
        .select_related("case", "case__guest")
        .order_by("due_at")
    )


def open_requests(*, property: Property):
    return cases_open().filter(property=property, kind=CaseKind.REQUEST).order_by("resolution_due")


def day_range(start: dt.date, end: dt.date):
    """Aware [start 00:00, day after end 00:00) in the current time zone: the same days as
    `__date__gte/lte`, but as a plain range the (property, received_at) index can serve."""
    tz = timezone.get_current_timezone()
    return (
        dt.datetime.combine(start, dt.time.min, tzinfo=tz),
        dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz),
    )


def deadline_state(case: Case, now: dt.datetime | None = None):
    """(label kind, due, seconds left) for display; seconds negative when overdue."""
    kind, due = case.next_deadline()
    if due is None:
        return None
    now = now or timezone.now()
    return kind, due, int((due - now).total_seconds())
