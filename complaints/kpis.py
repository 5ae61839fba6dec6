"""KPIs of the case engine (SPEC §4). Each declares the records it is computed from, so the KPI
page lists exactly what the number counts."""

from decimal import Decimal

from django.db.models import Count, F, OuterRef, Q, Subquery, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from crm.models import Stay
from crm.selectors import occupied_room_nights
from hotelqa import kpi_histogram
from hotelqa.choices import KpiDirection
from hotelqa.kpi_registry import Aggregate, Kpi, Measure, register

from .choices import ApprovalStatus, CaseKind, CaseStatus, Category, RootCause
from .models import Case, RecoveryAction, Revisit


# Newest first by the moment that puts a record in the period (`Kpi.records_order`).
BY_RECEIVED = ("-received_at", "-pk")
BY_FIRST_RESPONSE = ("-first_response_at", "-pk")
BY_RESOLVED = ("-resolved_at", "-pk")
BY_DUE = ("-due_at", "-pk")
BY_CREATED = ("-created_at", "-pk")

def _cases(property, department):
    qs = Case.objects.filter(property=property)
    return qs.filter(department=department) if department is not None else qs


def _nights(property, start, end):
    return occupied_room_nights(property=property, start=start.date(), end=end.date())


def _days(start, end):
    return Decimal(round((end - start).total_seconds() / 86400))


def complaints_received(*, property, start, end, department=None):
    return _cases(property, department).filter(kind=CaseKind.COMPLAINT, received_at__gte=start, received_at__lt=end)


def complaints_per_100_room_nights(*, property, start, end, department=None):
    nights = _nights(property, start, end)
    if not nights:
        return None
    return Measure(Decimal(complaints_received(property=property, start=start, end=end, department=department).count()), Decimal(nights))


def complaints_per_day(*, property, start, end, department=None):
    n = complaints_received(property=property, start=start, end=end, department=department).count()
    return Measure(Decimal(n), _days(start, end))


def complaints_by_category(*, property, start, end, department=None):
    """Complaints received per category, stored daily (per department too) so the Pareto, the
    department pages and training needs read snapshots."""
    rows = complaints_received(property=property, start=start, end=end, department=department).exclude(category="").values("category").annotate(n=Count("id"))
    return {row["category"]: Measure(Decimal(row["n"])) for row in rows}


def first_responses(*, property, start, end, department=None):
    return _cases(property, department).filter(first_response_at__gte=start, first_response_at__lt=end)


def first_responses_with_deadline(*, property, start, end, department=None):
    return first_responses(property=property, start=start, end=end, department=department).filter(response_due__isnull=False)


def median_first_response(*, property, start, end, department=None):
    rows = first_responses(property=property, start=start, end=end, department=department).values_list("received_at", "first_response_at")
    minutes = [(done - received).total_seconds() / 60 for received, done in rows]
    if not minutes:
        return None
    return Measure(Decimal(len(minutes)), Decimal(len(minutes)), kpi_histogram.histogram_of(minutes, kpi_histogram.MINUTES))


def cases_resolved(*, property, start, end, department=None):
    return _cases(property, department).filter(resolved_at__gte=start, resolved_at__lt=end)


def complaints_resolved(*, property, start, end, department=None):
    return cases_resolved(property=property, start=start, end=end, department=department).filter(kind=CaseKind.COMPLAINT)


def rated_complaints(*, property, start, end, department=None):
    return complaints_resolved(property=property, start=start, end=end, department=department).filter(
        status=CaseStatus.CLOSED, satisfaction__isnull=False
    )


def revisits_due(*, property, start, end, department=None):
    # A revisit closed without an outcome was cancelled (its case reopened first): not counted.
    qs = Revisit.objects.filter(property=property, due_at__gte=start, due_at__lt=end).exclude(done_at__isnull=False, outcome="")
    return qs.filter(case__department=department) if department is not None else qs


def recovery_counted(*, property, start, end, department=None):
    qs = RecoveryAction.objects.filter(
        property=property, approval__in=[ApprovalStatus.NOT_NEEDED, ApprovalStatus.APPROVED], created_at__gte=start, created_at__lt=end
    )
    return qs.filter(case__department=department) if department is not None else qs


def recovery_cost(*, property, start, end, department=None):
    sums = recovery_counted(property=property, start=start, end=end, department=department).aggregate(total=Sum("cost"), n=Count("id"))
    return Measure(sums["total"], Decimal(sums["n"])) if sums["n"] else None


def service_failures(*, property, start, end, department=None):
    """Incidents, and complaints traced to a staff error."""
    return _cases(property, department).filter(received_at__gte=start, received_at__lt=end).filter(
        Q(kind=CaseKind.INCIDENT) | Q(kind=CaseKind.COMPLAINT, root_cause=RootCause.STAFF)
    )


def service_error_rate(*, property, start, end, department=None):
    nights = _nights(property, start, end)
    if not nights:
        return None
    return Measure(Decimal(service_failures(property=property, start=start, end=end, department=department).count()), Decimal(nights))


def _when(moment):
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}" if moment else ""


def _case_note(case, moment=None, extra=""):
    """When it happened, what it is, and what happened (shortened), for the KPI page's list."""
    parts = [_when(moment or case.received_at), str(case.get_kind_display()), str(case.get_category_display()) if case.category else "", extra,
             Truncator(case.description).chars(60)]
    return " · ".join(p for p in parts if p)


def _response_note(case):
    minutes = round((case.first_response_at - case.received_at).total_seconds() / 60)
    return _case_note(case, case.first_response_at, _("first response after %(n)s min") % {"n": minutes})


def _resolution_note(case):
    return _case_note(case, case.resolved_at)


def _revisit_note(revisit):
    """When it was done and how it went (its name already carries the due day)."""
    return " · ".join(p for p in (_when(revisit.done_at), str(revisit.get_outcome_display()) if revisit.outcome else "") if p)


def _recovery_note(action):
    return f"{_when(action.created_at)} · ¥{action.cost}"


def _returns(qs):
    """Each case with `next_stay`: the guest's first arrival (anywhere in the group) after the
    day the complaint was resolved, read in the same query."""
    later = Stay.objects.filter(guest=OuterRef("guest"), arrival__gt=OuterRef("resolved_day")).order_by("arrival").values("arrival")[:1]
    return qs.annotate(resolved_day=TruncDate("resolved_at"), next_stay=Subquery(later)).select_related("guest")


def recovered_complaints(*, property, start, end, department=None):
    """Complaints with a guest resolved in the period whose guest accepted the solution."""
    qs = complaints_resolved(property=property, start=start, end=end, department=department).filter(guest__isnull=False, guest_accepted=True)
    return _returns(qs)


def unrecovered_complaints(*, property, start, end, department=None):
    qs = complaints_resolved(property=property, start=start, end=end, department=department).filter(guest__isnull=False).exclude(guest_accepted=True)
    return _returns(qs)


def _return_note(case):
    if case.next_stay:
        days = (case.next_stay - case.resolved_day).days
        came = _("came back on %(day)s, %(n)s days later") % {"day": f"{case.next_stay:%Y-%m-%d}", "n": days}
    else:
        came = _("has not come back")
    return " · ".join(p for p in (_when(case.resolved_at), str(case.guest), str(came)) if p)


CATEGORY_BREAKDOWN = "complaints.by_category"
LOWER, HIGHER = KpiDirection.LOWER_IS_BETTER, KpiDirection.HIGHER_IS_BETTER

KPIS = [
    Kpi(code="complaints.per_100_room_nights", name=_("Complaints per 100 room-nights"), unit="", direction=LOWER,
        target=Decimal("1.0"), warning=Decimal("2.0"), compute=complaints_per_100_room_nights, scale=100, order=200, decimals=2,
        formula=_("Complaints received in the period × 100 ÷ room-nights sold in the period (each night counted on the date it begins)."),
        records=complaints_received, records_order=BY_RECEIVED, records_label=_("Complaints received in the period"), records_count="total", record_note=_case_note),
    Kpi(code="complaints.per_day", name=_("Complaints per day"), unit="", direction=LOWER,
        target=Decimal(2), warning=Decimal(4), compute=complaints_per_day, order=201,
        formula=_("Complaints received in the period ÷ days in the period."),
        records=complaints_received, records_order=BY_RECEIVED, records_label=_("Complaints received in the period"), records_count="total", record_note=_case_note),
    Kpi(code="complaints.first_response_on_time", name=_("First responses within deadline"), unit="%", scale=100, direction=HIGHER,
        target=Decimal(95), warning=Decimal(85), order=202,
        formula=_("Cases first answered in the period by their response deadline ÷ cases first answered in the period. "
                  "The deadline is the SLA of the case's kind and grade (by default urgent 15 min, major 1 h, general 24 h, requests 15 min)."),
        records=first_responses_with_deadline, records_order=BY_FIRST_RESPONSE, record_note=_response_note, counted=Q(first_response_at__lte=F("response_due")),
        records_label=_("Cases first answered in the period (✓ = within the deadline)")),
    Kpi(code="complaints.median_first_response", name=_("Median first response"), unit="min", direction=LOWER,
        target=None, warning=None, compute=median_first_response, aggregate=Aggregate.QUANTILE, ladder=kpi_histogram.MINUTES, order=203,
        formula=_("Median of the minutes from receiving a case to its first response, over cases first answered in the period. "
                  "Read from daily histograms: exact to within 1 min below an hour, 5 min below 4 h, 15 min below a day. "
                  "No target: deadlines differ by grade (see First responses within deadline)."),
        records=first_responses, records_order=BY_FIRST_RESPONSE, record_note=_response_note, records_label=_("Cases first answered in the period")),
    Kpi(code="complaints.on_time_resolution", name=_("Cases resolved on time"), unit="%", scale=100, direction=HIGHER,
        target=Decimal(95), warning=Decimal(85), order=204,
        formula=_("Cases resolved in the period by their resolution deadline ÷ cases resolved in the period."),
        records=cases_resolved, records_order=BY_RESOLVED, record_note=_resolution_note, counted=Q(resolved_at__lte=F("resolution_due")), records_label=_("Cases resolved in the period (✓ = on time)")),
    Kpi(code="complaints.satisfaction", name=_("Satisfied after resolution"), unit="%", scale=100, direction=HIGHER,
        target=Decimal(85), warning=Decimal(75), order=205,
        formula=_("Closed complaints resolved in the period that the guest rated 4 or 5 of 5 ÷ closed complaints resolved in the period with a rating."),
        records=rated_complaints, records_order=BY_RESOLVED, record_note=_resolution_note, counted=Q(satisfaction__gte=4), settle_days=7, records_label=_("Rated complaints resolved in the period (✓ = 4 or 5)")),
    Kpi(code="complaints.revisit_completion", name=_("Revisits completed"), unit="%", scale=100, direction=HIGHER,
        target=Decimal(95), warning=Decimal(80), order=206,
        formula=_("Revisits due in the period that reached the guest ÷ revisits due in the period (revisits cancelled because the case reopened are left out)."),
        records=revisits_due, records_order=BY_DUE, record_note=_revisit_note, settle_days=7, counted=Q(done_at__isnull=False) & ~Q(outcome="unreachable"),
        records_label=_("Revisits due in the period (✓ = done and the guest was reached)"), records_select=("case",)),
    Kpi(code="complaints.reopen_rate", name=_("Complaints reopened"), unit="%", scale=100, direction=LOWER,
        target=Decimal(5), warning=Decimal(10), order=207,
        formula=_("Complaints resolved in the period that were ever reopened ÷ complaints resolved in the period."),
        records=complaints_resolved, records_order=BY_RESOLVED, record_note=_resolution_note, counted=Q(reopen_count__gt=0), settle_days=14, records_label=_("Complaints resolved in the period (✓ = reopened)")),
    Kpi(code="complaints.recovery_cost", name=_("Cost of poor quality (service recovery)"), unit="¥", direction=LOWER,
        target=Decimal(500), warning=Decimal(1500), compute=recovery_cost, aggregate=Aggregate.SUM, order=208, decimals=0, settle_days=3,
        formula=_("Sum of the cost of service-recovery actions recorded in the period that needed no approval or were approved."),
        records=recovery_counted, records_order=BY_CREATED, record_note=_recovery_note, records_label=_("Recovery actions recorded in the period"), records_select=("case",)),
    Kpi(code="complaints.service_error_rate", name=_("Service failures per 100 room-nights"), unit="", direction=LOWER,
        target=Decimal("0.5"), warning=Decimal("1.0"), compute=service_error_rate, scale=100, order=209, decimals=2,
        formula=_("(Incidents + complaints whose root cause is a staff error) received in the period × 100 ÷ room-nights sold in the period."),
        records=service_failures, records_order=BY_RECEIVED, records_count="total", record_note=_case_note, records_label=_("Incidents and staff-error complaints received in the period")),
    Kpi(code="complaints.repeat_stay_recovered", name=_("Guests back after a recovered complaint"), unit="%", scale=100, direction=HIGHER,
        target=Decimal(40), warning=Decimal(25), order=210, settle_days=90,
        formula=_("Complaints resolved in the period whose guest accepted the solution and has stayed with the group again since "
                  "÷ complaints resolved in the period whose guest accepted the solution."),
        records=recovered_complaints, counted=Q(next_stay__isnull=False), record_note=_return_note,
        records_label=_("Recovered complaints resolved in the period (✓ = the guest came back)")),
    Kpi(code="complaints.repeat_stay_unrecovered", name=_("Guests back after an unrecovered complaint"), unit="%", scale=100, direction=HIGHER,
        target=Decimal(25), warning=Decimal(10), order=211, settle_days=90,
        formula=_("Complaints resolved in the period whose guest did not accept the solution (or was not asked) and has stayed with the group again since "
                  "÷ those complaints."),
        records=unrecovered_complaints, counted=Q(next_stay__isnull=False), record_note=_return_note,
        records_label=_("Unrecovered complaints resolved in the period (✓ = the guest came back)")),
    Kpi(code=CATEGORY_BREAKDOWN, name=_("Complaints by category"), unit="", direction=LOWER,
        target=Decimal(0), warning=Decimal(0), compute=complaints_per_day, breakdown=complaints_by_category, aggregate=Aggregate.SUM,
        formula=_("Complaints received in the period, per category."), records=complaints_received, records_order=BY_RECEIVED,
        extra={"keys": list(Category.values)}, key_labels=lambda keys: {k: Category(k).label for k in keys if k in Category.values}, order=299),
]

for kpi in KPIS:
    register(kpi)
