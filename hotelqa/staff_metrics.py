"""Staff metrics: numbers about one person's work per month, each computed by the app that owns
the records (cases, work orders, inspections, audits and corrective actions, training).

An app registers its metrics from its own `staff_metrics.py`, imported in `AppConfig.ready()`:

    register(StaffMetric(
        code="complaints.cases_handled", label=_("Cases handled"), unit=COUNT,
        monthly=cases_handled, order=10,
    ))

`monthly(staff, start, end)` returns `{first day of the month: value}` for the months of the
half-open interval [start, end) (aware datetimes at month starts in the property's time zone)
that have data, in one query whatever the number of months: the staff scorecard shows two years
and stays flat in SQL. Metrics over the same records read them through `shared(loader, …)`, so
`values_for` runs one aggregate per table, not one per metric. Records that name people by their login (cases, work orders, corrective
actions) give a person without one (`staff.user_id is None`) nothing: such a metric returns `{}`.

`score(value)` (optional) turns a value into 0–100 for a data-filled assessment criterion; a
metric without one (a count) is shown on the scorecard only. `summed=False` marks a count that is a
state at the month's end (certificates valid), which the scorecard does not add up over months.
"""

import contextvars
import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Callable, Optional
from zoneinfo import ZoneInfo

COUNT = "count"
PERCENT = "%"
OUT_OF_5 = "/5"


@dataclass(frozen=True)
class StaffMetric:
    code: str
    label: object
    unit: str
    monthly: Callable  # (staff, start, end) -> {date: Decimal}
    score: Optional[Callable] = None  # value -> 0..100
    order: int = 100
    help: object = ""
    # A count of things done in the month adds up over months; a state at the month's end
    # (certificates valid) does not, and shows no total.
    summed: bool = True

    def month(self, staff, month: dt.date):
        """The value of one month, or None."""
        start, end = month_bounds(month, staff.property.time_zone)
        return self.monthly(staff, start, end).get(month)


_METRICS: dict[str, StaffMetric] = {}


def register(metric: StaffMetric) -> StaffMetric:
    _METRICS[metric.code] = metric
    return metric


def get(code) -> StaffMetric:
    return _METRICS[code]


def all_metrics() -> list[StaffMetric]:
    return sorted(_METRICS.values(), key=lambda m: (m.order, m.code))


def scoring_metrics() -> list[StaffMetric]:
    return [m for m in all_metrics() if m.score is not None]


def first_of_month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def add_months(month: dt.date, n: int) -> dt.date:
    index = month.year * 12 + month.month - 1 + n
    return dt.date(index // 12, index % 12 + 1, 1)


def month_bounds(month: dt.date, tz_name: str):
    """[start, end) of a month as aware datetimes in the property's time zone."""
    tz = ZoneInfo(tz_name)
    return (dt.datetime.combine(first_of_month(month), dt.time.min, tzinfo=tz),
            dt.datetime.combine(add_months(first_of_month(month), 1), dt.time.min, tzinfo=tz))


def months_between(first: dt.date, last: dt.date) -> list[dt.date]:
    months, month = [], first_of_month(first)
    while month <= last:
        months.append(month)
        month = add_months(month, 1)
    return months


def month_key(value) -> dt.date:
    """A truncated month from the database (a date or an aware datetime) as a date."""
    return value.date() if isinstance(value, dt.datetime) else value


def rounded(value, places=1) -> Optional[Decimal]:
    if value is None:
        return None
    return Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def share(part, whole) -> Optional[Decimal]:
    """part ÷ whole as a percentage with one decimal, None when there is no whole."""
    if not whole:
        return None
    return rounded(Decimal(part) * 100 / Decimal(whole))


# The figures one `values_for` call has read, so that metrics of the same records (cases
# handled, resolved in time, rated) share one aggregate query instead of each scanning the table.
_shared = contextvars.ContextVar("staff_metrics_shared", default=None)


def shared(loader: Callable, staff, start, end):
    """`loader(staff, start, end)`, read once per `values_for` call whatever the number of metrics
    built on it (outside one, read every time)."""
    memo = _shared.get()
    if memo is None:
        return loader(staff, start, end)
    key = (loader, staff.pk, start, end)
    if key not in memo:
        memo[key] = loader(staff, start, end)
    return memo[key]


def values_for(staff, months: list[dt.date], metrics=None) -> dict[str, dict[dt.date, Decimal]]:
    """{metric code: {month: value}} for the months given: at most one query per metric (metrics
    reading the same records share theirs), whatever the number of months."""
    if not months:
        return {}
    tz = staff.property.time_zone
    start, end = month_bounds(months[0], tz)[0], month_bounds(months[-1], tz)[1]
    token = _shared.set({})
    try:
        return {m.code: m.monthly(staff, start, end) for m in (metrics or all_metrics())}
    finally:
        _shared.reset(token)
