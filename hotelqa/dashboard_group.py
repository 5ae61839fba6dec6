"""The dashboard's comparisons, read from the KPI snapshots only like its tiles: the group view
(one row per property, ranked by a chosen KPI) and a property's best and weakest departments
(by the share of their KPIs on target)."""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import DecimalField, Sum, Value
from django.db.models.functions import Coalesce

from . import kpi_registry
from .models import Department, KpiSnapshot, KpiTarget

DEFAULT_RANK = "complaints.satisfaction"
SHOWN_DEPARTMENTS = 3


def rank_choices():
    return [(k.code, k.name) for k in kpi_registry.tile_kpis()]


def default_rank():
    codes = [k.code for k in kpi_registry.tile_kpis()]
    return DEFAULT_RANK if DEFAULT_RANK in codes else (codes[0] if codes else "")


@dataclass
class Figure:
    kpi: object
    value: Decimal | None
    status: str


@dataclass
class RankedRow:
    subject: object  # a Property or a Department
    figures: list = field(default_factory=list)  # [Figure] in the order of the KPIs
    rank_value: Decimal | None = None
    on_target: int = 0
    with_target: int = 0

    @property
    def score(self):
        return None if not self.with_target else round(self.on_target * 100 / self.with_target)


def _targets(properties):
    targets = defaultdict(dict)
    for t in KpiTarget.objects.filter(property__in=properties):
        targets[t.property_id][t.code] = t
    return targets


def _figure(kpi, rows, own_target):
    return _figure_of(kpi, kpi.period(rows).value, own_target)


def _figure_of(kpi, value, own_target):
    target = Decimal(own_target.target) if own_target else None
    warning = Decimal(own_target.warning) if own_target else None
    return Figure(kpi, value, kpi.status(value, target, warning))


def _sort_key(kpi):
    better_up = kpi.direction == "up"
    return lambda row: (row.rank_value is None, -(row.rank_value or 0) if better_up else (row.rank_value or 0))


def property_ranking(*, properties, start, end, rank_by):
    """One row per property with every tile KPI over the period, best first by `rank_by`
    (one query for the snapshots, one for the targets)."""
    kpis = kpi_registry.tile_kpis()
    rank_kpi = next((k for k in kpis if k.code == rank_by), kpis[0] if kpis else None)
    if rank_kpi is None:
        return [], []
    rows = KpiSnapshot.objects.filter(
        property__in=properties, key="", department__isnull=True, code__in=[k.code for k in kpis], day__gte=start, day__lte=end
    ).values_list("property_id", "code", "day", "total", "weight", "histogram")
    grouped = defaultdict(list)
    for property_id, code, *row in rows:
        grouped[(property_id, code)].append(row)
    targets = _targets(properties)
    ranked = []
    for prop in properties:
        row = RankedRow(prop)
        for kpi in kpis:
            figure = _figure(kpi, grouped.get((prop.pk, kpi.code), []), targets[prop.pk].get(kpi.code))
            row.figures.append(figure)
            if figure.status != kpi_registry.Status.NONE:
                row.with_target += 1
                row.on_target += figure.status == kpi_registry.Status.GOOD
            if kpi is rank_kpi:
                row.rank_value = figure.value
        ranked.append(row)
    ranked.sort(key=_sort_key(rank_kpi))
    return kpis, ranked


def department_figures(*, property, kpis, start, end):
    """{(department_id, code): PeriodValue} of each KPI per department of a property over the
    period. A SUM or RATIO KPI's period value needs only Σ total and Σ weight, which the database
    adds up (one query); LAST and QUANTILE KPIs read their rows (a second query, when any)."""
    base = KpiSnapshot.objects.filter(property=property, key="", department__isnull=False, day__gte=start, day__lte=end)
    summed = {k.code: k for k in kpis if k.aggregate in (kpi_registry.Aggregate.SUM, kpi_registry.Aggregate.RATIO)}
    folded = {k.code: k for k in kpis if k.code not in summed}
    figures = {}
    if summed:
        sums = (
            base.filter(code__in=summed, total__isnull=False)
            .values_list("department_id", "code")
            .annotate(sum_total=Sum("total"), sum_weight=Sum(Coalesce("weight", Value(Decimal(0)), output_field=DecimalField())))
            .order_by()
        )
        for department_id, code, total, weight in sums:
            figures[(department_id, code)] = summed[code].period_from_sums(total, weight)
    if folded:
        grouped = defaultdict(list)
        rows = base.filter(code__in=folded).values_list("department_id", "code", "day", "total", "weight", "histogram")
        for department_id, code, *row in rows:
            grouped[(department_id, code)].append(row)
        for (department_id, code), rows in grouped.items():
            figures[(department_id, code)] = folded[code].period(rows)
    return figures


def department_ranking(*, property, start, end, departments=None, targets=None):
    """(best, weakest): the departments with the most and the fewest of their KPIs on target over
    the period, at most SHOWN_DEPARTMENTS each, from the per-department snapshots. The property's
    departments and targets are read here unless the caller already holds them."""
    if targets is None:
        targets = _targets([property])[property.pk]
    # A KPI without a target (its own or the property's) has no status, so it never counts in
    # the ranking: its figures are not read (a median's histograms are the costliest to add up).
    kpis = [k for k in kpi_registry.tile_kpis() if k.by_department and (k.target is not None or k.code in targets)]
    figures = department_figures(property=property, kpis=kpis, start=start, end=end)
    if departments is None:
        departments = Department.objects.filter(property=property)  # one query, however many have figures
    ranked = []
    for department in departments:
        row = RankedRow(department)
        for kpi in kpis:
            period = figures.get((department.pk, kpi.code))
            if period is None:
                continue
            figure = _figure_of(kpi, period.value, targets.get(kpi.code))
            if figure.status == kpi_registry.Status.NONE:
                continue
            row.figures.append(figure)
            row.with_target += 1
            row.on_target += figure.status == kpi_registry.Status.GOOD
        if row.with_target:
            ranked.append(row)
    ranked.sort(key=lambda r: (-r.score, -r.on_target, str(r.subject)))
    # A few departments are split in two halves, so none is both best and weakest.
    best = ranked[:min(SHOWN_DEPARTMENTS, (len(ranked) + 1) // 2)]
    weakest = list(reversed(ranked[len(best):]))[:SHOWN_DEPARTMENTS]
    return best, weakest
