"""Audits' sections of the monthly quality report: audit results and corrective actions of the
month (hotelqa.reports registry)."""

from django.db.models import Avg, Count, F, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hotelqa.models import Department
from hotelqa.reports import Block, Chart, register_section
from hotelqa.reports.kpi_section import month_end
from hotelqa.services import day_bounds

from .models import ActionStatus, Audit, AuditMethod, AuditStatus, CorrectiveAction, Finding


def _bounds(property, month):
    start, _end = day_bounds(month.first, property.time_zone)
    _start, end = day_bounds(month_end(month), property.time_zone)
    return start, end


def _number(value):
    return None if value is None else round(float(value), 1)


def audit_blocks(property, month):
    start, end = _bounds(property, month)
    submitted = Q(status=AuditStatus.SUBMITTED)
    rows = list(
        Audit.objects.filter(property=property, due_at__gte=start, due_at__lt=end)
        .values("department")
        .annotate(
            due=Count("id"),
            done=Count("id", filter=submitted),
            on_time=Count("id", filter=submitted & Q(submitted_at__lte=F("due_at"))),
            n_passed=Count("id", filter=submitted & Q(passed=True)),
            critical=Count("id", filter=submitted & Q(critical_failed=True)),
            mean_score=Avg("score", filter=submitted),
        )
        .order_by("department")
    )
    if not rows:
        return []
    names = {d.pk: str(d) for d in Department.objects.filter(pk__in=[r["department"] for r in rows])}
    table = [
        [names.get(r["department"], ""), r["due"], r["done"], r["on_time"], _number(r["mean_score"]), r["n_passed"], r["critical"]]
        for r in rows
    ]
    by_method = list(
        Audit.objects.filter(property=property, status=AuditStatus.SUBMITTED, submitted_at__gte=start, submitted_at__lt=end)
        .values("method").annotate(n=Count("id"), mean_score=Avg("score")).order_by("method")
    )
    scored = [(row[0], row[4]) for row in table if row[4] is not None]
    blocks = [Block(
        title=_("Audits due in the month, by department"),
        header=[_("Department"), _("Due in the month"), _("Submitted"), _("Done on time"), _("Mean score %"), _("Passed"), _("Critical item failed")],
        rows=table,
        chart=Chart(kind="bar", labels=[n for n, _s in scored], series=[(_("Mean score %"), [s for _n, s in scored])]) if scored else None,
    )]
    if by_method:
        blocks.append(Block(
            title=_("Audits submitted in the month, by method"), header=[_("Method"), _("Audits"), _("Mean score %")],
            rows=[[str(AuditMethod(r["method"]).label) if r["method"] in AuditMethod.values else r["method"], r["n"], _number(r["mean_score"])] for r in by_method],
        ))
    return blocks


def action_blocks(property, month):
    start, end = _bounds(property, month)
    actions = CorrectiveAction.objects.filter(property=property).aggregate(
        opened=Count("id", filter=Q(created_at__gte=start, created_at__lt=end)),
        due=Count("id", filter=Q(due_at__gte=start, due_at__lt=end)),
        closed=Count("id", filter=Q(closed_at__gte=start, closed_at__lt=end)),
        closed_on_time=Count("id", filter=Q(closed_at__gte=start, closed_at__lt=end, closed_at__lte=F("due_at"))),
        open_at_end=Count("id", filter=Q(created_at__lt=end) & (Q(closed_at__isnull=True) | Q(closed_at__gte=end))),
        overdue_at_end=Count("id", filter=Q(created_at__lt=end, due_at__lt=end) & (Q(closed_at__isnull=True) | Q(closed_at__gte=end))),
    )
    findings = Finding.objects.filter(property=property, created_at__gte=start, created_at__lt=end).aggregate(
        n=Count("id"), repeat=Count("id", filter=Q(is_repeat=True))
    )
    if not any(actions.values()) and not findings["n"]:
        return []
    open_now = list(
        CorrectiveAction.objects.filter(property=property, status__in=ActionStatus.open_values())
        .values("status").annotate(n=Count("id")).order_by("status")
    )
    blocks = [Block(
        header=[_("Findings in the month"), _("Repeat findings"), _("Actions opened"), _("Due in the month"), _("Actions closed"), _("Closed on time"),
                _("Open at the month's close"), _("Overdue at the month's close")],
        rows=[[findings["n"], findings["repeat"], actions["opened"], actions["due"], actions["closed"], actions["closed_on_time"],
               actions["open_at_end"], actions["overdue_at_end"]]],
        note=_("PDCA: plan → do → check (the inspector verifies the evidence) → act (closed)."),
    )]
    if open_now:
        blocks.append(Block(
            title=_("Open actions today, by PDCA step"), header=[_("PDCA step"), _("Corrective actions")],
            rows=[[str(ActionStatus(r["status"]).label), r["n"]] for r in open_now],
        ))
    return blocks


register_section("audits.results", title=gettext_lazy("Audit results"), order=50, build=audit_blocks)
register_section("audits.corrective_actions", title=gettext_lazy("Corrective actions"), order=60, build=action_blocks)
