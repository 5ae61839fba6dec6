"""The manager dashboard can be trusted: panels follow the filters, the open-defects tile and its
category panel agree, tiles say they run to yesterday's close, and today is shown live."""

import datetime as dt

import pytest
from django.utils import timezone

from complaints.choices import CaseKind, CaseStatus, Category, Grade
from complaints.models import Case
from facilities.models import WorkOrder
from hotelqa.choices import Role
from hotelqa.models import KpiSnapshot
from hotelqa.services import kpi_snapshot_day
from tests.facilities.factories import AssetCategoryFactory, work_order

pytestmark = pytest.mark.django_db


def yesterday():
    return timezone.localdate() - dt.timedelta(days=1)


def overdue_work_order(property, title, reported=None):
    wo = work_order(property, title=title)
    WorkOrder.objects.filter(pk=wo.pk).update(due_at=timezone.now() - dt.timedelta(hours=3), created_at=reported or timezone.now())
    return wo


def categorised_work_order(property, category):
    wo = work_order(property)
    WorkOrder.objects.filter(pk=wo.pk).update(category=category)
    return wo


def case(property, **fields):
    fields.setdefault("received_at", timezone.now())
    fields.setdefault("status", CaseStatus.ASSIGNED)
    n = Case.objects.count()
    return Case.objects.create(property=property, number=f"T-{n}", description="x", kind=CaseKind.COMPLAINT, **fields)


def test_overdue_and_open_defect_panels_follow_the_property_filter(client, group_manager, property_a, property_b):
    two_days_ago = timezone.now() - dt.timedelta(days=2)
    harbour = overdue_work_order(property_a, "Harbour lift stuck", reported=two_days_ago)
    west_lake = overdue_work_order(property_b, "West Lake tap drips", reported=two_days_ago)
    for prop in (property_a, property_b):
        kpi_snapshot_day(property=prop, day=yesterday())
    client.force_login(group_manager)

    page = client.get("/dashboard/", {"property": property_b.pk}).content.decode()
    assert west_lake.title in page and harbour.title not in page

    page = client.get("/dashboard/", {"property": "all"}).content.decode()
    assert west_lake.title in page and harbour.title in page
    panels = {item["panel"].key: item["context"] for item in client.get("/dashboard/", {"property": "all"}).context["panels"]}
    assert panels["facilities.open_defects"]["total"] == 2
    panels = {item["panel"].key: item["context"] for item in client.get("/dashboard/", {"property": property_b.pk}).context["panels"]}
    assert panels["facilities.open_defects"]["total"] == 1


def test_open_defects_tile_and_category_panel_count_the_same_work_orders(client_for, property_a):
    pipes, lights = AssetCategoryFactory(property=property_a), AssetCategoryFactory(property=property_a)
    for category in (pipes, pipes, lights, None):
        categorised_work_order(property_a, category)
    done = categorised_work_order(property_a, lights)
    two_days_ago = timezone.now() - dt.timedelta(days=2)
    WorkOrder.objects.update(created_at=two_days_ago)
    WorkOrder.objects.filter(pk=done.pk).update(done_at=two_days_ago + dt.timedelta(hours=1), status="done")
    for offset in (1, 2):
        kpi_snapshot_day(property=property_a, day=timezone.localdate() - dt.timedelta(days=offset))
    categorised_work_order(property_a, pipes)  # reported today: after the close the tiles run to

    client, _ = client_for(Role.MANAGER)
    response = client.get("/dashboard/", {"period": "7"})
    tile = next(t for t in response.context["tiles"] if t.kpi.code == "facilities.open_defects")
    panel = next(item["context"] for item in response.context["panels"] if item["panel"].key == "facilities.open_defects")
    assert tile.value == panel["total"] == 4
    assert {row["name"]: row["count"] for row in panel["rows"]} == {str(pipes): 2, str(lights): 1, "Uncategorised": 1}


def test_tiles_run_to_yesterdays_close_and_today_is_shown_live(client_for, property_a):
    now = timezone.now()
    case(property_a, grade=Grade.URGENT)  # received today, open, urgent
    case(property_a, grade=Grade.GENERAL, response_due=now - dt.timedelta(minutes=5))  # overdue now
    case(property_a, grade=Grade.URGENT, received_at=now - dt.timedelta(days=3), status=CaseStatus.CLOSED)
    overdue_work_order(property_a, "Leaking pipe")

    client, _ = client_for(Role.MANAGER)
    response = client.get("/dashboard/", {"period": "7"})
    page = response.content.decode()
    assert response.context["end"] == yesterday()
    assert f"up to yesterday&#x27;s close ({yesterday():%Y-%m-%d})" in page or f"up to yesterday's close ({yesterday():%Y-%m-%d})" in page
    today = {item["panel"].key: item["context"] for item in response.context["today_panels"]}
    assert today["complaints.today"]["counts"] == {"received": 2, "urgent": 1, "overdue": 1}
    assert today["facilities.today"]["count"] == 1
    assert 'data-count="received">2<' in page and 'data-count="work-orders-overdue">1<' in page


def test_dashboard_queries_do_not_grow_with_todays_work(client_for, property_a, django_assert_max_num_queries):
    client, _ = client_for(Role.MANAGER)
    client.get("/dashboard/")
    with django_assert_max_num_queries(40) as small:
        client.get("/dashboard/")
    for i in range(12):
        case(property_a, grade=Grade.URGENT, category=Category.NOISE)
        overdue_work_order(property_a, f"Broken {i}")
    kpi_snapshot_day(property=property_a, day=yesterday())
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get("/dashboard/")


def test_department_filter_reads_department_snapshots_and_refuses_another_propertys_department(client, group_manager, property_a, property_b):
    engineering = property_a.departments.get(kind="engineering")
    day = yesterday()
    KpiSnapshot.objects.create(property=property_a, code="complaints.per_day", day=day, value=9, total=9, weight=1)
    KpiSnapshot.objects.create(property=property_a, department=engineering, code="complaints.per_day", day=day, value=2, total=2, weight=1)
    client.force_login(group_manager)

    def per_day(**query):
        response = client.get("/dashboard/", {"period": "1", **query})
        return response, next(t for t in response.context["tiles"] if t.kpi.code == "complaints.per_day").value

    assert per_day(property=property_a.pk)[1] == 9
    assert per_day(property=property_a.pk, department=engineering.pk)[1] == 2
    response, _value = per_day(property=property_b.pk, department=engineering.pk)
    assert "Choose a department of the selected property." in response.content.decode()


def test_category_breakdown_is_stored_per_department(property_a):
    security = property_a.departments.get(kind="security")
    received = timezone.now() - dt.timedelta(days=1)
    case(property_a, category=Category.NOISE, department=security, received_at=received)
    case(property_a, category=Category.NOISE, received_at=received)
    kpi_snapshot_day(property=property_a, day=timezone.localtime(received).date())
    rows = KpiSnapshot.objects.filter(code="complaints.by_category", key=Category.NOISE)
    assert rows.get(department__isnull=True).total == 2
    assert rows.get(department=security).total == 1


def test_department_page_reads_its_summaries_not_the_cases(client_for, property_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    security = property_a.departments.get(kind="security")
    received = timezone.now() - dt.timedelta(days=1)
    for category in (Category.NOISE, Category.NOISE, Category.BILLING):
        case(property_a, category=category, department=security, received_at=received)
    case(property_a, category=Category.FOOD, received_at=received)  # another department's
    kpi_snapshot_day(property=property_a, day=timezone.localtime(received).date())

    client, _ = client_for(Role.MANAGER)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/departments/{security.pk}/")
    assert not [q for q in queries.captured_queries if "complaints_case" in q["sql"]]
    by_category = next(b for b in response.context["summary"]["breakdowns"] if b["kpi"].code == "complaints.by_category")
    assert [(str(label), int(total)) for label, total in by_category["rows"]] == [("Noise", 2), ("Billing & price", 1)]
    per_day = next(t for t in response.context["summary"]["tiles"] if t.kpi.code == "complaints.per_day")
    assert per_day.period.total == 3


def test_kpi_pages_for_all_properties_list_the_records_of_each(client, group_manager, property_a, property_b):
    from hotelqa import kpi_registry

    received = timezone.now() - dt.timedelta(days=1)
    a, b = case(property_a, received_at=received), case(property_b, received_at=received)
    for prop in (property_a, property_b):
        kpi_snapshot_day(property=prop, day=timezone.localtime(received).date())
    client.force_login(group_manager)
    for kpi in kpi_registry.tile_kpis():
        assert client.get(f"/dashboard/kpi/{kpi.code}/", {"property": "all", "period": "7"}).status_code == 200, kpi.code
    response = client.get("/dashboard/kpi/complaints.per_day/", {"property": "all", "period": "7"})
    assert response.context["records_page"].paginator.count == response.context["tile"].period.total == 2
    page = response.content.decode()
    assert a.number in page and b.number in page and str(property_b) in page
