"""The session and the memberships every request reads come from SQL compiled once per process
(hotelqa.compiled_queries): the SQL stays, the values and what they find are the request's own."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from hotelqa.choices import Role
from hotelqa.compiled_queries import MARKER_ID, CompiledQuery
from hotelqa.models import Membership, Property
from hotelqa.services import notification_send
from tests.factories import DepartmentFactory

pytestmark = pytest.mark.django_db


def test_each_request_sees_the_role_and_department_as_they_are_now(client_for, property_a, django_assert_num_queries):
    client, user = client_for(Role.FRONT_DESK)
    assert 'href="/dashboard/"' not in client.get("/notifications/").content.decode()
    night_audit = DepartmentFactory(property=property_a, name="Night audit")
    Membership.objects.filter(user=user).update(role=Role.MANAGER, department=night_audit)
    response = client.get("/notifications/")
    assert 'href="/dashboard/"' in response.content.decode()
    assert response.wsgi_request.role == Role.MANAGER
    membership = response.wsgi_request.user.membership_in(property_a)
    assert membership.department == night_audit and membership.property == property_a
    with django_assert_num_queries(0):  # the membership knows its user
        assert membership.user.pk == user.pk


def test_another_users_memberships_are_their_own(client_for, property_a, property_b, member, login):
    member(property_b, Role.STAFF)
    client, user = client_for(Role.SUPERVISOR)
    response = client.get("/")
    assert response.wsgi_request.accessible_properties == [property_a]
    other = member(property_b, Role.MANAGER)
    response = login(other).get("/")
    assert response.wsgi_request.accessible_properties == [property_b]
    assert response.wsgi_request.role == Role.MANAGER


def test_the_unread_count_follows_new_notifications(client_for, property_a):
    client, user = client_for(Role.STAFF)
    assert client.get("/").wsgi_request.user.unread_notification_count() == 0
    notification_send(recipients=[user], title="A case is yours", property=property_a, email=False)
    notification_send(recipients=[user], title="Another one", property=property_a, email=False)
    assert client.get("/").wsgi_request.user.unread_notification_count() == 2


def test_an_expired_session_signs_the_user_out(client_for):
    client, user = client_for(Role.STAFF)
    assert client.get("/complaints/mine/").status_code == 200
    Session.objects.update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get("/complaints/mine/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_an_unknown_session_key_is_a_signed_out_visitor(client):
    client.cookies["sessionid"] = "x" * 32
    response = client.get("/complaints/mine/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_marker_that_does_not_reach_the_sql_is_refused(property_a):
    ignored = CompiledQuery(lambda code: Property.objects.all(), markers=["\x00code"])
    with pytest.raises(ValueError, match="0 parameters"):
        ignored.run("prop-a")
    twice = CompiledQuery(lambda pk: Property.objects.filter(pk=pk) | Property.objects.filter(pk__gt=pk), markers=[MARKER_ID])
    with pytest.raises(ValueError, match="2 parameters"):
        twice.run(property_a.pk)


def test_the_compiled_query_finds_what_the_queryset_finds(property_a, property_b):
    by_code = CompiledQuery(lambda code: Property.objects.filter(code=code), markers=["\x00code"])
    assert by_code.run("prop-b") == [property_b]
    assert by_code.run("prop-a") == [property_a]
    assert by_code.run("none") == []
    found = by_code.run("prop-a")[0]
    assert (found.name, found.is_active, found.room_count) == (property_a.name, True, property_a.room_count)
