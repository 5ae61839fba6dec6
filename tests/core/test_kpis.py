import datetime as dt
from decimal import Decimal

import pytest
from django.db.models import F
from django.utils import timezone

from hotelqa import kpi_registry
from hotelqa.choices import KpiDirection, Role
from hotelqa.kpi_registry import Kpi, Measure
from hotelqa.models import JobRun, KpiSnapshot, KpiTarget, Notification
from hotelqa.services import day_bounds, kpi_snapshot_day
from hotelqa.tasks import kpi_snapshot
from tests.factories import NotificationFactory

pytestmark = pytest.mark.django_db

CODE = "hotelqa.notifications_read_24h"


def notifications_on(property, day, read, unread, recipient):
    start, _ = day_bounds(day, property.time_zone)
    created = start + dt.timedelta(hours=9)
    for i in range(read + unread):
        NotificationFactory(
            recipient=recipient,
            property=property,
            created_at=created,
            read_at=created + dt.timedelta(hours=2) if i < read else None,
        )


def test_snapshot_stores_the_value_and_rerunning_a_day_replaces_it(property_a, member):
    user = member(property_a, Role.STAFF, department_kind="engineering")
    day = dt.date(2026, 3, 10)
    notifications_on(property_a, day, read=3, unread=1, recipient=user)

    kpi_snapshot_day(property=property_a, day=day)
    kpi_snapshot_day(property=property_a, day=day)

    rows = KpiSnapshot.objects.filter(property=property_a, code=CODE, day=day)
    property_row = rows.get(department__isnull=True)
    assert property_row.value == Decimal("75.0000")
    assert property_row.weight == 4
    assert rows.get(department__kind="engineering").value == Decimal("75.0000")
    assert rows.count() == 2  # property + the one department that had notifications

    # New data for the same day: re-running replaces, never adds.
    Notification.objects.filter(read_at__isnull=True).update(read_at=F("created_at") + dt.timedelta(hours=3))
    kpi_snapshot_day(property=property_a, day=day)
    assert KpiSnapshot.objects.filter(property=property_a, code=CODE, day=day, department__isnull=True).get().value == Decimal("100.0000")
    assert KpiSnapshot.objects.filter(property=property_a, code=CODE, day=day).count() == 2


def test_database_refuses_a_duplicate_snapshot(property_a):
    from django.db import IntegrityError, transaction

    KpiSnapshot.objects.create(property=property_a, code=CODE, day=dt.date(2026, 1, 1), value=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        KpiSnapshot.objects.create(property=property_a, code=CODE, day=dt.date(2026, 1, 1), value=2)


@pytest.mark.slow
def test_nightly_job_records_its_run(property_a, member):
    user = member(property_a, Role.STAFF)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    notifications_on(property_a, yesterday, read=1, unread=1, recipient=user)
    kpi_snapshot.delay()
    run = JobRun.objects.get(job="hotelqa.kpi_snapshot")
    assert run.status == "succeeded" and run.items >= 1 and run.finished_at
    assert KpiSnapshot.objects.filter(code=CODE, day=yesterday, department__isnull=True).get().value == 50


def test_a_failing_job_records_the_error(monkeypatch, property_a):
    def broken(**kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr("hotelqa.services.kpi_snapshot_all", broken)
    with pytest.raises(RuntimeError):
        kpi_snapshot.apply(throw=True)
    run = JobRun.objects.get(job="hotelqa.kpi_snapshot")
    assert run.status == "failed" and "disk full" in run.error


def test_period_value_of_a_ratio_is_exact_not_a_mean_of_days():
    kpi = kpi_registry.get(CODE)
    # day 1: 1 of 1 read (100 %), day 2: 0 of 3 read (0 %) → 1 of 4 = 25 %, not 50 %.
    days = [(dt.date(2026, 1, 1), Decimal(1), Decimal(1), None), (dt.date(2026, 1, 2), Decimal(0), Decimal(3), None)]
    assert kpi.period(days).value == Decimal(25)


def test_period_median_is_read_from_the_summed_histograms():
    from hotelqa import kpi_histogram

    kpi = kpi_registry.get("complaints.median_first_response")
    # Day 1: five slow responses; day 2: six quick ones. The median of all eleven is quick (16 min),
    # though a weighted mean of the two daily medians would say 106 minutes.
    slow, quick = [200, 210, 220, 230, 240], [5, 8, 10, 12, 14, 16]
    days = [(dt.date(2026, 1, d), len(v), len(v), kpi_histogram.histogram_of(v, kpi_histogram.MINUTES)) for d, v in ((1, slow), (2, quick))]
    period = kpi.period(days)
    assert abs(period.value - 16) <= period.tolerance == 1


@pytest.mark.parametrize(
    "direction,value,status",
    [
        (KpiDirection.HIGHER_IS_BETTER, 95, "good"),
        (KpiDirection.HIGHER_IS_BETTER, 80, "warning"),
        (KpiDirection.HIGHER_IS_BETTER, 60, "bad"),
        (KpiDirection.LOWER_IS_BETTER, 5, "good"),
        (KpiDirection.LOWER_IS_BETTER, 15, "warning"),
        (KpiDirection.LOWER_IS_BETTER, 30, "bad"),
        (KpiDirection.LOWER_IS_BETTER, None, "none"),
    ],
)
def test_tile_colour_honours_direction(direction, value, status):
    target, warning = (90, 75) if direction == KpiDirection.HIGHER_IS_BETTER else (10, 20)
    kpi = Kpi(code="x", name="x", unit="%", direction=direction, target=target, warning=warning, compute=lambda **k: None)
    assert kpi.status(value) == status


def _snapshots(property, days, value):
    today = timezone.localdate()
    KpiSnapshot.objects.bulk_create(
        KpiSnapshot(property=property, code=CODE, day=today - dt.timedelta(days=i), value=value, total=Decimal(value) / 10, weight=10)
        for i in range(1, days + 1)
    )


def test_dashboard_colours_tiles_against_the_property_target(client_for, property_a):
    _snapshots(property_a, 5, 80)
    client, _ = client_for(Role.MANAGER)
    page = client.get("/dashboard/?period=7").content.decode()
    assert 'status-warning h-100 position-relative" data-kpi="hotelqa.notifications_read_24h"' in page
    KpiTarget.objects.create(property=property_a, code=CODE, target=80, warning=70)
    page = client.get("/dashboard/?period=7").content.decode()
    assert 'status-good h-100 position-relative" data-kpi="hotelqa.notifications_read_24h"' in page
    assert "80.0%" in page


def test_dashboard_query_count_does_not_grow_with_data(client_for, property_a, django_assert_max_num_queries):
    client, _ = client_for(Role.MANAGER)
    client.get("/dashboard/?period=90")
    # The panels of every app (training, audits, assessments, the group view) each add a fixed few.
    with django_assert_max_num_queries(32) as small:
        client.get("/dashboard/?period=90")
    _snapshots(property_a, 90, 50)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/dashboard/?period=90&granularity=week")


def test_dashboard_bad_filter_keeps_working_with_a_message(client_for):
    client, _ = client_for(Role.MANAGER)
    response = client.get("/dashboard/?period=custom&start=2026-05-10&end=2026-05-01")
    assert response.status_code == 200
    page = response.content.decode()
    assert "The end date is before the start date." in page
    assert "Some filters were not valid" in page


def test_kpi_page_says_how_it_is_computed_and_lists_the_notifications_it_counts(client_for, property_a, member):
    user = member(property_a, Role.STAFF)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    notifications_on(property_a, yesterday, read=2, unread=1, recipient=user)
    notifications_on(property_a, yesterday - dt.timedelta(days=40), read=1, unread=0, recipient=user)  # outside 30 days
    kpi_snapshot_day(property=property_a, day=yesterday)
    client, _ = client_for(Role.MANAGER)
    response = client.get(f"/dashboard/kpi/{CODE}/?period=30")
    page = response.content.decode()
    assert "How it is computed:" in page and "opened within 24 hours" in page
    assert response.context["records_page"].paginator.count == 3 and response.context["counted"] == 2
    assert "66.7%" in page
    assert f"sent {yesterday:%Y-%m-%d} 09:00" in page  # each record says when it was sent and opened
    assert client.get("/dashboard/kpi/no.such.kpi/").status_code == 404


def test_admin_sets_a_target_and_bad_values_are_refused(client_for, property_a):
    client, _ = client_for(Role.ADMIN)
    response = client.post(f"/settings/kpi-targets/{CODE}/", {"target": "80", "warning": "95"})
    assert response.status_code == 200
    assert "must not be above the target" in response.content.decode()
    assert not KpiTarget.objects.exists()
    response = client.post(f"/settings/kpi-targets/{CODE}/", {"target": "85", "warning": "70"})
    assert response.status_code == 302
    target = KpiTarget.objects.get(property=property_a, code=CODE)
    assert (target.target, target.warning) == (85, 70)
    manager, _ = client_for(Role.MANAGER)
    assert manager.post(f"/settings/kpi-targets/{CODE}/", {"target": "1", "warning": "0"}).status_code == 403


def test_every_registered_kpi_computes_for_an_empty_day(property_a):
    start, end = day_bounds(dt.date(2026, 1, 1), property_a.time_zone)
    for kpi in kpi_registry.all_kpis():
        result = kpi.measure(property=property_a, start=start, end=end)
        assert result is None or isinstance(result, Measure)


def test_nightly_job_stores_again_the_days_that_can_still_change(property_a, member):
    user = member(property_a, Role.STAFF)
    day = timezone.localdate() - dt.timedelta(days=3)  # two days before yesterday
    notifications_on(property_a, day, read=0, unread=2, recipient=user)
    kpi_snapshot_day(property=property_a, day=day)
    row = KpiSnapshot.objects.filter(code=CODE, day=day, department__isnull=True)
    assert row.get().value == 0
    # Opened late that night, within 24 h of being sent: it counts for the day it was sent.
    Notification.objects.update(read_at=F("created_at") + dt.timedelta(hours=20))
    kpi_snapshot.delay()
    assert row.get().value == 100
    old = timezone.localdate() - dt.timedelta(days=30)
    assert not KpiSnapshot.objects.filter(day=old).exists()  # days past every KPI's window are left alone


def test_two_admins_editing_a_target_do_not_overwrite_each_other(client_for, property_a):
    client, _ = client_for(Role.ADMIN)
    url = f"/settings/kpi-targets/{CODE}/"
    client.post(url, {"target": "85", "warning": "70"})
    snapshot = client.get(url).context["form"]["edit_snapshot"].value()  # both tabs open the saved target
    assert client.post(url, {"target": "90", "warning": "70", "edit_snapshot": snapshot}).status_code == 302
    response = client.post(url, {"target": "85", "warning": "60", "edit_snapshot": snapshot})
    assert response.status_code == 409
    target = KpiTarget.objects.get(property=property_a, code=CODE)
    assert (target.target, target.warning) == (90, 70)
    assert "Someone else saved this record" in response.content.decode()
