"""The dashboard's number for a period is the KPI of that period, for every registered KPI.

One fixed data set (tests/core/kpi_world.py); each test walks the whole registry, so a KPI added
later is checked without a new test."""

import datetime as dt
import time

import pytest
from django.db import transaction
from django.utils import timezone, translation
from django.utils.html import escape

from hotelqa import kpi_registry
from hotelqa.choices import Role
from hotelqa.dashboard import kpi_breakdown, kpi_period, kpi_tiles
from hotelqa.services import day_bounds

from tests.factories import make_member

from .kpi_world import build, last_day

pytestmark = pytest.mark.django_db


# The world is built for the day the module starts on, and the pages work out their periods from
# the clock: a run that crossed midnight compared a world whose last day was the day before with
# pages whose last day was the world's "today". Started this close to midnight, the module waits.
SAME_DAY_MARGIN = dt.timedelta(minutes=5)


def wait_for_a_day_the_module_can_finish_in():
    now = timezone.localtime()
    next_midnight = timezone.make_aware(dt.datetime.combine(now.date() + dt.timedelta(days=1), dt.time.min))
    if next_midnight - now < SAME_DAY_MARGIN:
        time.sleep((next_midnight - now).total_seconds() + 1)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module (a hundred days of snapshots), rolled back at its end."""
    from tests.factories import PropertyFactory

    wait_for_a_day_the_module_can_finish_in()
    with django_db_blocker.unblock():
        with transaction.atomic():
            prop = PropertyFactory(code="kpi-world", name="KPI world")
            build(prop)
            yield prop
            transaction.set_rollback(True)


def periods():
    end = last_day()
    custom = (end - dt.timedelta(days=61), end - dt.timedelta(days=40))
    return [(end, end), (end - dt.timedelta(days=6), end), (end - dt.timedelta(days=29), end), (end - dt.timedelta(days=89), end), custom]


def direct(kpi, property, start, end, department):
    """The KPI computed from the records over the whole period, in one go."""
    begin, finish = day_bounds(start, property.time_zone)[0], day_bounds(end, property.time_zone)[1]
    return kpi.value_of(kpi.measure(property=property, start=begin, end=finish, department=department))


def assert_same(kpi, read, expected, tolerance, where):
    if kpi.aggregate == kpi_registry.Aggregate.QUANTILE:
        assert (read is None) == (expected is None), where
        if expected is not None:
            assert tolerance is not None and tolerance <= 60, where  # fixed data has no value past a day's buckets
            assert abs(read - expected) <= tolerance, (where, read, expected, tolerance)
    else:
        assert read == expected, (where, read, expected)


def test_every_kpi_over_any_period_equals_the_kpi_of_the_period(world):
    departments = [None] + list(world.departments.all())
    checked = 0
    for kpi in kpi_registry.tile_kpis():
        for start, end in periods():
            for department in departments if kpi.by_department else [None]:
                read = kpi_period(kpi=kpi, properties=[world], start=start, end=end, department=department)
                expected = direct(kpi, world, start, end, department)
                assert_same(kpi, read.value, expected, read.tolerance, (kpi.code, start, end, department))
                checked += expected is not None
    assert checked > 200  # the fixed data gives most KPIs, periods and departments a value


def test_every_breakdown_over_any_period_equals_the_breakdown_of_the_period(world):
    breakdowns = [k for k in kpi_registry.all_kpis() if not k.is_tile]
    assert breakdowns
    for kpi in breakdowns:
        for start, end in periods():
            for department in [None] + list(world.departments.all()):
                read = {key: total for key, total in kpi_breakdown(code=kpi.code, properties=[world], start=start, end=end, department=department)}
                begin, finish = day_bounds(start, world.time_zone)[0], day_bounds(end, world.time_zone)[1]
                expected = {key: m.total for key, m in kpi.breakdown(property=world, start=begin, end=finish, department=department).items()}
                assert read == {k: v for k, v in expected.items() if v}, (kpi.code, start, end, department)


@pytest.mark.parametrize("granularity", ["day", "week", "month"])
def test_every_trend_point_is_the_kpi_of_its_days(world, granularity):
    end = last_day()
    start = end - dt.timedelta(days=89)
    department = world.departments.get(kind="engineering")
    for dep in (None, department):
        for tile in kpi_tiles(properties=[world], start=start, end=end, granularity=granularity, department=dep):
            kpi = tile.kpi
            if dep is not None and not kpi.by_department:
                continue  # a KPI not kept per department has no department value
            for label, point in zip(tile.labels, tile.series):
                first = dt.date.fromisoformat(label)
                last = {"day": first, "week": first + dt.timedelta(days=6 - first.weekday()),
                        "month": (first.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)}[granularity]
                expected = direct(kpi, world, first, min(last, end), dep)
                if kpi.aggregate == kpi_registry.Aggregate.QUANTILE:
                    bucket = kpi_period(kpi=kpi, properties=[world], start=first, end=min(last, end), department=dep)
                    assert_same(kpi, None if point is None else bucket.value, expected, bucket.tolerance, (kpi.code, label))
                    assert point is None or abs(point - float(bucket.value)) <= 0.01
                else:
                    assert point == (None if expected is None else float(round(expected, 2))), (kpi.code, label, dep)
            # The tile itself is the KPI of the whole period.
            assert_same(kpi, tile.value, direct(kpi, world, start, end, dep), tile.period.tolerance, kpi.code)


def manager_client(client, world):
    client.force_login(make_member(world, Role.MANAGER))
    return client


def test_every_kpi_page_lists_the_records_its_number_counts(world, client, django_assert_max_num_queries):
    client = manager_client(client, world)
    department = world.departments.get(kind="engineering")
    for kpi in kpi_registry.tile_kpis():
        for period, dep in (("30", None), ("7", department if kpi.by_department else None), ("90", None)):
            query = {"period": period, "department": dep.pk if dep else ""}
            with django_assert_max_num_queries(20):  # 25 records a page, each with its name and details: no query per row
                response = client.get(f"/dashboard/kpi/{kpi.code}/", query)
            assert response.status_code == 200
            tile, page, counted = response.context["tile"], response.context["records_page"], response.context["counted"]
            assert tile.value is not None, (kpi.code, period)
            assert page.paginator.count == getattr(tile.period, kpi.records_count), (kpi.code, period, dep)
            if kpi.counted is not None:
                assert counted == tile.period.total, (kpi.code, period, dep)
            body = response.content.decode()
            assert escape(str(kpi.formula)) in body  # says how it is computed
            moment = kpi.records_order[0].lstrip("-")
            if moment != "pk":  # newest first by the moment that puts each record in the period
                moments = [getattr(record, moment) for record in page.object_list]
                assert moments and moments == sorted(moments, reverse=True), (kpi.code, period)


def test_kpi_page_says_how_it_is_computed_in_chinese(world, client):
    client = manager_client(client, world)
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    for kpi in kpi_registry.tile_kpis():
        body = client.get(f"/dashboard/kpi/{kpi.code}/", {"period": "30"}).content.decode()
        with translation.override("en"):
            english = str(kpi.formula)
        with translation.override("zh-hans"):
            chinese = str(kpi.formula)
        assert "计算方法" in body and chinese != english and escape(chinese) in body, kpi.code
