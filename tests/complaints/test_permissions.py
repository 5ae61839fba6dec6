"""Who may open what, role by role (SPEC §9: permission-checked per object, tested for each role)."""

import pytest
from django.urls import reverse

from hotelqa.choices import DepartmentKind, Role

from ..crm.factories import RoomFactory
from .helpers import close_complaint, log_complaint

pytestmark = pytest.mark.django_db

R = Role
PAGES = {
    "complaints:case_list": {R.FRONT_DESK, R.STAFF, R.SUPERVISOR, R.INSPECTOR, R.MANAGER, R.ADMIN},
    "complaints:case_mine": {R.FRONT_DESK, R.STAFF, R.SUPERVISOR, R.INSPECTOR, R.MANAGER, R.ADMIN},
    "complaints:case_export": {R.FRONT_DESK, R.STAFF, R.SUPERVISOR, R.INSPECTOR, R.MANAGER, R.ADMIN},
    "complaints:case_create": {R.FRONT_DESK, R.STAFF, R.SUPERVISOR, R.MANAGER, R.ADMIN},
    "complaints:revisit_list": {R.FRONT_DESK, R.SUPERVISOR, R.INSPECTOR, R.MANAGER, R.ADMIN},
    "complaints:room_labels": {R.ADMIN},
    "crm:guest_list": {R.FRONT_DESK, R.STAFF, R.SUPERVISOR, R.INSPECTOR, R.MANAGER, R.ADMIN},
}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("url_name", sorted(PAGES))
def test_page_access_per_role(client_for, role, url_name):
    client, _ = client_for(role)
    status = client.get(reverse(url_name)).status_code
    assert status == (200 if role in PAGES[url_name] else 403)


@pytest.mark.parametrize("role", list(Role))
def test_case_page_per_role(client_for, property_a, member, role):
    case = log_complaint(property_a, member(property_a, Role.FRONT_DESK))
    client, _ = client_for(role)
    allowed = role != Role.TRAINER
    assert client.get(reverse("complaints:case_detail", args=[case.pk])).status_code == (200 if allowed else 403)


def test_anonymous_is_sent_to_login(client, property_a, member):
    case = log_complaint(property_a, member(property_a, Role.FRONT_DESK))
    for url in (reverse("complaints:case_list"), reverse("complaints:case_detail", args=[case.pk]), reverse("complaints:case_create")):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url
    response = client.post(reverse("complaints:case_transition", args=[case.pk, "classified"]), {})
    assert response.status_code == 302


def test_inspector_reads_but_cannot_move_cases(client_for, property_a, member):
    case = log_complaint(property_a, member(property_a, Role.FRONT_DESK))
    client, _ = client_for(Role.INSPECTOR)
    page = client.get(reverse("complaints:case_detail", args=[case.pk])).content.decode()
    assert "/step/" not in page
    response = client.post(reverse("complaints:case_transition", args=[case.pk, "classified"]), {"version": case.version})
    assert response.status_code == 403


def test_group_manager_opens_cases_of_every_property(client, property_a, property_b, member, group_manager):
    a = log_complaint(property_a, member(property_a, Role.FRONT_DESK))
    b = close_complaint(property_b, member(property_b, Role.SUPERVISOR, department_kind=DepartmentKind.SECURITY))
    client.force_login(group_manager)
    for case in (a, b):
        assert client.get(reverse("complaints:case_detail", args=[case.pk])).status_code == 200


def test_drilldown_filters_resolved_period(client_for, property_a, member):
    from django.utils import timezone

    supervisor = member(property_a, Role.SUPERVISOR, department_kind=DepartmentKind.SECURITY)
    closed = close_complaint(property_a, supervisor)
    open_case = log_complaint(property_a, supervisor)
    client, _ = client_for(Role.MANAGER)
    today = timezone.localdate()
    content = client.get(reverse("complaints:case_list"), {"closed_after": today, "closed_before": today}).content.decode()
    assert closed.number in content and open_case.number not in content


def test_guest_page_needs_no_permission_but_only_a_live_room(client, property_a):
    room = RoomFactory(property=property_a, is_active=False)
    assert client.get(reverse("complaints:guest_page", args=[room.guest_token])).status_code == 404
