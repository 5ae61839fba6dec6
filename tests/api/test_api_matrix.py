"""The API routes of tests/permission_table.py walked again with integration tokens instead of a
browser session: a token of each role at the own property gets the table's answer, another
property's record is a 404, a revoked or expired token is a 401 — the same matrix as the pages."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from api import services
from api.models import ApiToken
from hotelqa.choices import Role
from tests.factories import PropertyFactory
from tests.permission_table import TABLE

API_ROUTES = sorted(name for name in TABLE if name.startswith("api:") and name not in ("api:schema", "api:docs"))


@pytest.fixture
def two_properties(db):
    from hotelqa import services as org_services
    from tests.factories import UserFactory

    own = PropertyFactory(code="own", name="Own")
    other = PropertyFactory(code="other", name="Other")
    for prop in (own, other):  # the records' builders look for people of each role there
        for role in Role:
            org_services.membership_set(user=UserFactory(username=f"{role}-{prop.code}"), property=prop, role=role, department=prop.departments.first())
    return own, other


def call(client, expect, url):
    return getattr(client, expect.method)(url, content_type="application/json") if expect.method == "post" else client.get(url)


@pytest.mark.parametrize("name", API_ROUTES)
def test_tokens_answer_as_the_table_says(name, two_properties):
    own, other = two_properties
    expect = TABLE[name]
    failures = []
    for role in Role:
        token, key = services.token_create(name=f"{role}", property=own, role=role, expires_at=timezone.now() + dt.timedelta(days=1), actor=None)
        client = Client(HTTP_AUTHORIZATION=f"Bearer {key}")
        want = expect.ok_for.get(role, expect.ok) if role in expect.allow else 403
        got = call(client, expect, expect.url(own)).status_code
        if got != want:
            failures.append(f"{role} token at own property: {got} != {want}")
        if expect.other is not None:
            got = call(client, expect, expect.url(other)).status_code
            if (role in expect.allow and got != expect.other) or (role not in expect.allow and got not in (403, 404)):
                failures.append(f"{role} token, another property's record: {got} != {expect.other}")
        ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
        if (got := call(client, expect, expect.url(own)).status_code) != 401:
            failures.append(f"{role} expired token: {got} != 401")
    assert not failures, f"{name}: " + "; ".join(failures)
