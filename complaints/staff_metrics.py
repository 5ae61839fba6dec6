"""What the case engine says about one person's month (hotelqa.staff_metrics): cases they
resolved, how many within the resolution deadline, and how the guests rated them (the rating
given at closing and the revisit 回访 outcome)."""

from zoneinfo import ZoneInfo

from django.db.models import Avg, Count, F, Q
from django.db.models.functions import TruncMonth
from django.utils.translation import gettext_lazy as _

from hotelqa.staff_metrics import COUNT, OUT_OF_5, PERCENT, StaffMetric, month_key, register, rounded, share, shared

from .choices import RevisitOutcome
from .models import Case, Revisit


def _resolved(staff, start, end):
    return Case.objects.filter(property_id=staff.property_id, assignee_id=staff.user_id, resolved_at__gte=start, resolved_at__lt=end)


def _by_month(qs, field, tz, **aggregates):
    return qs.annotate(month=TruncMonth(field, tzinfo=ZoneInfo(tz))).values("month").annotate(**aggregates).order_by("month")


def _cases(staff, start, end):
    """{month: row of (resolved, with a deadline, within it, rated, average rating)}: one aggregate for
    the three case metrics."""
    rows = _by_month(_resolved(staff, start, end), "resolved_at", staff.property.time_zone, n=Count("id"),
                     with_due=Count("id", filter=Q(resolution_due__isnull=False)),
                     kept=Count("id", filter=Q(resolution_due__isnull=False, resolved_at__lte=F("resolution_due"))),
                     rated=Count("satisfaction"), avg=Avg("satisfaction"))
    return {month_key(r["month"]): r for r in rows}


def cases_handled(staff, start, end):
    if staff.user_id is None:
        return {}
    return {m: r["n"] for m, r in shared(_cases, staff, start, end).items()}


def sla_kept(staff, start, end):
    if staff.user_id is None:
        return {}
    return {m: share(r["kept"], r["with_due"]) for m, r in shared(_cases, staff, start, end).items() if r["with_due"]}


def satisfaction(staff, start, end):
    if staff.user_id is None:
        return {}
    return {m: rounded(r["avg"], 2) for m, r in shared(_cases, staff, start, end).items() if r["rated"]}


def revisit_satisfaction(staff, start, end):
    """Revisits done in the month on cases the person handled, where the guest was reached:
    the share who said they were satisfied."""
    if staff.user_id is None:
        return {}
    qs = Revisit.objects.filter(
        property_id=staff.property_id, case__assignee_id=staff.user_id, done_at__gte=start, done_at__lt=end,
        outcome__in=[RevisitOutcome.SATISFIED, RevisitOutcome.NEUTRAL, RevisitOutcome.NOT_SATISFIED],
    )
    rows = _by_month(qs, "done_at", staff.property.time_zone, n=Count("id"), ok=Count("id", filter=Q(outcome=RevisitOutcome.SATISFIED)))
    return {month_key(r["month"]): share(r["ok"], r["n"]) for r in rows}


register(StaffMetric(code="complaints.cases_handled", label=_("Cases handled"), unit=COUNT, monthly=cases_handled, order=10,
                     help=_("Cases assigned to the person and resolved in the month.")))
register(StaffMetric(code="complaints.sla_kept", label=_("Cases resolved within deadline"), unit=PERCENT, monthly=sla_kept, order=11,
                     score=lambda v: v, help=_("Of the cases they resolved in the month, the share resolved by the resolution deadline.")))
register(StaffMetric(code="complaints.satisfaction", label=_("Guest rating of cases"), unit=OUT_OF_5, monthly=satisfaction, order=12,
                     score=lambda v: v * 20, help=_("Average guest rating (1–5) of the cases they resolved in the month; 5 counts as 100.")))
register(StaffMetric(code="complaints.revisit_satisfaction", label=_("Satisfied at revisit"), unit=PERCENT, monthly=revisit_satisfaction,
                     order=13, score=lambda v: v,
                     help=_("Revisits done in the month on their cases where the guest was reached: the share who were satisfied.")))
