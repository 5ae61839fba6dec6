"""Audit KPIs (SPEC §7): audit score, audits done on time, corrective actions closed on time,
repeat findings. Each declares the records it is computed from, so the KPI page lists exactly
what the number counts."""

from decimal import Decimal

from django.db.models import Count, F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hotelqa.choices import KpiDirection
from hotelqa.kpi_registry import Kpi, Measure, register

from .models import AuditStatus, CorrectiveAction, Finding
from .models import Audit

HIGHER, LOWER = KpiDirection.HIGHER_IS_BETTER, KpiDirection.LOWER_IS_BETTER


def _scope(qs, department):
    return qs.filter(department=department) if department is not None else qs


def audits_submitted(*, property, start, end, department=None):
    return _scope(Audit.objects.filter(property=property, status=AuditStatus.SUBMITTED, submitted_at__gte=start,
                                       submitted_at__lt=end, score__isnull=False), department)


def audit_score(*, property, start, end, department=None):
    """Sum of the scores of audits submitted in the period ÷ their number."""
    row = audits_submitted(property=property, start=start, end=end, department=department).aggregate(total=Sum("score"), n=Count("id"))
    if not row["n"]:
        return None
    return Measure(Decimal(row["total"]), Decimal(row["n"]))


def audits_due(*, property, start, end, department=None):
    return _scope(Audit.objects.filter(property=property, due_at__gte=start, due_at__lt=end), department)


def actions_due(*, property, start, end, department=None):
    return _scope(CorrectiveAction.objects.filter(property=property, due_at__gte=start, due_at__lt=end), department)


def findings_made(*, property, start, end, department=None):
    return _scope(Finding.objects.filter(property=property, created_at__gte=start, created_at__lt=end), department)


def _when(moment):
    return f"{timezone.localtime(moment):%Y-%m-%d %H:%M}" if moment else "—"


def _audit_note(audit):
    note = _("due %(due)s, submitted %(submitted)s") % {"due": _when(audit.due_at), "submitted": _when(audit.submitted_at)}
    return note if audit.score is None else f"{note} · {audit.score}%"


def _action_note(action):
    return _("due %(due)s, closed %(closed)s") % {"due": _when(action.due_at), "closed": _when(action.closed_at)}


def _finding_note(finding):
    return f"{finding.display_text} · {_when(finding.created_at)}"


register(Kpi(
    code="audits.audit_score", name=_("Audit score"), unit="%",
    description=_("Average score of the quality audits submitted in the period."),
    formula=_("Sum of the scores of audits submitted in the period ÷ the number of those audits."),
    direction=HIGHER, target=Decimal(90), warning=Decimal(80), order=400,
    compute=audit_score, records=audits_submitted, records_order=("-submitted_at", "-pk"), records_select=("version__template", "department"), record_note=_audit_note,
    records_label=_("Audits submitted in the period"),
))
register(Kpi(
    code="audits.audits_on_time", name=_("Audits done on time"), unit="%", scale=100,
    description=_("Share of audits due in the period that were submitted by their due time."),
    formula=_("Audits due in the period and submitted by their due time ÷ audits due in the period."),
    direction=HIGHER, target=Decimal(95), warning=Decimal(85), order=401,
    records=audits_due, records_order=("-due_at", "-pk"), records_select=("version__template", "department"), record_note=_audit_note,
    counted=Q(status=AuditStatus.SUBMITTED, submitted_at__lte=F("due_at")),
    records_label=_("Audits due in the period (✓ = submitted on time)"),
))
register(Kpi(
    code="audits.actions_closed_on_time", name=_("Corrective actions closed on time"), unit="%", scale=100,
    description=_("Share of corrective actions due in the period that were verified and closed by their due time."),
    formula=_("Corrective actions due in the period and closed by their due time ÷ corrective actions due in the period."),
    direction=HIGHER, target=Decimal(90), warning=Decimal(75), order=402,
    records=actions_due, records_order=("-due_at", "-pk"), records_select=("finding__item", "department"), record_note=_action_note,
    counted=Q(closed_at__isnull=False, closed_at__lte=F("due_at")),
    records_label=_("Corrective actions due in the period (✓ = closed on time)"),
))
register(Kpi(
    code="audits.repeat_findings", name=_("Repeat findings"), unit="%", scale=100,
    description=_("Share of audit findings whose item had already failed in the same department within the 90 days before."),
    formula=_("Findings of the period that repeat a finding of the 90 days before in the same department ÷ findings of the period."),
    direction=LOWER, target=Decimal(10), warning=Decimal(20), order=403,
    records=findings_made, records_order=("-created_at", "-pk"), records_select=("item", "department"), record_note=_finding_note, counted=Q(is_repeat=True),
    records_label=_("Findings of the period (✓ = repeat)"),
))
