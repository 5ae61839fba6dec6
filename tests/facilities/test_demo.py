import pytest

from facilities import demo
from facilities.models import Asset, ChecklistTemplate, Inspection, InspectionSchedule, Location, WorkOrder, WorkOrderHistory
from hotelqa.choices import Role

pytestmark = pytest.mark.django_db


def counts():
    return [m.objects.count() for m in (Asset, Location, ChecklistTemplate, InspectionSchedule, Inspection, WorkOrder, WorkOrderHistory)]


def test_demo_seed_is_idempotent(property_a, member):
    for role, kind in [(Role.STAFF, "engineering"), (Role.SUPERVISOR, "engineering"), (Role.FRONT_DESK, "front_office"), (Role.ADMIN, None)]:
        member(property_a, role, department_kind=kind)
    demo.seed(properties=[property_a])
    first = counts()
    assert set(ChecklistTemplate.objects.values_list("name", "name_zh")) == {
        ("Guest room", "客房"), ("Public area", "公共区域"), ("Fire safety", "消防安全")}
    assert Inspection.objects.filter(status="submitted", passed=False).exists()
    assert WorkOrder.objects.filter(status="verified").exists() and WorkOrder.objects.filter(status="open").exists()
    demo.seed(properties=[property_a])
    assert counts() == first
