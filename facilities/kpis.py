"""Facilities KPIs (SPEC §3). Each declares the records it is computed from, so the KPI page lists
exactly what the number counts."""

from decimal import Decimal
from fractions import Fraction

from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hotelqa.choices import KpiDirection
from hotelqa.kpi_registry import Aggregate, Kpi, Measure, register

from .choices import InspectionStatus
from .models import Inspection, WorkOrder

OPEN_DEFECTS_BY_CATEGORY = "facilities.open_defects_by_category"
UNCATEGORISED = "none"


def _scope(qs, department):
    return qs.filter(department=department) if department is not None else qs


def inspections_due(*, property, start, end, department=None):
    return _scope(Inspection.objects.filter(property=property, due_end__gte=start, due_end__lt=end), department)


def inspections_submitted(*, property, start, end, department=None):
    return _scope(Inspection.objects.filter(property=property, status=InspectionStatus.SUBMITTED, submitted_at__gte=start, submitted_at__lt=end), department)


def work_orders_open_at(*, property, start, end, department=None):
    """Work orders open at `end`: reported before it and not done by then. The tile and the
    category panel both count these."""
    return _scope(WorkOrder.objects.filter(property=property, created_at__lt=end), department).filter(Q(done_at__isnull=True) | Q(done_at__gte=end))


def open_defects(*, property, start, end, department=None):
    return Measure(Decimal(work_orders_open_at(property=property, start=start, end=end, department=department).count()))


def open_defects_by_category(*, property, start, end, department=None):
    rows = work_orders_open_at(property=property, start=start, end=end, department=department).values("category").annotate(n=Count("id"))
    return {str(row["category"] or UNCATEGORISED): Measure(Decimal(row["n"])) for row in rows}


def category_labels(keys):
    from .models import AssetCategory

    labels = {str(c.pk): str(c) for c in AssetCategory.objects.filter(pk__in=[k for k in keys if k != UNCATEGORISED])}
    return {**labels, UNCATEGORISED: _("Uncategorised")} if UNCATEGORISED in keys else labels


def work_orders_done(*, property, start, end, department=None):
    return _scope(WorkOrder.objects.filter(property=property, done_at__gte=start, done_at__lt=end), department)


def mean_time_to_repair(*, property, start, end, department=None):
    """Seconds from report to done, summed over orders done in the period (÷ their number ÷ 3600)."""
    rows = work_orders_done(property=property, start=start, end=end, department=department).values_list("created_at", "done_at")
    seconds = [int((done - created).total_seconds()) for created, done in rows]
    if not seconds:
        return None
    return Measure(Decimal(sum(seconds)), Decimal(len(seconds)))


def _when(moment):
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}" if moment else "—"


def _inspection_note(inspection):
    note = _("due %(due)s, submitted %(submitted)s") % {"due": _when(inspection.due_end), "submitted": _when(inspection.submitted_at)}
    return note if inspection.score is None else f"{note} · {inspection.score}%"


def _work_order_note(work_order):
    return _("reported %(reported)s, done %(done)s") % {"reported": _when(work_order.created_at), "done": _when(work_order.done_at)}


HIGHER, LOWER = KpiDirection.HIGHER_IS_BETTER, KpiDirection.LOWER_IS_BETTER

register(Kpi(
    code="facilities.inspections_on_time", name=_("Inspections done on time"), unit="%", scale=100,
    description=_("Share of inspections due in the period that were submitted before their window closed."),
    formula=_("Inspections whose window closed in the period and that were submitted by then ÷ inspections whose window closed in the period."),
    direction=HIGHER, target=Decimal(95), warning=Decimal(85), order=300,
    records=inspections_due, records_order=("-due_end", "-pk"), records_select=("version__template", "asset", "location"), record_note=_inspection_note, counted=Q(status=InspectionStatus.SUBMITTED, submitted_at__lte=F("due_end")),
    records_label=_("Inspections due in the period (✓ = submitted on time)"),
))
register(Kpi(
    code="facilities.inspection_pass_rate", name=_("Inspection pass rate"), unit="%", scale=100,
    description=_("Share of submitted inspections that passed (score at or above the pass mark, no critical item failed)."),
    formula=_("Inspections submitted in the period that passed ÷ inspections submitted in the period."),
    direction=HIGHER, target=Decimal(90), warning=Decimal(80), order=301,
    records=inspections_submitted, records_order=("-submitted_at", "-pk"), records_select=("version__template", "asset", "location"), record_note=_inspection_note, counted=Q(passed=True), records_label=_("Inspections submitted in the period (✓ = passed)"),
))
register(Kpi(
    code="facilities.open_defects", name=_("Open defects"), unit="",
    description=_("Work orders not yet repaired at the close of the period's last day."),
    formula=_("Work orders reported before the close of the period's last day and not done by then (the same work orders as the panel by category)."),
    direction=LOWER, target=Decimal(10), warning=Decimal(25), order=302, decimals=0,
    compute=open_defects, aggregate=Aggregate.LAST,
    records=work_orders_open_at, record_note=_work_order_note, records_label=_("Work orders open at the close of the period"), records_count="total",
))
register(Kpi(
    code=OPEN_DEFECTS_BY_CATEGORY, name=_("Open defects by category"), unit="",
    formula=_("Work orders open at the close of the period's last day, per asset category."),
    direction=LOWER, target=Decimal(0), warning=Decimal(0), order=399,
    compute=open_defects, breakdown=open_defects_by_category, aggregate=Aggregate.LAST, records=work_orders_open_at,
    key_labels=category_labels,
))
register(Kpi(
    code="facilities.work_orders_on_time", name=_("Work orders done on time"), unit="%", scale=100,
    description=_("Share of work orders finished by the due time of their priority's SLA."),
    formula=_("Work orders done in the period by their due time ÷ work orders done in the period."),
    direction=HIGHER, target=Decimal(90), warning=Decimal(75), order=303,
    records=work_orders_done, records_order=("-done_at", "-pk"), record_note=_work_order_note, counted=Q(done_at__lte=F("due_at")), records_label=_("Work orders done in the period (✓ = on time)"),
))
register(Kpi(
    code="facilities.mean_time_to_repair", name=_("Mean time to repair"), unit="h", scale=Fraction(1, 3600),
    description=_("Average hours from a defect being reported to the repair being done."),
    formula=_("Sum of the hours from report to done of work orders done in the period ÷ their number."),
    direction=LOWER, target=Decimal(24), warning=Decimal(48), order=304,
    compute=mean_time_to_repair, records=work_orders_done, records_order=("-done_at", "-pk"), record_note=_work_order_note, records_label=_("Work orders done in the period"),
))
