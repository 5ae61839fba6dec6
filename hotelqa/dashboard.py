"""Reads for the manager dashboard: KPI tiles and trends from the daily snapshot table only."""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import kpi_registry
from .models import KpiSnapshot, KpiTarget

PERIODS = [
    ("7", _("Last 7 days")),
    ("30", _("Last 30 days")),
    ("90", _("Last 90 days")),
    ("month", _("This month")),
    ("custom", _("Custom")),
]
GRANULARITIES = [("day", _("Day")), ("week", _("Week")), ("month", _("Month"))]


class DashboardFilterForm(forms.Form):
    property = forms.ChoiceField(label=_("Property"), required=False)
    period = forms.ChoiceField(label=_("Period"), choices=PERIODS, required=False)
    start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    granularity = forms.ChoiceField(label=_("Trend by"), choices=GRANULARITIES, required=False)

    def __init__(self, *args, properties, allow_all, active_property, **kwargs):
        kwargs.setdefault("initial", {"period": "30", "property": str(active_property.pk), "granularity": "day"})
        super().__init__(*args, **kwargs)
        choices = [(str(p.pk), str(p)) for p in properties]
        if allow_all:
            choices.insert(0, ("all", _("All properties")))
        self.fields["property"].choices = choices
        self.properties = {str(p.pk): p for p in properties}

    def clean(self):
        data = super().clean()
        if data.get("period") == "custom":
            if not data.get("start") or not data.get("end"):
                raise forms.ValidationError(_("A custom period needs both a start and an end date."))
            if data["start"] > data["end"]:
                self.add_error("end", _("The end date is before the start date."))
            elif (data["end"] - data["start"]).days > 731:
                self.add_error("end", _("Choose a period of at most two years."))
        return data

    def resolve(self, default_property):
        """(properties, start, end, granularity) for valid input, defaults otherwise."""
        data = self.cleaned_data if self.is_valid() else {}
        today = timezone.localdate()
        period = data.get("period") or "30"
        if period == "custom" and data.get("start"):
            start, end = data["start"], data["end"]
        elif period == "month":
            start, end = today.replace(day=1), today
        else:
            start, end = today - dt.timedelta(days=int(period) - 1), today
        chosen = data.get("property") or str(default_property.pk)
        properties = list(self.properties.values()) if chosen == "all" else [self.properties.get(chosen, default_property)]
        granularity = data.get("granularity") or ("day" if (end - start).days <= 45 else "week")
        return properties, start, end, granularity


@dataclass
class Tile:
    kpi: object
    value: Decimal | None
    previous: Decimal | None
    target: Decimal
    warning: Decimal
    status: str
    labels: list
    series: list
    drilldown_url: str | None


def bucket(day, granularity):
    if granularity == "week":
        return day - dt.timedelta(days=day.weekday())
    if granularity == "month":
        return day.replace(day=1)
    return day


def kpi_tiles(*, properties, start, end, granularity, kpis=None):
    """One tile per registered KPI for the properties and period (2 queries whatever the data)."""
    kpis = kpis or kpi_registry.tile_kpis()
    span = (end - start).days + 1
    previous_start = start - dt.timedelta(days=span)
    rows = KpiSnapshot.objects.filter(
        property__in=properties, department__isnull=True, key="", day__gte=previous_start, day__lte=end
    ).values_list("code", "day", "value", "weight")
    current, previous = defaultdict(list), defaultdict(list)
    for code, day, value, weight in rows:
        (current if day >= start else previous)[code].append((day, value, weight))
    targets = {}
    if len(properties) == 1:
        targets = {t.code: t for t in KpiTarget.objects.filter(property=properties[0])}

    tiles = []
    for kpi in kpis:
        target = targets.get(kpi.code)
        target_value = Decimal(target.target if target else kpi.target)
        warning_value = Decimal(target.warning if target else kpi.warning)
        value = kpi_registry.combine(kpi, [(v, w) for _, v, w in current[kpi.code]])
        prev = kpi_registry.combine(kpi, [(v, w) for _, v, w in previous[kpi.code]])
        buckets = defaultdict(list)
        for day, v, w in current[kpi.code]:
            buckets[bucket(day, granularity)].append((v, w))
        labels, series = [], []
        cursor = bucket(start, granularity)
        while cursor <= end:
            labels.append(cursor.isoformat())
            combined = kpi_registry.combine(kpi, buckets.get(cursor, []))
            series.append(None if combined is None else float(round(combined, 2)))
            cursor = bucket(cursor + dt.timedelta(days={"day": 1, "week": 7, "month": 32}[granularity]), granularity)
        drilldown = kpi.drilldown(properties[0], start, end) if kpi.drilldown and len(properties) == 1 else None
        tiles.append(
            Tile(
                kpi=kpi,
                value=value,
                previous=prev,
                target=target_value,
                warning=warning_value,
                status=kpi.status(value, target_value, warning_value),
                labels=labels,
                series=series,
                drilldown_url=drilldown,
            )
        )
    return tiles


def kpi_by_department(*, kpi, property, start, end):
    """Period value of one KPI per department of a property, best first."""
    from .models import Department

    rows = KpiSnapshot.objects.filter(
        property=property, code=kpi.code, department__isnull=False, day__gte=start, day__lte=end
    ).values_list("department_id", "value", "weight")
    grouped = defaultdict(list)
    for department_id, value, weight in rows:
        grouped[department_id].append((value, weight))
    names = {d.pk: str(d) for d in Department.objects.filter(pk__in=grouped)}
    result = [(names[d], kpi_registry.combine(kpi, values)) for d, values in grouped.items()]
    better_up = kpi.direction == "up"
    return sorted(result, key=lambda r: (r[1] is None, -(r[1] or 0) if better_up else (r[1] or 0)))


def kpi_breakdown(*, code, properties, start, end):
    """[(key, total)] of a breakdown KPI over the period, largest first — from snapshots only."""
    from django.db.models import Sum

    rows = (
        KpiSnapshot.objects.filter(property__in=properties, code=code, department__isnull=True, day__gte=start, day__lte=end)
        .exclude(key="")
        .values("key")
        .annotate(total=Sum("value"))
        .order_by("-total", "key")
    )
    return [(row["key"], row["total"]) for row in rows]
