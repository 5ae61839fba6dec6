"""What training says about one person's month (hotelqa.staff_metrics): sessions they attended,
training assessments they passed, and the certificates they held valid at the month's end.

Training records point to the staff record, not to a login: a person without one has figures too."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hotelqa.staff_metrics import COUNT, StaffMetric, add_months, month_key, months_between, register, shared

from .models import Attendance, Certification


def _local_days(staff, start, end):
    """[first day, day after the last) of the interval, as dates of the property's time zone."""
    tz = ZoneInfo(staff.property.time_zone)
    return start.astimezone(tz).date(), end.astimezone(tz).date()


def _attendance(staff, start, end):
    first, after = _local_days(staff, start, end)
    rows = (Attendance.objects.filter(staff_id=staff.pk, attended=True, session__date__gte=first, session__date__lt=after)
            .annotate(month=TruncMonth("session__date")).values("month")
            .annotate(n=Count("id"), passed=Count("id", filter=Q(passed=True))).order_by("month"))
    return {month_key(r["month"]): (r["n"], r["passed"]) for r in rows}


def sessions_attended(staff, start, end):
    return {m: n for m, (n, _passed) in shared(_attendance, staff, start, end).items()}


def assessments_passed(staff, start, end):
    return {m: passed for m, (_n, passed) in shared(_attendance, staff, start, end).items() if passed}


def certificates_valid(staff, start, end):
    """Certificates valid on the last day of each month (today, for the month under way): one
    query for the person's certificates, counted per month here."""
    first, after = _local_days(staff, start, end)
    held = list(Certification.objects.filter(staff_id=staff.pk, issued_on__lt=after)
                .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=first)).values_list("issued_on", "expires_on"))
    if not held:
        return {}
    today = timezone.localdate()
    values = {}
    for month in months_between(first, after - dt.timedelta(days=1)):
        day = min(add_months(month, 1) - dt.timedelta(days=1), today)
        if day < month:
            continue  # a month still to come
        n = sum(1 for issued, expires in held if issued <= day and (expires is None or expires >= day))
        if n:
            values[month] = n
    return values


register(StaffMetric(code="training.sessions_attended", label=_("Training sessions attended"), unit=COUNT, monthly=sessions_attended,
                     order=40, help=_("Training sessions held in the month that the person attended.")))
register(StaffMetric(code="training.assessments_passed", label=_("Training assessments passed"), unit=COUNT, monthly=assessments_passed,
                     order=41, help=_("Training sessions held in the month whose assessment the person passed.")))
register(StaffMetric(code="training.certificates_valid", label=_("Certificates valid"), unit=COUNT, monthly=certificates_valid, order=42,
                     summed=False, help=_("Certificates the person held valid on the last day of the month (today for this month).")))
