"""Pre-job training compliance (003 §6.1) as a KPI: each new hire counts on the day their 15 days
fall due (hire date + 30 days); the nightly snapshots give the dashboard's tile, and the KPI page
lists exactly the people behind the number."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from hotelqa import kpi_registry
from hotelqa.choices import Role
from hotelqa.services import day_bounds, kpi_snapshot_day
from training.models import Attendance, Session
from training.rules import PRE_JOB_DUE_DAYS

from .helpers import course, staff

pytestmark = pytest.mark.django_db
KPI = "training.pre_job_compliance"


def yesterday():
    return timezone.localdate() - dt.timedelta(days=1)


def attend(property, person, induction, days, status="held"):
    for day in days:
        session, _ = Session.objects.get_or_create(property=property, course=induction, date=day, status=status,
                                                   defaults={"checkin_token": f"pj-{status}-{day.isoformat()}"})
        Attendance.objects.create(session=session, property=property, staff=person, attended=True)


def run_of(first, n):
    return [first + dt.timedelta(days=i) for i in range(n)]


@pytest.fixture
def hires(property_a):
    """Four new hires whose training fell due yesterday, one the day before."""
    induction = course(property_a, code="IND", is_pre_job=True)
    due = yesterday()
    hired = due - dt.timedelta(days=PRE_JOB_DUE_DAYS)
    on_time, one_late, short, cancelled_day, left = (staff(property_a, hired=hired)[0] for _ in range(5))
    attend(property_a, on_time, induction, run_of(due - dt.timedelta(days=14), 15))  # the 15th on the due date itself
    attend(property_a, one_late, induction, run_of(due - dt.timedelta(days=13), 15))  # the 15th the day after
    attend(property_a, short, induction, run_of(hired, 14))
    attend(property_a, cancelled_day, induction, run_of(hired, 14))
    attend(property_a, cancelled_day, induction, [hired + dt.timedelta(days=20)], status="cancelled")
    left.left_on, left.is_active = due - dt.timedelta(days=1), False
    left.save()
    earlier = staff(property_a, hired=hired - dt.timedelta(days=1))[0]
    attend(property_a, earlier, induction, run_of(hired, 15))
    return {"on_time": on_time, "one_late": one_late, "short": short, "cancelled_day": cancelled_day, "left": left, "earlier": earlier}


def measure(property, first, last):
    kpi = kpi_registry.get(KPI)
    start, end = day_bounds(first, property.time_zone)[0], day_bounds(last, property.time_zone)[1]
    return kpi.measure(property=property, start=start, end=end)


def test_the_15th_day_counts_on_the_due_date_not_the_day_after(hires, property_a):
    m = measure(property_a, yesterday(), yesterday())
    # Due yesterday: on time, one late, short, short (the cancelled day does not count); the one who left is left out.
    assert (m.total, m.weight) == (Decimal(1), Decimal(4))
    m = measure(property_a, yesterday() - dt.timedelta(days=1), yesterday())
    assert (m.total, m.weight) == (Decimal(2), Decimal(5))


def test_kpi_page_lists_exactly_the_new_hires_it_counts(hires, property_a, client_for, django_assert_max_num_queries):
    for back in range(1, 3):
        kpi_snapshot_day(property=property_a, day=timezone.localdate() - dt.timedelta(days=back))
    client, _user = client_for(Role.MANAGER)
    with django_assert_max_num_queries(20):
        response = client.get(f"/dashboard/kpi/{KPI}/", {"period": "7"})
    tile = response.context["tile"]
    assert tile.value == Decimal(40)  # 2 of 5, read from the snapshots
    names = {record.name for record, _note in response.context["records"]}
    expected = {hires[k].name for k in ("on_time", "one_late", "short", "cancelled_day", "earlier")}
    assert names == expected and response.context["counted"] == 2
    body = response.content.decode()
    assert f"15 of 15 days by {yesterday().isoformat()}" in body and f"14 of 15 days by {yesterday().isoformat()}" in body


def test_dashboard_training_tiles_read_the_snapshots(hires, property_a, client_for):
    client, _user = client_for(Role.MANAGER)
    panel = lambda: next(i["context"] for i in client.get("/dashboard/", {"period": "7"}).context["panels"] if i["panel"].key == "training.tiles")  # noqa: E731
    tiles = {t.kpi.code: t for t in panel()["tiles"]}
    assert tiles[KPI].value is None  # nothing stored yet: the live records are not read
    kpi_snapshot_day(property=property_a, day=yesterday())
    tiles = {t.kpi.code: t for t in panel()["tiles"]}
    assert tiles[KPI].value == Decimal(25)
    page = client.get("/dashboard/", {"period": "7"}).content.decode()
    assert f'href="/dashboard/kpi/{KPI}/?period=7"' in page and "25.0" in page


def test_dashboard_training_tiles_in_chinese(hires, property_a, client_for):
    kpi_snapshot_day(property=property_a, day=yesterday())
    client, _user = client_for(Role.MANAGER)
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})
    page = client.get("/dashboard/").content.decode()
    assert "岗前培训达标率" in page


def test_another_propertys_manager_does_not_see_these_hires(hires, property_a, property_b, client_for):
    kpi_snapshot_day(property=property_a, day=yesterday())
    client, _user = client_for(Role.MANAGER, property=property_b)
    response = client.get(f"/dashboard/kpi/{KPI}/", {"period": "7"})
    assert response.status_code == 200 and response.context["records_page"].paginator.count == 0
