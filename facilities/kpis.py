"""Facilities KPIs (SPEC §3): each computes one day for a property and drills down to its records."""

from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hotelqa.choices import KpiDirection
from hotelqa.kpi_registry import Kpi, Measure, register

from .choices import InspectionStatus
from .models import Inspection, WorkOrder


def _scope(qs, department):
    return qs.filter(department=department) if department is not None else qs


def inspections_on_time(*, property, start, end, department=None):
    """Inspections due in the period that were submitted by their due time."""
    qs = _scope(Inspection.objects.filter(property=property, due_end__gte=start, due_end__lt=end), department)
    counts = qs.aggregate(
        total=Count("id"),
        on_time=Count("id", filter=Q(status=InspectionStatus.SUBMITTED, submitted_at__lte=F("due_end"))),
    )
    return Measure.ratio(counts["on_time"], counts["total"])


def inspection_pass_rate(*, property, start, end, department=None):
    qs = _scope(Inspection.objects.filter(property=property, status=InspectionStatus.SUBMITTED,
                                          submitted_at__gte=start, submitted_at__lt=end), department)
    counts = qs.aggregate(total=Count("id"), passed=Count("id", filter=Q(passed=True)))
    return Measure.ratio(counts["passed"], counts["total"])


def open_defects(*, property, start, end, department=None):
    """Work orders open at the end of the day (reported before it, not done by then)."""
    qs = _scope(WorkOrder.objects.filter(property=property, created_at__lt=end), department)
    count = qs.filter(Q(done_at__isnull=True) | Q(done_at__gte=end)).count()
    return Measure(Decimal(count))


def work_orders_on_time(*, property, start, end, department=None):
    qs = _scope(WorkOrder.objects.filter(property=property, done_at__gte=start, done_at__lt=end), department)
    counts = qs.aggregate(total=Count("id"), on_time=Count("id", filter=Q(done_at__lte=F("due_at"))))
    return Measure.ratio(counts["on_time"], counts["total"])


def mean_time_to_repair(*, property, start, end, department=None):
    """Mean hours from report to done, over orders done in the period (weighted by their number)."""
    rows = _scope(WorkOrder.objects.filter(property=property, done_at__gte=start, done_at__lt=end), department)
    durations = [(done - created).total_seconds() / 3600 for created, done in rows.values_list("created_at", "done_at")]
    if not durations:
        return None
    return Measure(Decimal(sum(durations) / len(durations)).quantize(Decimal("0.0001")), Decimal(len(durations)))


def _url(name, **params):
    return reverse(name) + "?" + urlencode({k: v for k, v in params.items() if v not in (None, "")})


def inspections_due_url(property, start, end):
    return _url("facilities:inspection_list", due_after=start, due_before=end)


def inspections_submitted_url(property, start, end):
    return _url("facilities:inspection_list", status=InspectionStatus.SUBMITTED, submitted_after=start, submitted_before=end)


def open_defects_url(property, start, end):
    return _url("facilities:workorder_list", open="true")


def work_orders_done_url(property, start, end):
    return _url("facilities:workorder_list", done_after=start, done_before=end)


register(Kpi(
    code="facilities.inspections_on_time", name=_("Inspections done on time"), unit="%",
    description=_("Share of inspections due in the period that were submitted before their window closed."),
    direction=KpiDirection.HIGHER_IS_BETTER, target=Decimal(95), warning=Decimal(85),
    compute=inspections_on_time, drilldown=inspections_due_url, by_department=True, order=300,
))
register(Kpi(
    code="facilities.inspection_pass_rate", name=_("Inspection pass rate"), unit="%",
    description=_("Share of submitted inspections that passed (score at or above the pass mark, no critical item failed)."),
    direction=KpiDirection.HIGHER_IS_BETTER, target=Decimal(90), warning=Decimal(80),
    compute=inspection_pass_rate, drilldown=inspections_submitted_url, by_department=True, order=301,
))
register(Kpi(
    code="facilities.open_defects", name=_("Open defects"), unit="",
    description=_("Work orders not yet repaired at the end of each day (the period value is the daily average)."),
    direction=KpiDirection.LOWER_IS_BETTER, target=Decimal(10), warning=Decimal(25),
    compute=open_defects, drilldown=open_defects_url, by_department=True, order=302, decimals=0,
))
register(Kpi(
    code="facilities.work_orders_on_time", name=_("Work orders done on time"), unit="%",
    description=_("Share of work orders finished by the due time of their priority's SLA."),
    direction=KpiDirection.HIGHER_IS_BETTER, target=Decimal(90), warning=Decimal(75),
    compute=work_orders_on_time, drilldown=work_orders_done_url, by_department=True, order=303,
))
register(Kpi(
    code="facilities.mean_time_to_repair", name=_("Mean time to repair"), unit="h",
    description=_("Average hours from a defect being reported to the repair being done."),
    direction=KpiDirection.LOWER_IS_BETTER, target=Decimal(24), warning=Decimal(48),
    compute=mean_time_to_repair, drilldown=work_orders_done_url, by_department=True, order=304,
))
