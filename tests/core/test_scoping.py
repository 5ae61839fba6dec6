"""One scoping mechanism: another property's record is a 404; lists show the active property."""

import pytest

from hotelqa.choices import Role
from hotelqa.middleware import SESSION_KEY

pytestmark = pytest.mark.django_db


def test_record_of_another_property_is_not_found(client_for, property_b):
    client, _ = client_for(Role.MANAGER)
    other = property_b.departments.first()
    assert client.get(f"/departments/{other.pk}/").status_code == 404


def test_record_of_own_property_is_shown(client_for, property_a):
    client, _ = client_for(Role.MANAGER)
    own = property_a.departments.get(kind="engineering")
    response = client.get(f"/departments/{own.pk}/")
    assert response.status_code == 200
    assert own.name in response.content.decode()


def test_list_shows_only_the_active_property(client_for, property_a, property_b):
    property_b.departments.create(kind="other", name="Only at B")
    property_a.departments.create(kind="other", name="Only at A")
    client, _ = client_for(Role.MANAGER)
    page = client.get("/departments/").content.decode()
    assert "Only at A" in page
    assert "Only at B" not in page


def test_member_of_two_properties_switches_and_the_choice_is_remembered(client_for, property_a, property_b):
    from hotelqa import services

    client, user = client_for(Role.MANAGER)
    services.membership_set(user=user, property=property_b, role=Role.SUPERVISOR)
    property_b.departments.create(kind="other", name="Only at B")
    response = client.post("/property/switch/", {"property": property_b.pk, "next": "/departments/"})
    assert response.status_code == 302
    assert client.session[SESSION_KEY] == property_b.pk
    page = client.get("/departments/").content.decode()
    assert "Only at B" in page
    # The next log-in (a new session) starts at the property picked last.
    client.logout()
    client.force_login(user)
    assert "Only at B" in client.get("/departments/").content.decode()


def test_switching_to_a_property_one_does_not_belong_to_is_refused(client_for, property_b):
    client, _ = client_for(Role.MANAGER)
    client.post("/property/switch/", {"property": property_b.pk})
    assert client.session.get(SESSION_KEY) is None


def test_role_without_the_permission_gets_403(client_for):
    client, _ = client_for(Role.FRONT_DESK)
    assert client.get("/departments/").status_code == 403
    assert client.get("/dashboard/").status_code == 403


def test_anonymous_is_sent_to_login():
    from django.test import Client

    response = Client().get("/departments/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_group_manager_sees_every_property(client, group_manager, property_a, property_b):
    client.force_login(group_manager)
    other = property_b.departments.first()
    assert client.get(f"/departments/{other.pk}/").status_code == 200
    assert client.get("/dashboard/?property=all").status_code == 200


def test_user_without_membership_is_told_so(client, db):
    from tests.factories import UserFactory

    client.force_login(UserFactory())
    response = client.get("/")
    assert response.status_code == 403
    assert "do not belong to any property" in response.content.decode()


def test_admin_site_lists_only_own_property_departments(client_for, property_a, property_b):
    client, _ = client_for(Role.ADMIN)
    property_b.departments.create(kind="other", name="Only at B")
    page = client.get("/admin/hotelqa/department/").content.decode()
    assert "Only at B" not in page
    other = property_b.departments.first()
    assert client.get(f"/admin/hotelqa/department/{other.pk}/change/").status_code in (302, 404)
