"""The case engine's sections of the monthly quality report: the complaint Pareto and the cost of
service recovery (hotelqa.reports registry)."""

from django.db.models import Count, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from hotelqa import kpi_registry
from hotelqa.dashboard import kpi_by_department
from hotelqa.reports import Block, Chart, register_section
from hotelqa.reports.kpi_section import month_end, monthly_series, rounded
from hotelqa.services import day_bounds

from .choices import Category, RecoveryKind
from .kpis import recovery_counted
from .panels import category_pareto


def pareto_blocks(property, month):
    rows = category_pareto(properties=[property], start=month.first, end=month_end(month))
    if not rows:
        return []
    labels = [str(Category(key).label) if key in Category.values else key for key, _n, _c in rows]
    whole = sum(n for _key, n, _c in rows)
    table = [[label, n, round(n * 100 / whole, 1), cumulative] for label, (_key, n, cumulative) in zip(labels, rows)]
    chart = Chart(kind="bar", labels=labels, series=[(_("Number of complaints"), [n for _k, n, _c in rows]), (_("Cumulative %"), [c for _k, _n, c in rows])])
    return [Block(
        header=[_("Category"), _("Number of complaints"), _("Share %"), _("Cumulative %")], rows=table, chart=chart,
        note=_("The few categories that make up most complaints come first: fix those first."),
    )]


def recovery_blocks(property, month):
    kpi = kpi_registry.get("complaints.recovery_cost")
    months, series = monthly_series(property, month, [kpi])
    start, _end = day_bounds(month.first, property.time_zone)
    _start, end = day_bounds(month_end(month), property.time_zone)
    by_kind = list(
        recovery_counted(property=property, start=start, end=end).values("kind").annotate(n=Count("id"), total=Sum("cost")).order_by("-total")
    )
    by_department = kpi_by_department(kpi=kpi, property=property, start=month.first, end=month_end(month))
    if not by_kind and not any(v for v in series[kpi.code]):
        return []
    blocks = [Block(
        title=_("Cost per month (¥)"), header=[_("Month"), _("Cost (¥)")],
        rows=[[str(m), v] for m, v in zip(months, series[kpi.code])],
        chart=Chart(kind="bar", labels=[str(m) for m in months], series=[(_("Cost (¥)"), [v or 0 for v in series[kpi.code]])]),
    )]
    if by_kind:
        blocks.append(Block(
            title=_("By kind of recovery"), header=[_("Recovery"), _("Actions"), _("Cost (¥)")],
            rows=[[str(RecoveryKind(r["kind"]).label) if r["kind"] in RecoveryKind.values else r["kind"], r["n"], float(r["total"] or 0)] for r in by_kind],
        ))
    if by_department:
        blocks.append(Block(
            title=_("By department"), header=[_("Department"), _("Cost (¥)")],
            rows=[[name, rounded(value, kpi)] for name, value in by_department],
        ))
    return blocks


register_section("complaints.pareto", title=gettext_lazy("Complaint Pareto"), order=20, build=pareto_blocks)
register_section("complaints.recovery_cost", title=gettext_lazy("Service recovery cost"), order=30, build=recovery_blocks)
