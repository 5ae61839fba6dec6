"""The KPI registry (SPEC §7). Each app declares its KPIs in its own `kpis.py`:

    register(Kpi(
        code="facilities.inspection_pass_rate", name=_("Inspection pass rate"), unit="%", scale=100,
        formula=_("Inspections submitted in the period that passed ÷ inspections submitted in the period."),
        direction=KpiDirection.HIGHER_IS_BETTER, target=95, warning=85,
        compute=inspection_pass_rate, records=submitted_inspections,
    ))

`compute(*, property, start, end, department=None)` returns a `Measure` for the half-open
interval [start, end), or None when there is nothing to measure. A measure is made of parts that
add up over days, so a period's value read from the daily snapshots is the value computed over
the whole period:

- `Aggregate.RATIO` (default): value = scale × Σ total ÷ Σ weight — shares (total = counted
  records, weight = all records), means (total = sum of durations, weight = records) and rates
  (complaints ÷ room-nights). Exact.
- `Aggregate.SUM`: value = Σ total (costs). Exact.
- `Aggregate.LAST`: value = total of the last day of the period (a stock such as the work orders
  open at the close of the day). Exact.
- `Aggregate.QUANTILE`: value = the quantile of the summed per-day histograms (`kpi_histogram`);
  within the width of the buckets holding the middle values (`Kpi.ladder`).

`records(*, property, start, end, department=None)` returns the queryset of the records the
number is computed from (what the KPI page lists); `counted` (a Q) picks the ones counted in a
ratio's numerator. A KPI with a `breakdown` (`breakdown(*, property, start, end, department=None)
-> {key: Measure}`) stores one snapshot per key and feeds a panel instead of a tile.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from functools import lru_cache
from typing import Callable, Optional

from . import kpi_histogram
from .choices import KpiDirection


@dataclass(frozen=True)
class Measure:
    total: Decimal
    weight: Decimal = Decimal(1)
    histogram: Optional[dict] = None

    @classmethod
    def ratio(cls, part, whole):
        """part of whole; None when there is no whole."""
        if not whole:
            return None
        return cls(Decimal(part), Decimal(whole))


class Aggregate:
    RATIO = "ratio"
    SUM = "sum"
    LAST = "last"
    QUANTILE = "quantile"


class Status:
    GOOD = "good"
    WARNING = "warning"
    BAD = "bad"
    NONE = "none"


@dataclass(frozen=True)
class PeriodValue:
    """A KPI over a period: the value and the parts it is computed from."""

    value: Optional[Decimal]
    total: Decimal = Decimal(0)
    weight: Decimal = Decimal(0)
    histogram: Optional[dict] = None
    tolerance: Optional[Decimal] = Decimal(0)


@dataclass(frozen=True)
class Kpi:
    code: str
    name: object  # lazy translation
    unit: str
    direction: str
    target: Optional[Decimal]  # None: shown without a target (no colour)
    warning: Optional[Decimal]
    compute: Optional[Callable] = None  # default: the share of `records` that are `counted`
    aggregate: str = Aggregate.RATIO
    scale: object = 1  # value = scale × total ÷ weight (100 for a percentage)
    formula: object = ""  # how the number is computed, in words (lazy translation)
    description: object = ""
    records: Optional[Callable] = None  # (*, property, start, end, department) -> QuerySet
    counted: object = None  # Q of the records counted in a ratio's numerator
    records_label: object = ""  # what the KPI page's list of records is
    records_select: tuple = ()  # relations the records' names need (select_related)
    record_note: Optional[Callable] = None  # (record) -> str shown next to it on the KPI page
    # The KPI page lists the records newest first by the moment that puts them in the period: on
    # that field's index, where "-pk" would walk the whole table backwards past other properties' rows.
    records_order: tuple = ("-pk",)
    # Which part of a measure is the number of its records: "weight" (shares, means, costs) or
    # "total" (counts, rates per day or per room-night, stocks).
    records_count: str = "weight"
    by_department: bool = True
    # Days after which a day's value no longer changes (records finished later still count for
    # the day they belong to); the nightly job stores those days again until then.
    settle_days: int = 0
    order: int = 100
    decimals: int = 1
    ladder: Optional[kpi_histogram.Ladder] = None  # bucket edges of a QUANTILE KPI
    quantile: Decimal = Decimal("0.5")
    extra: dict = field(default_factory=dict)
    breakdown: Optional[Callable] = None
    key_labels: Optional[Callable] = None  # (keys) -> {key: label} of a breakdown's keys

    @property
    def is_tile(self):
        return self.breakdown is None

    @property
    def has_target(self):
        return self.target is not None

    def status(self, value, target=None, warning=None):
        """good / warning / bad against a target, honouring the KPI's direction."""
        target = self.target if target is None else target
        warning = self.warning if warning is None else warning
        if value is None or target is None:
            return Status.NONE
        target, warning, value = Decimal(target), Decimal(warning), Decimal(value)
        if self.direction == KpiDirection.HIGHER_IS_BETTER:
            if value >= target:
                return Status.GOOD
            return Status.WARNING if value >= warning else Status.BAD
        if value <= target:
            return Status.GOOD
        return Status.WARNING if value <= warning else Status.BAD

    def measure(self, *, property, start, end, department=None):
        """The KPI over [start, end) computed from the records themselves."""
        if self.compute is not None:
            return self.compute(property=property, start=start, end=end, department=department)
        from django.db.models import Count

        qs = self.records(property=property, start=start, end=end, department=department)
        counts = qs.aggregate(total=Count("pk"), part=Count("pk", filter=self.counted))
        return Measure.ratio(counts["part"], counts["total"])

    def ratio_value(self, total, weight):
        if not weight:
            return None
        numerator, denominator = _scale_parts(self.scale)
        return Decimal(total) * numerator / (Decimal(weight) * denominator)

    def value_of(self, measure):
        """The value of one measure (a day's, or a whole period's computed directly)."""
        if measure is None:
            return None
        return self.period([(None, measure.total, measure.weight, measure.histogram)]).value

    def period(self, rows):
        """PeriodValue from snapshot rows (day, total, weight, histogram) of one or more properties."""
        rows = [r for r in rows if r[1] is not None]
        if not rows:
            return PeriodValue(None, tolerance=None)
        if self.aggregate == Aggregate.LAST:
            last = max(r[0] for r in rows) if rows[0][0] is not None else None
            rows = [r for r in rows if r[0] == last]
        total = sum((Decimal(r[1]) for r in rows), Decimal(0))
        weight = sum((Decimal(r[2] or 0) for r in rows), Decimal(0))
        if self.aggregate == Aggregate.QUANTILE:
            histogram = kpi_histogram.merge(r[3] for r in rows)
            value, bound = kpi_histogram.quantile(histogram, self.ladder, self.quantile)
            return PeriodValue(value, total, weight, histogram, bound)
        return self.period_from_sums(total, weight)

    def period_from_sums(self, total, weight):
        """PeriodValue of a SUM, LAST or RATIO KPI from Σ total and Σ weight of the rows it counts
        (for LAST, the last day's rows): what the database can add up instead of `period`."""
        if self.aggregate in (Aggregate.SUM, Aggregate.LAST):
            return PeriodValue(total, total, weight)
        return PeriodValue(self.ratio_value(total, weight), total, weight)


@lru_cache(maxsize=None)
def _scale_parts(scale):
    """(numerator, denominator) of a KPI's scale, worked out once per scale."""
    scale = Fraction(str(scale))
    return scale.numerator, scale.denominator


_REGISTRY: dict[str, Kpi] = {}


def register(kpi):
    if kpi.code in _REGISTRY and _REGISTRY[kpi.code] is not kpi:
        raise ValueError(f"KPI {kpi.code} is registered twice")
    if kpi.aggregate == Aggregate.QUANTILE and kpi.ladder is None:
        raise ValueError(f"KPI {kpi.code} reads a quantile and needs a ladder of bucket edges")
    _REGISTRY[kpi.code] = kpi
    return kpi


def get(code):
    return _REGISTRY[code]


def all_kpis():
    return sorted(_REGISTRY.values(), key=lambda k: (k.order, k.code))


def tile_kpis():
    return [k for k in all_kpis() if k.is_tile]
