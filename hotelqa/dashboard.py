"""Reads for the manager dashboard: KPI tiles and trends from the daily snapshot table only.

Snapshots are stored after each day closes, so every period runs to yesterday's close; what
happened today is shown by the live "today so far" strip instead."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from . import kpi_registry
from .models import Department, KpiSnapshot, KpiTarget

PERIODS = [
    ("1", _("Yesterday")),
    ("7", _("Last 7 days")),
    ("30", _("Last 30 days")),
    ("90", _("Last 90 days")),
    ("month", _("This month")),
    ("custom", _("Custom")),
]
GRANULARITIES = [("day", _("Day")), ("week", _("Week")), ("month", pgettext_lazy("granularity", "Month"))]


def last_closed_day():
    return timezone.localdate() - dt.timedelta(days=1)


class DashboardFilterForm(forms.Form):
    property = forms.ChoiceField(label=_("Property"), required=False)
    department = forms.ChoiceField(label=_("Department"), required=False)
    period = forms.ChoiceField(label=_("Period"), choices=PERIODS, required=False)
    start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    granularity = forms.ChoiceField(label=_("Trend by"), choices=GRANULARITIES, required=False)
    rank_by = forms.ChoiceField(label=_("Rank properties by"), required=False)

    def __init__(self, *args, properties, allow_all, active_property, **kwargs):
        kwargs.setdefault("initial", {"period": "30", "property": str(active_property.pk), "granularity": "day"})
        super().__init__(*args, **kwargs)
        choices = [(str(p.pk), str(p)) for p in properties]
        if allow_all:
            choices.insert(0, ("all", _("All properties")))
        self.fields["property"].choices = choices
        if allow_all:
            from .dashboard_group import rank_choices

            self.fields["rank_by"].choices = rank_choices()
        else:
            del self.fields["rank_by"]  # only a view across properties ranks them
        self.properties = {str(p.pk): p for p in properties}
        self.active_property = active_property
        self.departments = {str(d.pk): d for d in Department.objects.filter(property__in=properties).select_related("property")}
        several = len(properties) > 1
        self.fields["department"].choices = [("", _("All departments"))] + sorted(
            ((pk, f"{d.property} · {d}" if several else str(d)) for pk, d in self.departments.items()), key=lambda c: c[1]
        )

    def clean(self):
        data = super().clean()
        yesterday = last_closed_day()
        if data.get("period") == "custom":
            if not data.get("start") or not data.get("end"):
                raise forms.ValidationError(_("A custom period needs both a start and an end date."))
            if data["start"] > data["end"]:
                self.add_error("end", _("The end date is before the start date."))
            elif data["start"] > yesterday:
                self.add_error("start", _("The figures run to yesterday's close: choose a start before today."))
            elif (data["end"] - data["start"]).days > 731:
                self.add_error("end", _("Choose a period of at most two years."))
        department = self.departments.get(data.get("department") or "")
        if department is not None:
            chosen = data.get("property") or str(self.active_property.pk)
            if chosen != str(department.property_id):
                self.add_error("department", _("Choose a department of the selected property."))
        return data

    def resolve(self, default_property):
        """(properties, department, start, end, granularity) for valid input, defaults otherwise.
        The end is never after yesterday: today's figures are not stored yet."""
        data = self.cleaned_data if self.is_valid() else {}
        end = last_closed_day()
        period = data.get("period") or "30"
        if period == "custom" and data.get("start"):
            start, end = data["start"], min(data["end"], end)
        elif period == "month":
            start = end.replace(day=1)
        else:
            start = end - dt.timedelta(days=int(period) - 1)
        chosen = data.get("property") or str(default_property.pk)
        properties = list(self.properties.values()) if chosen == "all" else [self.properties.get(chosen, default_property)]
        department = self.departments.get(data.get("department") or "") if len(properties) == 1 else None
        granularity = data.get("granularity") or ("day" if (end - start).days <= 45 else "week")
        from .dashboard_group import default_rank

        self.rank_by = data.get("rank_by") or default_rank()
        return properties, department, start, end, granularity


@dataclass
class Tile:
    kpi: object
    period: kpi_registry.PeriodValue
    previous: Decimal | None
    target: Decimal | None
    warning: Decimal | None
    status: str
    labels: list
    series: list

    @property
    def value(self):
        return self.period.value


def bucket(day, granularity):
    if granularity == "week":
        return day - dt.timedelta(days=day.weekday())
    if granularity == "month":
        return day.replace(day=1)
    return day


def _snapshots(*, properties, department, start, end, codes=None):
    qs = KpiSnapshot.objects.filter(property__in=properties, key="", day__gte=start, day__lte=end)
    qs = qs.filter(department=department) if department is not None else qs.filter(department__isnull=True)
    if codes is not None:
        qs = qs.filter(code__in=codes)
    return qs.values_list("code", "day", "total", "weight", "histogram")


def kpi_period(*, kpi, properties, start, end, department=None):
    """One KPI's value over [start, end] (days, both included) from the snapshots."""
    rows = _snapshots(properties=properties, department=department, start=start, end=end, codes=[kpi.code])
    return kpi.period([r[1:] for r in rows])


STEP_DAYS = {"day": 1, "week": 7, "month": 32}


def trend_points(start, end, granularity):
    """[(bucket, label)]: the points of a trend over [start, end], the same for every KPI."""
    points = []
    cursor = bucket(start, granularity)
    while cursor <= end:
        points.append((cursor, max(cursor, start).isoformat()))
        cursor = bucket(cursor + dt.timedelta(days=STEP_DAYS[granularity]), granularity)
    return points


def trend(kpi, rows, start, end, granularity, points=None):
    """(labels, series): one point per day, week or month of the period, each the KPI over that
    bucket's days (within the period) by the same definition as the tile."""
    by_day = granularity == "day"
    if kpi.aggregate in (kpi_registry.Aggregate.SUM, kpi_registry.Aggregate.RATIO):
        # Σ total and Σ weight per bucket in one pass: what `Kpi.period` adds up, without
        # folding each bucket's rows again (a trend has a point per day).
        sums = {}
        for day, total, weight, _histogram in rows:
            if total is None:
                continue
            key = day if by_day else bucket(day, granularity)
            parts = sums.get(key)
            if parts is None:
                parts = sums[key] = [Decimal(0), Decimal(0)]
            parts[0] += Decimal(total)
            parts[1] += Decimal(weight or 0)

        def value_at(key):
            parts = sums.get(key)
            return None if parts is None else kpi.period_from_sums(*parts).value
    else:
        buckets = defaultdict(list)
        for row in rows:
            buckets[row[0] if by_day else bucket(row[0], granularity)].append(row)

        def value_at(key):
            return kpi.period(buckets.get(key, [])).value
    if points is None:
        points = trend_points(start, end, granularity)
    series = []
    for key, _label in points:
        value = value_at(key)
        series.append(None if value is None else float(round(value, 2)))
    return [label for _key, label in points], series


def property_targets(property):
    """{code: KpiTarget} of a property's own targets."""
    return {t.code: t for t in KpiTarget.objects.filter(property=property)}


def kpi_tiles(*, properties, start, end, granularity, kpis=None, department=None, targets=None):
    """One tile per registered KPI for the properties and period (2 queries whatever the data;
    one when the caller passes the single property's `targets`)."""
    kpis = kpis or kpi_registry.tile_kpis()
    span = (end - start).days + 1
    previous_start = start - dt.timedelta(days=span)
    rows = _snapshots(properties=properties, department=department, start=previous_start, end=end, codes=[k.code for k in kpis])
    current, previous = defaultdict(list), defaultdict(list)
    for code, day, total, weight, histogram in rows:
        (current if day >= start else previous)[code].append((day, total, weight, histogram))
    if len(properties) != 1:
        targets = {}
    elif targets is None:
        targets = property_targets(properties[0])

    points = trend_points(start, end, granularity)
    tiles = []
    for kpi in kpis:
        own = targets.get(kpi.code)
        target = Decimal(own.target) if own else (None if kpi.target is None else Decimal(kpi.target))
        warning = Decimal(own.warning) if own else (None if kpi.warning is None else Decimal(kpi.warning))
        period = kpi.period(current[kpi.code])
        labels, series = trend(kpi, current[kpi.code], start, end, granularity, points)
        tiles.append(
            Tile(
                kpi=kpi,
                period=period,
                previous=kpi.period(previous[kpi.code]).value,
                target=target,
                warning=warning,
                status=kpi.status(period.value, target, warning),
                labels=labels,
                series=series,
            )
        )
    return tiles


def kpi_by_department(*, kpi, property, start, end):
    """Period value of one KPI per department of a property, best first."""
    rows = KpiSnapshot.objects.filter(
        property=property, code=kpi.code, key="", department__isnull=False, day__gte=start, day__lte=end
    ).values_list("department_id", "day", "total", "weight", "histogram")
    grouped = defaultdict(list)
    for department_id, *row in rows:
        grouped[department_id].append(row)
    names = {d.pk: str(d) for d in Department.objects.filter(pk__in=grouped)}
    result = [(names[d], kpi.period(values).value) for d, values in grouped.items()]
    better_up = kpi.direction == "up"
    return sorted(result, key=lambda r: (r[1] is None, -(r[1] or 0) if better_up else (r[1] or 0)))


def kpi_breakdown(*, code, properties, start, end, department=None):
    """[(key, total)] of a breakdown KPI over the period, largest first — from snapshots only.
    A breakdown of a stock (aggregate LAST) counts the period's last stored day."""
    kpi = kpi_registry.get(code)
    qs = KpiSnapshot.objects.filter(property__in=properties, code=code, day__gte=start, day__lte=end).exclude(key="")
    qs = qs.filter(department=department) if department is not None else qs.filter(department__isnull=True)
    rows = list(qs.values_list("key", "day", "total"))
    if kpi.aggregate == kpi_registry.Aggregate.LAST and rows:
        last = max(day for _key, day, _total in rows)
        rows = [r for r in rows if r[1] == last]
    totals = defaultdict(Decimal)
    for key, _day, total in rows:
        totals[key] += total
    return sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))


def panel_scope(request, permission):
    """What a dashboard panel shows: the dashboard's filters (properties, department, period) —
    narrowed to the properties where the user holds `permission` — or, outside the dashboard, the
    active property and the last 30 closed days. None when no property is left."""
    from .permissions import user_can

    scope = getattr(request, "dashboard_scope", None)
    if scope is None:
        end = last_closed_day()
        scope = {"properties": [request.property], "department": None, "start": end - dt.timedelta(days=29), "end": end}
    properties = [p for p in scope["properties"] if p is not None and user_can(request.user, permission, p)]
    if not properties:
        return None
    return {**scope, "properties": properties}


def _scope_key(scope):
    return (tuple(p.pk for p in scope["properties"]), getattr(scope["department"], "pk", None), scope["start"], scope["end"])


def remember_tiles(request, scope, tiles):
    """Keep the dashboard's tiles on the request, so a panel repeating some of their numbers over
    the same scope reads them here instead of the snapshots (see `shown_tiles`)."""
    request.dashboard_tiles = (_scope_key(scope), {t.kpi.code: t for t in tiles})


def shown_tiles(request, scope, kpis):
    """The dashboard's own tiles of `kpis` when a panel's `scope` is the dashboard's (same
    properties, department and period), else None. Their value, previous value and status are
    the panel's; their trend is by the dashboard's granularity."""
    shown = getattr(request, "dashboard_tiles", None)
    if shown is None or shown[0] != _scope_key(scope):
        return None
    tiles = [shown[1].get(k.code) for k in kpis]
    return None if None in tiles else tiles


def today_bounds(properties):
    """Q-ready (property, start of today) pairs: each property's own local day."""
    from .services import day_bounds

    today = timezone.localdate()
    return [(p, day_bounds(today, p.time_zone)[0]) for p in properties]


def department_summary(*, department, days=90):
    """A department's KPIs and breakdowns (complaints per category, open defects per category)
    over the last `days` closed days, read from its snapshots only."""
    end = last_closed_day()
    start = end - dt.timedelta(days=days - 1)
    tiles = [t for t in kpi_tiles(properties=[department.property], start=start, end=end, granularity="month", department=department)
             if t.kpi.by_department]
    breakdowns = []
    for kpi in kpi_registry.all_kpis():
        if kpi.is_tile or not kpi.by_department:
            continue
        rows = kpi_breakdown(code=kpi.code, properties=[department.property], start=start, end=end, department=department)
        labels = kpi.key_labels([k for k, _n in rows]) if kpi.key_labels else {}
        breakdowns.append({"kpi": kpi, "rows": [(labels.get(key, key), total) for key, total in rows]})
    return {"start": start, "end": end, "tiles": tiles, "breakdowns": breakdowns}
