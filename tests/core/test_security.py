"""Hardening a staff app with guest data meets: lockout, headers, sessions, the audit trail."""

import pytest
from django.db import connection
from django.test import Client

from hotelqa.choices import Role
from hotelqa.models import AuditEvent
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _login(client, username, password, address="10.0.0.5"):
    return client.post("/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=address)


def test_failed_logins_lock_the_username_from_that_address(client, settings):
    UserFactory(username="desk7")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "desk7", "wrong").status_code == 200
    assert _login(client, "desk7", "wrong").status_code == 429  # the limit is reached
    locked = _login(client, "desk7", "pw")  # even the right password is refused now
    assert locked.status_code == 429
    assert "Too many failed log-ins" in locked.content.decode()
    # Another address, or another username from the same address, is not locked.
    assert _login(client, "desk7", "pw", address="10.0.0.6").status_code == 302
    UserFactory(username="desk8")
    assert _login(Client(), "desk8", "pw").status_code == 302
    actions = list(AuditEvent.objects.order_by("at").values_list("action", flat=True))
    assert actions.count("login_failed") >= settings.AXES_FAILURE_LIMIT
    assert "locked_out" in actions and actions.count("login") == 2


def test_logins_are_audited_without_the_password(client):
    UserFactory(username="desk9")
    _login(client, "desk9", "secret-typo-123")
    _login(client, "desk9", "pw")
    failed, ok = AuditEvent.objects.order_by("at")
    assert (failed.action, failed.username, failed.ip_address) == ("login_failed", "desk9", "10.0.0.5")
    assert ok.action == "login" and ok.actor.username == "desk9"
    stored = " ".join(str(v) for e in AuditEvent.objects.values() for v in e.values())
    assert "secret-typo-123" not in stored


def test_permission_refusals_are_audited(client_for, property_a):
    client, user = client_for(Role.FRONT_DESK)
    assert client.get("/settings/jobs/").status_code == 403
    event = AuditEvent.objects.get(action="permission_denied")
    assert event.actor == user and event.path == "/settings/jobs/" and event.property == property_a


def test_audit_trail_is_append_only(client_for):
    client_for(Role.FRONT_DESK)[0].get("/settings/jobs/")
    event = AuditEvent.objects.get(action="permission_denied")
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        event.delete()
    with pytest.raises(TypeError):
        AuditEvent.objects.all().update(username="x")
    with pytest.raises(TypeError):
        AuditEvent.objects.all().delete()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="database trigger exists on PostgreSQL")
def test_database_refuses_to_rewrite_the_audit_trail(client_for):
    from django.db import transaction
    from django.db.utils import DatabaseError

    client_for(Role.FRONT_DESK)[0].get("/settings/jobs/")
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE hotelqa_auditevent SET username = 'x'")


def test_audit_page_for_admins_only(client_for):
    client_for(Role.FRONT_DESK)[0].get("/settings/jobs/")
    admin, _ = client_for(Role.ADMIN)
    page = admin.get("/settings/audit/").content.decode()
    assert "Permission refused" in page and "/settings/jobs/" in page
    manager, _ = client_for(Role.MANAGER)
    assert manager.get("/settings/audit/").status_code == 403


def test_admin_of_another_property_does_not_see_our_events(client_for, property_b):
    client_for(Role.FRONT_DESK)[0].get("/settings/jobs/")
    other_admin, _ = client_for(Role.ADMIN, property=property_b)
    page = other_admin.get("/settings/audit/?action=permission_denied").content.decode()
    assert "No events recorded." in page


def test_security_headers_and_content_security_policy(client_for):
    client, _ = client_for(Role.MANAGER)
    response = client.get("/dashboard/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "geolocation=()" in response["Permissions-Policy"]


def test_pages_have_no_inline_scripts_or_styles(client_for):
    import re

    client, _ = client_for(Role.ADMIN)
    for path in ["/", "/dashboard/", "/settings/jobs/", "/settings/kpi-targets/", "/notifications/", "/departments/"]:
        html = client.get(path, follow=True).content.decode()
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or 'type="application/json"' in tag, (path, tag)
        assert " style=" not in html, path
        assert not re.search(r"\son[a-z]+=", html), path  # no inline event handlers


def test_session_cookie_is_http_only_short_and_ends_with_the_browser(client, settings):
    UserFactory(username="desk10")
    response = _login(client, "desk10", "pw")
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie["httponly"]
    assert not cookie["expires"] and not cookie["max-age"]  # a browser-session cookie
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60


def test_client_address_behind_a_trusted_proxy(rf, settings):
    from hotelqa.audit import client_address

    request = rf.get("/", HTTP_X_FORWARDED_FOR="203.0.113.9, 10.0.0.2", REMOTE_ADDR="10.0.0.1")
    assert client_address(request) == "10.0.0.1"  # no proxy trusted: a forged header is ignored
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_address(request) == "10.0.0.2"
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(request) == "203.0.113.9"


def test_an_out_of_range_number_in_a_url_is_a_bad_request_not_a_crash(client_for):
    client, _ = client_for(Role.ADMIN)
    client.raise_request_exception = False
    response = client.get("/facilities/inspections/?location=99999999999999999999999")
    assert response.status_code in (200, 400)  # PostgreSQL finds nothing; SQLite cannot even ask
