"""What audits say about one person's month (hotelqa.staff_metrics): the score of the audits of
their department, the findings that name them among the people involved, and the corrective
actions they own — given to them, and closed by their due time.

An audit scores a department's area or process, not one person: the person's audit figure is
their department's (their department as the staff record has it now), and the findings naming
them say what was theirs."""

from zoneinfo import ZoneInfo

from django.db.models import Avg, Count, F, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hotelqa.staff_metrics import COUNT, PERCENT, StaffMetric, month_key, register, rounded, share

from .models import Audit, AuditStatus, CorrectiveAction, Finding


def _by_month(qs, field, tz, **aggregates):
    return qs.annotate(month=TruncMonth(field, tzinfo=ZoneInfo(tz))).values("month").annotate(**aggregates).order_by("month")


def department_audit_score(staff, start, end):
    """Average score of the audits of the person's department submitted in the month."""
    if staff.department_id is None:
        return {}
    qs = Audit.objects.filter(property_id=staff.property_id, department_id=staff.department_id, status=AuditStatus.SUBMITTED,
                              score__isnull=False, submitted_at__gte=start, submitted_at__lt=end)
    rows = _by_month(qs, "submitted_at", staff.property.time_zone, avg=Avg("score"))
    return {month_key(r["month"]): rounded(r["avg"]) for r in rows}


def findings_naming(staff, start, end):
    """Findings made in the month that name the person among the people involved."""
    qs = Finding.objects.filter(property_id=staff.property_id, staff=staff, created_at__gte=start, created_at__lt=end)
    rows = _by_month(qs, "created_at", staff.property.time_zone, n=Count("id"))
    return {month_key(r["month"]): r["n"] for r in rows}


def actions_owned(staff, start, end):
    """Corrective actions given to the person (its owner) in the month."""
    if staff.user_id is None:
        return {}
    qs = CorrectiveAction.objects.filter(property_id=staff.property_id, owner_id=staff.user_id, created_at__gte=start, created_at__lt=end)
    rows = _by_month(qs, "created_at", staff.property.time_zone, n=Count("id"))
    return {month_key(r["month"]): r["n"] for r in rows}


def actions_on_time(staff, start, end):
    """Of the corrective actions they own that fell due in the month (by now), the share verified
    and closed by the due time — the KPI "corrective actions closed on time" for one person."""
    if staff.user_id is None:
        return {}
    qs = CorrectiveAction.objects.filter(property_id=staff.property_id, owner_id=staff.user_id, due_at__gte=start,
                                         due_at__lt=min(end, timezone.now()))
    rows = _by_month(qs, "due_at", staff.property.time_zone, n=Count("id"),
                     ok=Count("id", filter=Q(closed_at__isnull=False, closed_at__lte=F("due_at"))))
    return {month_key(r["month"]): share(r["ok"], r["n"]) for r in rows}


register(StaffMetric(code="audits.department_audit_score", label=_("Audit score of their department"), unit=PERCENT,
                     monthly=department_audit_score, order=30, score=lambda v: v,
                     help=_("Average score of the quality audits of the person's department submitted in the month.")))
register(StaffMetric(code="audits.findings_naming", label=_("Audit findings naming them"), unit=COUNT, monthly=findings_naming, order=31,
                     help=_("Findings of audits made in the month that name the person among the people involved.")))
register(StaffMetric(code="audits.actions_owned", label=_("Corrective actions given to them"), unit=COUNT, monthly=actions_owned, order=32,
                     help=_("Corrective actions the person was made owner of in the month.")))
register(StaffMetric(code="audits.actions_on_time", label=_("Corrective actions closed on time"), unit=PERCENT, monthly=actions_on_time,
                     order=33, score=lambda v: v,
                     help=_("Of the corrective actions they own that fell due in the month, the share verified and closed by the due time.")))
