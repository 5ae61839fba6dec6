"""The KPI registry (SPEC §7). Each app declares its KPIs in its own `kpis.py`:

    register(Kpi(
        code="facilities.inspection_pass_rate", name=_("Inspection pass rate"), unit="%",
        direction=KpiDirection.HIGHER_IS_BETTER, target=95, warning=85,
        compute=inspection_pass_rate, drilldown=inspections_url,
    ))

`compute(*, property, start, end, department=None)` returns a `Measure` for the half-open
interval [start, end), or None when there is nothing to measure. A KPI with a `breakdown`
(`breakdown(*, property, start, end) -> {key: Measure}`) stores one snapshot per key instead and
is read by a dashboard panel through `hotelqa.dashboard.kpi_breakdown`. A period's value is read from the
daily snapshots: a weighted mean of daily values (the weight is what the value is a share or mean
of, so ratios come out exact) or their sum.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Callable, Optional

from .choices import KpiDirection


@dataclass(frozen=True)
class Measure:
    value: Decimal
    weight: Decimal = Decimal(1)

    @classmethod
    def ratio(cls, part, whole, scale=100):
        """part/whole as a percentage weighted by whole; None when there is no whole."""
        if not whole:
            return None
        return cls(Decimal(part) * scale / Decimal(whole), Decimal(whole))


class Aggregate:
    WEIGHTED_MEAN = "weighted_mean"
    SUM = "sum"


class Status:
    GOOD = "good"
    WARNING = "warning"
    BAD = "bad"
    NONE = "none"


@dataclass(frozen=True)
class Kpi:
    code: str
    name: object  # lazy translation
    unit: str
    direction: str
    target: Decimal
    warning: Decimal
    compute: Callable
    aggregate: str = Aggregate.WEIGHTED_MEAN
    description: object = ""
    drilldown: Optional[Callable] = None  # (property, start_date, end_date) -> url
    by_department: bool = False
    order: int = 100
    decimals: int = 1
    extra: dict = field(default_factory=dict)
    # A breakdown is stored per key and read by a panel, not shown as a tile:
    # breakdown(*, property, start, end) -> {key: Measure}
    breakdown: Optional[Callable] = None

    @property
    def is_tile(self):
        return self.breakdown is None

    def status(self, value, target=None, warning=None):
        """good / warning / bad against a target, honouring the KPI's direction."""
        if value is None:
            return Status.NONE
        target = Decimal(self.target if target is None else target)
        warning = Decimal(self.warning if warning is None else warning)
        value = Decimal(value)
        if self.direction == KpiDirection.HIGHER_IS_BETTER:
            if value >= target:
                return Status.GOOD
            return Status.WARNING if value >= warning else Status.BAD
        if value <= target:
            return Status.GOOD
        return Status.WARNING if value <= warning else Status.BAD


_REGISTRY: dict[str, Kpi] = {}


def register(kpi):
    if kpi.code in _REGISTRY and _REGISTRY[kpi.code] is not kpi:
        raise ValueError(f"KPI {kpi.code} is registered twice")
    _REGISTRY[kpi.code] = kpi
    return kpi


def get(code):
    return _REGISTRY[code]


def all_kpis():
    return sorted(_REGISTRY.values(), key=lambda k: (k.order, k.code))


def tile_kpis():
    return [k for k in all_kpis() if k.is_tile]


def combine(kpi, rows):
    """Period value from snapshot rows of (value, weight)."""
    rows = [(v, w) for v, w in rows if v is not None]
    if not rows:
        return None
    if kpi.aggregate == Aggregate.SUM:
        return sum((Decimal(v) for v, _ in rows), Decimal(0))
    total_weight = sum((Decimal(w or 0) for _, w in rows), Decimal(0))
    if not total_weight:
        return sum(Decimal(v) for v, _ in rows) / len(rows)
    return sum(Decimal(v) * Decimal(w or 0) for v, w in rows) / total_weight
