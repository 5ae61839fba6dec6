"""KPIs of the case engine (SPEC §4), each with a drill-down to the cases behind it."""

import statistics
from decimal import Decimal
from urllib.parse import urlencode

from django.db.models import Count, F, Q, Sum
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from crm.selectors import occupied_room_nights
from hotelqa.choices import KpiDirection
from hotelqa.kpi_registry import Aggregate, Kpi, Measure, register

from .choices import ApprovalStatus, CaseKind, CaseStatus, Category, RootCause
from .models import Case, RecoveryAction, Revisit


def _cases(property, department):
    qs = Case.objects.filter(property=property)
    return qs.filter(department=department) if department is not None else qs


def _nights(property, start, end):
    return occupied_room_nights(property=property, start=start.date(), end=end.date())


def complaints_per_100_room_nights(*, property, start, end, department=None):
    nights = _nights(property, start, end)
    if not nights:
        return None
    n = _cases(property, department).filter(kind=CaseKind.COMPLAINT, received_at__gte=start, received_at__lt=end).count()
    return Measure(Decimal(n) * 100 / nights, Decimal(nights))


def complaints_by_category(*, property, start, end):
    """Complaints received per category, stored daily so the dashboard's Pareto reads snapshots."""
    rows = (
        Case.objects.filter(property=property, kind=CaseKind.COMPLAINT, received_at__gte=start, received_at__lt=end)
        .exclude(category="")
        .values("category")
        .annotate(n=Count("id"))
    )
    return {row["category"]: Measure(Decimal(row["n"])) for row in rows}


def complaints_per_day(*, property, start, end, department=None):
    n = _cases(property, department).filter(kind=CaseKind.COMPLAINT, received_at__gte=start, received_at__lt=end).count()
    return Measure(Decimal(n))


def median_first_response(*, property, start, end, department=None):
    rows = _cases(property, department).filter(first_response_at__gte=start, first_response_at__lt=end).values_list("received_at", "first_response_at")
    minutes = [(done - received).total_seconds() / 60 for received, done in rows]
    if not minutes:
        return None
    return Measure(Decimal(str(round(statistics.median(minutes), 2))), Decimal(len(minutes)))


def on_time_resolution(*, property, start, end, department=None):
    counts = _cases(property, department).filter(resolved_at__gte=start, resolved_at__lt=end).aggregate(
        total=Count("id"), on_time=Count("id", filter=Q(resolved_at__lte=F("resolution_due")))
    )
    return Measure.ratio(counts["on_time"], counts["total"])


def satisfaction_after_resolution(*, property, start, end, department=None):
    counts = _cases(property, department).filter(
        kind=CaseKind.COMPLAINT, status=CaseStatus.CLOSED, resolved_at__gte=start, resolved_at__lt=end, satisfaction__isnull=False
    ).aggregate(total=Count("id"), satisfied=Count("id", filter=Q(satisfaction__gte=4)))
    return Measure.ratio(counts["satisfied"], counts["total"])


def revisit_completion(*, property, start, end, department=None):
    qs = Revisit.objects.filter(property=property, due_at__gte=start, due_at__lt=end).exclude(done_at__isnull=False, outcome="")
    if department is not None:
        qs = qs.filter(case__department=department)
    counts = qs.aggregate(total=Count("id"), done=Count("id", filter=Q(done_at__isnull=False) & ~Q(outcome="unreachable")))
    return Measure.ratio(counts["done"], counts["total"])


def reopen_rate(*, property, start, end, department=None):
    counts = _cases(property, department).filter(kind=CaseKind.COMPLAINT, resolved_at__gte=start, resolved_at__lt=end).aggregate(
        total=Count("id"), reopened=Count("id", filter=Q(reopen_count__gt=0))
    )
    return Measure.ratio(counts["reopened"], counts["total"])


def recovery_cost(*, property, start, end, department=None):
    qs = RecoveryAction.objects.filter(
        property=property, approval__in=[ApprovalStatus.NOT_NEEDED, ApprovalStatus.APPROVED], created_at__gte=start, created_at__lt=end
    )
    if department is not None:
        qs = qs.filter(case__department=department)
    total = qs.aggregate(total=Sum("cost"))["total"]
    return Measure(total) if total is not None else None


def service_error_rate(*, property, start, end, department=None):
    """Service failures (incidents, and complaints traced to a staff error) per 100 occupied room-nights."""
    nights = _nights(property, start, end)
    if not nights:
        return None
    n = _cases(property, department).filter(received_at__gte=start, received_at__lt=end).filter(
        Q(kind=CaseKind.INCIDENT) | Q(kind=CaseKind.COMPLAINT, root_cause=RootCause.STAFF)
    ).count()
    return Measure(Decimal(n) * 100 / nights, Decimal(nights))


def _cases_url(**params):
    def build(property, start, end):
        query = {k: v.format(start=start, end=end) if isinstance(v, str) else v for k, v in params.items()}
        return reverse("complaints:case_list") + "?" + urlencode(query)

    return build


CATEGORY_BREAKDOWN = "complaints.by_category"
RECEIVED = {"received_after": "{start}", "received_before": "{end}"}
RESOLVED = {"closed_after": "{start}", "closed_before": "{end}"}

KPIS = [
    Kpi(code="complaints.per_100_room_nights", name=_("Complaints per 100 room-nights"), unit="", direction=KpiDirection.LOWER_IS_BETTER,
        target=Decimal("1.0"), warning=Decimal("2.0"), compute=complaints_per_100_room_nights, drilldown=_cases_url(kind="complaint", **RECEIVED),
        by_department=True, order=200, decimals=2),
    Kpi(code="complaints.per_day", name=_("Complaints per day"), unit="", direction=KpiDirection.LOWER_IS_BETTER,
        target=Decimal(2), warning=Decimal(4), compute=complaints_per_day, drilldown=_cases_url(kind="complaint", **RECEIVED), order=201),
    Kpi(code="complaints.median_first_response", name=_("Median first response"), unit="min", direction=KpiDirection.LOWER_IS_BETTER,
        target=Decimal(30), warning=Decimal(60), compute=median_first_response, drilldown=_cases_url(**RECEIVED), by_department=True, order=202),
    Kpi(code="complaints.on_time_resolution", name=_("Cases resolved on time"), unit="%", direction=KpiDirection.HIGHER_IS_BETTER,
        target=Decimal(95), warning=Decimal(85), compute=on_time_resolution, drilldown=_cases_url(**RESOLVED), by_department=True, order=203),
    Kpi(code="complaints.satisfaction", name=_("Satisfied after resolution"), unit="%", direction=KpiDirection.HIGHER_IS_BETTER,
        target=Decimal(85), warning=Decimal(75), compute=satisfaction_after_resolution, drilldown=_cases_url(kind="complaint", status="closed", **RESOLVED),
        description=_("Share of closed complaints where the guest rated 4 or 5 of 5."), by_department=True, order=204),
    Kpi(code="complaints.revisit_completion", name=_("Revisits completed"), unit="%", direction=KpiDirection.HIGHER_IS_BETTER,
        target=Decimal(95), warning=Decimal(80), compute=revisit_completion, drilldown=_cases_url(kind="complaint", status="closed", **RESOLVED), order=205),
    Kpi(code="complaints.reopen_rate", name=_("Complaints reopened"), unit="%", direction=KpiDirection.LOWER_IS_BETTER,
        target=Decimal(5), warning=Decimal(10), compute=reopen_rate, drilldown=_cases_url(kind="complaint", reopened="true", **RESOLVED), by_department=True, order=206),
    Kpi(code="complaints.recovery_cost", name=_("Cost of poor quality (service recovery)"), unit="¥", direction=KpiDirection.LOWER_IS_BETTER,
        target=Decimal(500), warning=Decimal(1500), compute=recovery_cost, aggregate=Aggregate.SUM, drilldown=_cases_url(kind="complaint", **RECEIVED),
        by_department=True, order=207, decimals=0),
    Kpi(code=CATEGORY_BREAKDOWN, name=_("Complaints by category"), unit="", direction=KpiDirection.LOWER_IS_BETTER,
        target=Decimal(0), warning=Decimal(0), compute=complaints_per_day, breakdown=complaints_by_category, aggregate=Aggregate.SUM,
        extra={"keys": list(Category.values)}, order=299),
    Kpi(code="complaints.service_error_rate", name=_("Service failures per 100 room-nights"), unit="", direction=KpiDirection.LOWER_IS_BETTER,
        target=Decimal("0.5"), warning=Decimal("1.0"), compute=service_error_rate, drilldown=_cases_url(kind="incident", **RECEIVED), order=208, decimals=2),
]

for kpi in KPIS:
    register(kpi)
