"""The dashboard's shortcuts read the same numbers as the slow paths they replace: department
figures added up by the database, trends added up per bucket, KPI badges written in Python,
panels reusing the dashboard's tiles and the overdue work orders counted from a short list."""

import datetime as dt
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation

from hotelqa import kpi_histogram, kpi_registry
from hotelqa.choices import DepartmentKind, Role
from hotelqa.dashboard import Tile, kpi_period, kpi_tiles, trend
from hotelqa.dashboard_group import Figure, RankedRow, department_figures
from hotelqa.models import KpiSnapshot, KpiTarget
from tests.facilities.factories import work_order

pytestmark = pytest.mark.django_db

RATIO = "complaints.satisfaction"
SUM = "complaints.recovery_cost"
LAST = "facilities.open_defects"
QUANTILE = "complaints.median_first_response"


def yesterday():
    return timezone.localdate() - dt.timedelta(days=1)


def snapshot(property, code, day, total, weight="1", department=None, histogram=None):
    KpiSnapshot.objects.create(property=property, department=department, code=code, day=day, value=0,
                               total=Decimal(total), weight=Decimal(weight), histogram=histogram)


def test_department_figures_added_up_by_the_database_equal_the_folded_rows(property_a):
    front = property_a.departments.get(kind=DepartmentKind.FRONT_OFFICE)
    housekeeping = property_a.departments.get(kind=DepartmentKind.HOUSEKEEPING)
    end = yesterday()
    start = end - dt.timedelta(days=6)
    for i, department in enumerate([front, housekeeping]):
        for d in range(9):  # two days fall before the period
            day = end - dt.timedelta(days=d)
            snapshot(property_a, RATIO, day, f"{d + i}.3333", f"{7 + d}.0001", department)
            snapshot(property_a, SUM, day, f"{125 * d + i}.4567", "1", department)
            snapshot(property_a, LAST, day, str(d * 3 + i), "1", department)
            snapshot(property_a, QUANTILE, day, str(d + 2), str(d + 2), department, {"3": d + 1, str(10 + i): 1})
    kpis = [kpi_registry.get(code) for code in (RATIO, SUM, LAST, QUANTILE)]
    figures = department_figures(property=property_a, kpis=kpis, start=start, end=end)
    assert len(figures) == 8
    for department in (front, housekeeping):
        for kpi in kpis:
            rows = KpiSnapshot.objects.filter(property=property_a, department=department, code=kpi.code, day__gte=start,
                                              day__lte=end).values_list("day", "total", "weight", "histogram")
            folded = kpi.period(list(rows))
            fast = figures[(department.pk, kpi.code)]
            assert fast.value is not None and fast.value == folded.value, kpi.code
            assert str(kpi.status(fast.value)) == str(kpi.status(folded.value))
    # A LAST KPI counts the period's last day only.
    assert figures[(housekeeping.pk, LAST)].value == 1


def test_trend_points_equal_the_period_of_each_bucket():
    start, end = dt.date(2026, 3, 2), dt.date(2026, 3, 29)
    rows = [(start + dt.timedelta(days=d), Decimal(f"{d % 5}.25") if d % 7 else None, Decimal(f"{d % 3 + 1}.5"), None)
            for d in range(28) if d % 11]  # some days missing, some without a total
    for code in (RATIO, SUM):
        kpi = kpi_registry.get(code)
        for granularity, days in (("day", 1), ("week", 7)):
            labels, series = trend(kpi, rows, start, end, granularity)
            expected = []
            for first in range(0, 28, days):
                bucket = [r for r in rows if start + dt.timedelta(days=first) <= r[0] < start + dt.timedelta(days=first + days)]
                value = kpi.period(bucket).value
                expected.append(None if value is None else float(round(value, 2)))
            assert series == expected and len(labels) == len(expected), (code, granularity)


def test_histograms_with_numeric_keys_still_add_up():
    assert kpi_histogram.merge([{"1": 2, "4": 1}, None, {1: "3", "5": 2}]) == {"1": 5, "4": 1, "5": 2}


BADGES_AS_A_TEMPLATE_LOOP = (
    "{% load hotelqa %}{% for f in row.figures %}<a class=\"badge rounded-pill text-decoration-none kpi-badge status-{{ f.status }}\" "
    "href=\"{% url 'kpi_detail' f.kpi.code %}?{{ drill_query }}&amp;property={{ row.subject.property_id }}&amp;department="
    "{{ row.subject.pk }}\">{{ f.kpi.name }} {{ f.value|kpi_format:f.kpi }}</a>{% endfor %}"
)


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_department_badges_read_as_the_template_loop_did(property_a, language):
    front = property_a.departments.get(kind=DepartmentKind.FRONT_OFFICE)
    row = RankedRow(front, figures=[
        Figure(kpi_registry.get(RATIO), Decimal("87.456"), "good"),
        Figure(kpi_registry.get(SUM), Decimal("1234.5"), "bad"),
        Figure(kpi_registry.get(LAST), None, "none"),
    ])
    context = {"row": row, "drill_query": "period=30&start=<2026>"}
    with translation.override(language):
        slow = Template(BADGES_AS_A_TEMPLATE_LOOP).render(Context(context))
        fast = Template("{% load hotelqa %}{% department_kpi_badges row drill_query %}").render(Context(context))
    assert fast == slow and "&amp;start=&lt;2026&gt;" in fast and "—" in fast


# The tile markup the dashboard's template wrote before `kpi_tile_card` (a loop over the tiles).
TILES_AS_A_TEMPLATE_LOOP = "{% load i18n hotelqa %}{% for tile in tiles %}\n" + '  <div class="col-12 col-sm-6 col-xl-3">\n    <div class="card kpi-tile status-{{ tile.status }} h-100 position-relative" data-kpi="{{ tile.kpi.code }}">\n      <div class="card-body">\n        <a class="stretched-link small text-body-secondary text-decoration-none" href="{% url \'kpi_detail\' tile.kpi.code %}?{{ query }}">{{ tile.kpi.name }}</a>\n        <div class="kpi-value">{{ tile.value|kpi_format:tile.kpi }}</div>\n        {% if tile.value is None %}<div class="small text-body-secondary">{% translate "No data for this period yet." %}</div>{% endif %}\n        <div class="small">\n          {% if tile.target is not None %}{% translate "Target" %} {{ tile.target|kpi_format:tile.kpi }}{% else %}{% translate "No target" %}{% endif %}\n          {% if tile.previous is not None %} · {% translate "previous period" %} {{ tile.previous|kpi_format:tile.kpi }}{% endif %}\n          <span class="visually-hidden">{% if tile.status == "good" %}{% translate "on target" %}{% elif tile.status == "warning" %}{% translate "below target" %}{% elif tile.status == "bad" %}{% translate "far from target" %}{% else %}{% translate "no data" %}{% endif %}</span>\n        </div>\n        <canvas id="chart-{{ forloop.counter0 }}" height="90" aria-label="{% translate \'Trend\' %}"></canvas>\n      </div>\n    </div>\n  </div>\n  ' + "{% endfor %}"


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_kpi_tiles_read_as_the_template_loop_did(language):
    def tile(code, value, previous, target, status):
        return Tile(kpi=kpi_registry.get(code), period=kpi_registry.PeriodValue(value), previous=previous, target=target,
                    warning=None, status=status, labels=[], series=[])

    tiles = [
        tile(RATIO, Decimal("87.456"), Decimal("80"), Decimal("85"), "good"),
        tile(SUM, None, None, None, "none"),
        tile(LAST, Decimal("3"), None, Decimal("2"), "bad"),
        tile(QUANTILE, Decimal("12.5"), Decimal("14"), None, "warning"),
    ]
    context = {"tiles": tiles, "query": "period=30&department=<3>"}
    fast_loop = "{% load hotelqa %}{% for tile in tiles %}\n  {% kpi_tile_card tile query forloop.counter0 %}\n  {% endfor %}"
    with translation.override(language):
        slow = Template(TILES_AS_A_TEMPLATE_LOOP).render(Context(context))
        fast = Template(fast_loop).render(Context(context))
    assert fast == slow and "department=&lt;3&gt;" in fast and 'id="chart-3"' in fast


def test_panels_show_the_numbers_they_would_read_themselves(client_for, property_a):
    front = property_a.departments.get(kind=DepartmentKind.FRONT_OFFICE)
    end = yesterday()
    for d in range(40):
        for department in (None, front):
            snapshot(property_a, "training.plan_completion", end - dt.timedelta(days=d), str(d % 4), "4", department)
            snapshot(property_a, "audits.audit_score", end - dt.timedelta(days=d), str(70 + d % 9), "1", department)
            snapshot(property_a, "audits.audits_on_time", end - dt.timedelta(days=d), str(d % 2), "1", department)
    KpiTarget.objects.create(property=property_a, code="training.plan_completion", target=40, warning=30)
    client, _user = client_for(Role.MANAGER)
    for query in ({"period": "30"}, {"period": "7", "department": front.pk}):
        response = client.get(reverse("dashboard"), query)
        panels = {item["panel"].key: item["context"] for item in response.context["panels"]}
        start, finish = response.context["start"], response.context["end"]
        department = front if "department" in query else None
        kpis = [tile.kpi for tile in panels["training.tiles"]["tiles"]]
        direct = kpi_tiles(properties=[property_a], start=start, end=finish, granularity="month", kpis=kpis, department=department)
        assert [(t.value, t.status) for t in panels["training.tiles"]["tiles"]] == [(t.value, t.status) for t in direct]
        assert direct[0].value is not None and direct[0].status != kpi_registry.Status.NONE
        for key, code in (("score", "audits.audit_score"), ("on_time", "audits.audits_on_time")):
            value = kpi_period(kpi=kpi_registry.get(code), properties=[property_a], start=start, end=finish, department=department).value
            assert value is not None and panels["audits.audit_score"][key] == value


@pytest.mark.parametrize("overdue", [3, 12])
def test_overdue_work_orders_panel_counts_them_all(client_for, property_a, overdue):
    from facilities.models import WorkOrder

    for _ in range(overdue):
        work_order(property_a)
    WorkOrder.objects.update(due_at=timezone.now() - dt.timedelta(hours=2))
    client, _user = client_for(Role.MANAGER)
    response = client.get(reverse("dashboard"))
    panels = {item["panel"].key: item["context"] for item in response.context["panels"]}
    today = {item["panel"].key: item["context"] for item in response.context["today_panels"]}
    assert panels["facilities.dashboard_overdue_work_orders"]["count"] == overdue
    assert len(panels["facilities.dashboard_overdue_work_orders"]["work_orders"]) == min(overdue, 10)
    assert today["facilities.today"]["count"] == overdue


def test_a_kpi_without_a_target_is_left_out_of_the_ranking_unless_the_property_sets_one(property_a):
    from hotelqa.dashboard_group import department_ranking

    front = property_a.departments.get(kind=DepartmentKind.FRONT_OFFICE)
    end = yesterday()
    for d in range(3):
        snapshot(property_a, QUANTILE, end - dt.timedelta(days=d), "2", "2", front, {"3": 2})
    assert kpi_registry.get(QUANTILE).target is None
    assert department_ranking(property=property_a, start=end - dt.timedelta(days=6), end=end) == ([], [])
    KpiTarget.objects.create(property=property_a, code=QUANTILE, target=30, warning=60)
    best, _weakest = department_ranking(property=property_a, start=end - dt.timedelta(days=6), end=end)
    assert [(row.subject, [(f.kpi.code, f.value, f.status) for f in row.figures]) for row in best] == [
        (front, [(QUANTILE, Decimal("3.5"), kpi_registry.Status.GOOD)])]
