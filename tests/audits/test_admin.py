"""Audits in the Django admin: plans edited with both languages side by side and their checklist,
department and inspector taken from the plan's own property; audit records read-only and found
by their scope in either language."""

import pytest
from django.test import Client

from audits.models import AuditPlan
from hotelqa import services as org
from hotelqa.choices import Role
from tests.factories import UserFactory, make_member

from .factories import audit_template, front_office, open_audit, plan_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_of_both(property_a, property_b):
    user = UserFactory(username="admin-of-both")
    org.membership_set(user=user, property=property_a, role=Role.ADMIN)
    org.membership_set(user=user, property=property_b, role=Role.ADMIN)
    client = Client()
    client.force_login(user)
    return client


def plan_data(property, **changes):
    data = {
        "property": property.pk, "name": "Lobby check", "name_zh": "大堂检查", "template": audit_template(property).pk,
        "department": front_office(property).pk, "area": "Lobby", "area_zh": "大堂", "process": "Greeting", "process_zh": "问候",
        "method": "on_site", "frequency": "monthly", "inspector": make_member(property, Role.INSPECTOR).pk,
        "starts_on": "2026-03-01", "window_days": 7, "is_active": "on",
    }
    data.update(changes)
    return data


def test_admin_adds_a_plan_in_both_languages(property_a, admin_of_both):
    page = admin_of_both.get("/admin/audits/auditplan/add/").content.decode()
    assert 'name="name_zh"' in page and 'name="area_zh"' in page and 'name="process_zh"' in page
    response = admin_of_both.post("/admin/audits/auditplan/add/", plan_data(property_a))
    assert response.status_code == 302, response.content.decode()[:2000]
    plan = AuditPlan.objects.get(name="Lobby check")
    assert (plan.name_zh, plan.area_zh, plan.process_zh) == ("大堂检查", "大堂", "问候")


def test_admin_plan_takes_checklist_department_and_inspector_of_its_property(property_a, property_b, admin_of_both):
    data = plan_data(property_a, template=audit_template(property_b).pk, department=front_office(property_b).pk,
                     inspector=make_member(property_b, Role.INSPECTOR).pk)
    response = admin_of_both.post("/admin/audits/auditplan/add/", data)
    body = response.content.decode()
    assert response.status_code == 200
    assert body.count(f"Choose one of {property_a}.") == 2 and f"This person does not work at {property_a}." in body
    assert not AuditPlan.objects.exists()


def test_audit_records_are_read_only_and_found_by_their_scope_in_chinese(property_a, admin_of_both):
    plan = plan_for(property_a, name="Front desk weekly", name_zh="前台每周检查", area_zh="前台", process_zh="入住登记")
    audit = open_audit(property_a)
    audit.plan, audit.area, audit.area_zh = plan, plan.area, plan.area_zh
    audit.save(update_fields=["plan", "area", "area_zh"])
    listing = admin_of_both.get("/admin/audits/audit/", {"q": "前台"}).content.decode()
    assert f"/admin/audits/audit/{audit.pk}/change/" in listing
    page = admin_of_both.get(f"/admin/audits/audit/{audit.pk}/change/").content.decode()
    assert 'name="_save"' not in page
    assert admin_of_both.post(f"/admin/audits/audit/{audit.pk}/change/", {}).status_code == 403
