"""The foundation's section of the monthly report: every KPI against its target, with its trend
over the last six months, read from the daily snapshots like the dashboard."""

from collections import defaultdict
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .. import kpi_registry
from ..dashboard import kpi_tiles, last_closed_day
from ..i18n import unit_label
from ..models import KpiSnapshot
from .registry import Block, Month, register_section

TREND_MONTHS = 6
STATUS_TEXT = {
    kpi_registry.Status.GOOD: gettext_lazy("on target"),
    kpi_registry.Status.WARNING: gettext_lazy("below target"),
    kpi_registry.Status.BAD: gettext_lazy("far from target"),
    kpi_registry.Status.NONE: gettext_lazy("no data"),
}


def rounded(value, kpi):
    """A KPI value as the dashboard shows it (the KPI's decimals), as a number."""
    if value is None:
        return None
    step = Decimal(1) / (10 ** kpi.decimals) if kpi.decimals else Decimal(1)
    return float(Decimal(value).quantize(step))


def month_end(month: Month):
    """The month's last day with figures: its last day, or yesterday for the running month."""
    return min(month.last, last_closed_day())


def month_tiles(property, month: Month):
    return kpi_tiles(properties=[property], start=month.first, end=month_end(month), granularity="month")


def monthly_series(property, month: Month, kpis):
    """{code: [value per month]} over the TREND_MONTHS months ending with `month` (one query)."""
    first = month.shift(-(TREND_MONTHS - 1))
    rows = KpiSnapshot.objects.filter(
        property=property, key="", department__isnull=True, code__in=[k.code for k in kpis],
        day__gte=first.first, day__lte=month_end(month),
    ).values_list("code", "day", "total", "weight", "histogram")
    grouped = defaultdict(list)
    for code, day, total, weight, histogram in rows:
        grouped[(code, day.year, day.month)].append((day, total, weight, histogram))
    months = [first.shift(i) for i in range(TREND_MONTHS)]
    return months, {
        k.code: [rounded(k.period(grouped.get((k.code, m.year, m.month), [])).value, k) for m in months] for k in kpis
    }


def kpi_blocks(property, month: Month):
    tiles = month_tiles(property, month)
    if not tiles:
        return []
    months, series = monthly_series(property, month, [t.kpi for t in tiles])
    header = [_("KPI"), _("Unit"), _("Target"), _("This month"), _("Previous period"), _("Status")] + [str(m) for m in months]
    rows, sparklines = [], []
    for tile in tiles:
        kpi = tile.kpi
        rows.append(
            [str(kpi.name), unit_label(kpi.unit), rounded(tile.target, kpi), rounded(tile.value, kpi),
             rounded(tile.previous, kpi), str(STATUS_TEXT.get(tile.status, ""))] + series[kpi.code]
        )
        sparklines.append(series[kpi.code])
    note = _("Figures from the daily snapshots, %(start)s to %(end)s, as on the dashboard.") % {
        "start": month.first.isoformat(), "end": month_end(month).isoformat()}
    return [Block(header=header, rows=rows, sparklines=sparklines, note=note)]


register_section("hotelqa.kpis", title=gettext_lazy("KPIs against targets"), order=10, build=kpi_blocks)
