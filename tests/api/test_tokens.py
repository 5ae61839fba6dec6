"""Integration tokens: stored hashed, shown once, bound to a property (or the group) and a role,
expiring, revocable, rate-limited per token."""

import datetime as dt

import pytest
from django.utils import timezone

from api import services
from api.models import ApiToken
from hotelqa.choices import Role
from hotelqa.models import Membership
from tests.complaints.helpers import log_complaint
from tests.factories import PropertyFactory, make_member

from .conftest import token_client


def test_only_the_hash_is_stored_and_the_key_works(property_a, make_token):
    token, key = make_token(property_a)
    stored = ApiToken.objects.get(pk=token.pk)
    assert key.startswith("hqa_") and key not in (stored.key_hash, stored.prefix)
    assert stored.prefix == key[:12]
    assert token_client(key).get("/api/v1/properties/").json() == [
        {"id": property_a.pk, "code": "prop-a", "name": {"en": "Property A", "zh_hans": property_a.name_zh}, "city": property_a.city,
         "time_zone": property_a.time_zone, "room_count": property_a.room_count},
    ]


def test_wrong_expired_and_revoked_keys_are_401(property_a, make_token):
    assert token_client("hqa_nonsense").get("/api/v1/cases/").status_code == 401
    token, key = make_token(property_a)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    response = token_client(key).get("/api/v1/cases/")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"
    assert response["WWW-Authenticate"].startswith("Bearer")

    token, key = make_token(property_a)
    assert token_client(key).get("/api/v1/cases/").status_code == 200
    services.token_revoke(token=token)
    assert token_client(key).get("/api/v1/cases/").status_code == 401


def test_an_expiry_in_the_past_is_refused(property_a):
    with pytest.raises(Exception) as exc:
        services.token_create(name="x", property=property_a, role=Role.ADMIN, expires_at=timezone.now() - dt.timedelta(days=1), actor=None)
    assert "expires_at" in str(exc.value)


def test_a_property_token_sees_its_property_only(property_a, property_b, api):
    actor_a, actor_b = make_member(property_a, Role.FRONT_DESK), make_member(property_b, Role.FRONT_DESK)
    case_a, case_b = log_complaint(property_a, actor_a), log_complaint(property_b, actor_b)
    client = api(property_a)
    listed = [c["number"] for c in client.get("/api/v1/cases/").json()["results"]]
    assert listed == [case_a.number]
    assert client.get(f"/api/v1/cases/{case_b.pk}/").status_code == 404  # another property's case: not disclosed
    assert client.get(f"/api/v1/cases/{case_a.pk}/").status_code == 200
    assert client.get("/api/v1/cases/?property=prop-b").status_code == 400
    assert [p["code"] for p in client.get("/api/v1/properties/").json()] == ["prop-a"]


def test_a_group_token_sees_every_property(property_a, property_b, api):
    log_complaint(property_a, make_member(property_a, Role.FRONT_DESK))
    log_complaint(property_b, make_member(property_b, Role.FRONT_DESK))
    client = api(None, Role.MANAGER)
    assert {c["property"] for c in client.get("/api/v1/cases/").json()["results"]} == {"prop-a", "prop-b"}
    assert [c["property"] for c in client.get("/api/v1/cases/?property=prop-b").json()["results"]] == ["prop-b"]


def test_the_role_decides_as_on_the_pages(property_a, api):
    assert api(property_a, Role.FRONT_DESK).get("/api/v1/kpis/").status_code == 403  # the dashboard is not the desk's
    assert api(property_a, Role.MANAGER).get("/api/v1/kpis/").status_code == 200
    inspector = api(property_a, Role.INSPECTOR)
    response = inspector.post("/api/v1/cases/", {"description": "Dirty towel", "room_number": "101", "apology_confirmed": True}, content_type="application/json")
    assert response.status_code == 403  # inspectors read cases, they do not log them
    assert response.json()["error"]["code"] == "permission_denied"


def test_rate_limit_is_per_token(property_a, api):
    first, second = api(property_a, rate_per_minute=3), api(property_a, rate_per_minute=3)
    answers = [first.get("/api/v1/categories/").status_code for _ in range(4)]
    assert answers == [200, 200, 200, 429]
    assert first.get("/api/v1/categories/").json()["error"]["code"] == "throttled"
    assert second.get("/api/v1/categories/").status_code == 200  # another integration is not held up


def test_revoking_is_for_the_admins_of_the_property(property_a, property_b, make_token):
    token, _key = make_token(property_a)
    with pytest.raises(Exception):
        services.token_revoke(token=token, actor=make_member(property_b, Role.ADMIN))
    services.token_revoke(token=token, actor=make_member(property_a, Role.ADMIN))
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None


def test_admin_creates_a_token_and_sees_the_key_once(property_a, client):
    admin_user = make_member(property_a, Role.ADMIN)
    client.force_login(admin_user)
    expires = (timezone.localtime() + dt.timedelta(days=90))
    response = client.post("/admin/api/apitoken/add/", {
        "name": "Opera PMS", "property": property_a.pk, "role": Role.FRONT_DESK,
        "expires_at_0": expires.strftime("%Y-%m-%d"), "expires_at_1": "12:00:00", "rate_per_minute": 120,
    }, follow=True)
    assert response.status_code == 200
    text = response.content.decode()
    token = ApiToken.objects.get(name="Opera PMS")
    key = next(word for word in text.replace("<", " ").split() if word.startswith("hqa_"))
    assert token_client(key).get("/api/v1/categories/").status_code == 200
    again = client.get(f"/admin/api/apitoken/{token.pk}/change/").content.decode()
    assert key not in again  # never shown again


def test_a_property_admin_cannot_make_a_group_token(property_a, client):
    client.force_login(make_member(property_a, Role.ADMIN))
    expires = timezone.localtime() + dt.timedelta(days=90)
    response = client.post("/admin/api/apitoken/add/", {
        "name": "Everything", "property": "", "role": Role.ADMIN,
        "expires_at_0": expires.strftime("%Y-%m-%d"), "expires_at_1": "12:00:00", "rate_per_minute": 120,
    })
    assert response.status_code == 200 and not ApiToken.objects.exists()


@pytest.mark.parametrize("role", [Role.FRONT_DESK, Role.SUPERVISOR, Role.MANAGER, Role.ADMIN])
def test_a_group_token_covers_a_property_opened_after_it(property_a, make_token, role):
    token, key = make_token(None, role)
    assert not Membership.objects.filter(user=token.user).exists()  # the scope is read at each call, not stored
    opened = PropertyFactory(code="prop-new", name="New Property")
    case = log_complaint(opened, make_member(opened, Role.FRONT_DESK))
    client = token_client(key)
    assert "prop-new" in [p["code"] for p in client.get("/api/v1/properties/").json()]
    assert client.get(f"/api/v1/cases/{case.pk}/").status_code == 200
    assert case.number in [c["number"] for c in client.get("/api/v1/cases/?property=prop-new").json()["results"]]


@pytest.mark.parametrize("role", [Role.FRONT_DESK, Role.MANAGER])
def test_a_group_token_does_not_cover_a_deactivated_property(property_a, property_b, make_token, role):
    _token, key = make_token(None, role)
    case_b = log_complaint(property_b, make_member(property_b, Role.FRONT_DESK))
    client = token_client(key)
    assert client.get(f"/api/v1/cases/{case_b.pk}/").status_code == 200
    property_b.is_active = False
    property_b.save(update_fields=["is_active"])
    assert client.get(f"/api/v1/cases/{case_b.pk}/").status_code == 404
    assert case_b.number not in [c["number"] for c in client.get("/api/v1/cases/").json()["results"]]
    assert [p["code"] for p in client.get("/api/v1/properties/").json()] == ["prop-a"]
    assert client.get("/api/v1/cases/?property=prop-b").status_code == 400


def test_a_property_token_does_not_reach_a_property_opened_later(property_a, make_token):
    _token, key = make_token(property_a, Role.MANAGER)
    opened = PropertyFactory(code="prop-new", name="New Property")
    case = log_complaint(opened, make_member(opened, Role.FRONT_DESK))
    client = token_client(key)
    assert client.get(f"/api/v1/cases/{case.pk}/").status_code == 404
    assert [c["number"] for c in client.get("/api/v1/cases/").json()["results"]] == []
    assert client.get("/api/v1/cases/?property=prop-new").status_code == 400


def test_a_group_tokens_calls_cost_the_same_whatever_the_number_of_properties(property_a, make_token, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _token, key = make_token(None, Role.FRONT_DESK)
    client = token_client(key)
    log_complaint(property_a, make_member(property_a, Role.FRONT_DESK))
    client.get("/api/v1/cases/")  # warm: "last used" is written once a minute
    with CaptureQueriesContext(connection) as few:
        assert client.get("/api/v1/cases/").status_code == 200
    for n in range(6):
        PropertyFactory(code=f"prop-{n}", name=f"Property {n}")
    with django_assert_max_num_queries(len(few)):
        assert client.get("/api/v1/cases/").status_code == 200


def test_group_tokens_made_before_lose_their_stored_roles(property_a, property_b, make_token):
    """Migration api.0003 drops what older group tokens stored (memberships of the day, group flags)."""
    from importlib import import_module

    from django.apps import apps

    from hotelqa import services as org_services

    desk, desk_key = make_token(None, Role.FRONT_DESK)
    manager, manager_key = make_token(None, Role.MANAGER)
    org_services.membership_set(user=desk.user, property=property_a, role=Role.FRONT_DESK)  # as token_create did
    type(manager.user).objects.filter(pk=manager.user_id).update(is_group_manager=True)
    import_module("api.migrations.0003_receiver_check_group_token_scope").group_tokens_resolve_their_scope(apps, None)
    assert not Membership.objects.filter(user__in=[desk.user, manager.user]).exists()
    assert not type(manager.user).objects.filter(pk__in=[desk.user_id, manager.user_id], is_group_manager=True).exists()
    for key in (desk_key, manager_key):
        assert {p["code"] for p in token_client(key).get("/api/v1/properties/").json()} == {"prop-a", "prop-b"}
