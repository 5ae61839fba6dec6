"""What facilities says about one person's month (hotelqa.staff_metrics): inspections they
submitted and work orders they finished, and the share of each done on time."""

from zoneinfo import ZoneInfo

from django.db.models import Count, F, Q
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from hotelqa.staff_metrics import COUNT, PERCENT, StaffMetric, month_key, register, share, shared

from .models import Inspection, WorkOrder


def _monthly(qs, field, tz, on_time):
    rows = (qs.annotate(month=TruncMonth(field, tzinfo=ZoneInfo(tz))).values("month")
            .annotate(n=Count("id"), on_time=Count("id", filter=on_time)).order_by("month"))
    return {month_key(r["month"]): (r["n"], r["on_time"]) for r in rows}


def _inspections(staff, start, end):
    qs = Inspection.objects.filter(property_id=staff.property_id, submitted_by_id=staff.user_id, submitted_at__gte=start, submitted_at__lt=end)
    return _monthly(qs, "submitted_at", staff.property.time_zone, Q(submitted_at__lte=F("due_end")))


def _work_orders(staff, start, end):
    qs = WorkOrder.objects.filter(property_id=staff.property_id, assignee_id=staff.user_id, done_at__gte=start, done_at__lt=end)
    return _monthly(qs, "done_at", staff.property.time_zone, Q(done_at__lte=F("due_at")))


def inspections_done(staff, start, end):
    if staff.user_id is None:
        return {}
    return {m: n for m, (n, _ok) in shared(_inspections, staff, start, end).items()}


def inspections_on_time(staff, start, end):
    if staff.user_id is None:
        return {}
    return {m: share(ok, n) for m, (n, ok) in shared(_inspections, staff, start, end).items()}


def work_orders_done(staff, start, end):
    if staff.user_id is None:
        return {}
    return {m: n for m, (n, _ok) in shared(_work_orders, staff, start, end).items()}


def work_orders_on_time(staff, start, end):
    if staff.user_id is None:
        return {}
    return {m: share(ok, n) for m, (n, ok) in shared(_work_orders, staff, start, end).items()}


register(StaffMetric(code="facilities.inspections_done", label=_("Inspections done"), unit=COUNT, monthly=inspections_done, order=20,
                     help=_("Inspections the person submitted in the month.")))
register(StaffMetric(code="facilities.inspections_on_time", label=_("Inspections on time"), unit=PERCENT, monthly=inspections_on_time,
                     order=21, score=lambda v: v, help=_("Of the inspections they submitted in the month, the share submitted by the due time.")))
register(StaffMetric(code="facilities.work_orders_done", label=_("Work orders done"), unit=COUNT, monthly=work_orders_done, order=22,
                     help=_("Work orders assigned to the person and finished in the month.")))
register(StaffMetric(code="facilities.work_orders_on_time", label=_("Work orders on time"), unit=PERCENT, monthly=work_orders_on_time,
                     order=23, score=lambda v: v, help=_("Of the work orders they finished in the month, the share finished by the due time.")))
