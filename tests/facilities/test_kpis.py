import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from facilities import kpis
from facilities.choices import InspectionStatus, WorkOrderStatus
from facilities.models import Inspection, WorkOrder
from hotelqa import kpi_registry
from hotelqa.choices import Role

from .factories import InspectionFactory, published_template, work_order

pytestmark = pytest.mark.django_db

START = dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc)


def value(code, **kwargs):
    kpi = kpi_registry.get(code)
    return kpi.value_of(kpi.measure(**kwargs))
END = START + dt.timedelta(days=1)


def make_inspection(property, version, *, due_end, submitted_at=None, passed=None):
    i = InspectionFactory(property=property, version=version, due_start=due_end - dt.timedelta(hours=8), due_end=due_end)
    Inspection.objects.filter(pk=i.pk).update(
        status=InspectionStatus.SUBMITTED if submitted_at else InspectionStatus.OVERDUE,
        submitted_at=submitted_at, passed=passed)
    return i


def test_inspection_kpis(property_a):
    version = published_template(property_a).current_version
    due = START + dt.timedelta(hours=12)
    make_inspection(property_a, version, due_end=due, submitted_at=due - dt.timedelta(hours=1), passed=True)
    make_inspection(property_a, version, due_end=due, submitted_at=due + dt.timedelta(hours=1), passed=False)
    make_inspection(property_a, version, due_end=due)  # never done
    make_inspection(property_a, version, due_end=END + dt.timedelta(hours=1))  # another day
    on_time = value("facilities.inspections_on_time", property=property_a, start=START, end=END)
    assert on_time.quantize(Decimal("0.01")) == Decimal("33.33")
    assert value("facilities.inspection_pass_rate", property=property_a, start=START, end=END + dt.timedelta(days=1)) == 50


def test_work_order_kpis(property_a):
    a = work_order(property_a)
    b = work_order(property_a)
    c = work_order(property_a)
    WorkOrder.objects.filter(pk=a.pk).update(created_at=START, due_at=START + dt.timedelta(hours=10),
                                             done_at=START + dt.timedelta(hours=4), status=WorkOrderStatus.DONE)
    WorkOrder.objects.filter(pk=b.pk).update(created_at=START, due_at=START + dt.timedelta(hours=2),
                                             done_at=START + dt.timedelta(hours=8), status=WorkOrderStatus.VERIFIED)
    WorkOrder.objects.filter(pk=c.pk).update(created_at=START)
    assert value("facilities.work_orders_on_time", property=property_a, start=START, end=END) == 50
    assert value("facilities.mean_time_to_repair", property=property_a, start=START, end=END) == 6
    assert kpis.mean_time_to_repair(property=property_a, start=START, end=END).weight == 2
    assert value("facilities.open_defects", property=property_a, start=START, end=END) == 1  # c is still open
    assert value("facilities.open_defects", property=property_a, start=START, end=START + dt.timedelta(hours=5)) == 2
    assert kpis.mean_time_to_repair(property=property_a, start=END, end=END + dt.timedelta(days=1)) is None


def test_kpi_pages_list_the_records_of_the_period(client_for, property_a):
    client, _ = client_for(Role.MANAGER)
    version = published_template(property_a).current_version
    now = timezone.now() - dt.timedelta(days=1)
    inside = make_inspection(property_a, version, due_end=now, submitted_at=now, passed=True)
    outside = make_inspection(property_a, version, due_end=now - dt.timedelta(days=30), submitted_at=now - dt.timedelta(days=30), passed=True)
    for code in ["facilities.inspections_on_time", "facilities.inspection_pass_rate", "facilities.open_defects",
                 "facilities.work_orders_on_time", "facilities.mean_time_to_repair"]:
        assert client.get(f"/dashboard/kpi/{code}/?period=7").status_code == 200, code
    content = client.get("/dashboard/kpi/facilities.inspection_pass_rate/?period=7").content.decode()
    assert inside.get_absolute_url() in content and outside.get_absolute_url() not in content


def test_snapshot_runs_with_facilities_kpis(property_a):
    from hotelqa.models import KpiSnapshot
    from hotelqa.services import kpi_snapshot_day

    work_order(property_a)
    kpi_snapshot_day(property=property_a, day=timezone.localdate())
    assert KpiSnapshot.objects.filter(code="facilities.open_defects", department__isnull=True).get().value == 1
