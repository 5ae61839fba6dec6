"""Walks every URL of the project for every role, at the user's own property and at another one,
and checks the answer against tests/permission_table.py."""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from hotelqa import services
from hotelqa.choices import Role
from tests.factories import PropertyFactory, UserFactory

from .permission_table import TABLE

SKIPPED_NAMESPACES = {"admin"}  # the Django admin checks its own permissions (tested elsewhere)


def route_names(patterns=None, namespace=None):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace in SKIPPED_NAMESPACES:
                continue
            inner = pattern.namespace if pattern.namespace else namespace
            if namespace and pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}"
            yield from route_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield f"{namespace}:{pattern.name}" if namespace else pattern.name
        elif isinstance(pattern, URLPattern):
            yield f"<unnamed {pattern.pattern}>"


def test_every_route_has_an_entry():
    routes = set(route_names())
    missing = sorted(routes - set(TABLE))
    stale = sorted(set(TABLE) - routes)
    assert not missing, f"routes without a permission-matrix entry: {missing}"
    assert not stale, f"entries for routes that no longer exist: {stale}"


@pytest.fixture
def two_properties(db):
    own = PropertyFactory(code="own", name="Own")
    other = PropertyFactory(code="other", name="Other")
    for prop in (own, other):
        for role in Role:
            user = UserFactory(username=f"{role}-{prop.code}")
            services.membership_set(user=user, property=prop, role=role, department=prop.departments.first())
    return own, other


def answer(client, expect, url):
    response = getattr(client, expect.method)(url)
    if getattr(response, "streaming", False):
        b"".join(response.streaming_content)
    return response.status_code


@pytest.mark.parametrize("name", sorted(TABLE))
def test_route_answers_each_role_as_the_table_says(name, two_properties):
    from hotelqa.models import User

    own, other = two_properties
    expect = TABLE[name]
    failures = []

    got = answer(Client(), expect, expect.url(own))
    if got != expect.anonymous:
        failures.append(f"anonymous: {got} != {expect.anonymous}")

    for role in Role:
        client = Client()
        client.force_login(User.objects.get(username=f"{role}-own"))
        want = expect.ok_for.get(role, expect.ok) if (expect.public or role in expect.allow) else 403
        got = answer(client, expect, expect.url(own))
        if got not in (want if isinstance(want, tuple) else (want,)):
            failures.append(f"{role} at own property: {got} != {want}")
        if expect.other is not None:
            # Another property's record: never shown; a role without the permission may be
            # told either that it is missing or that it is not allowed.
            got = answer(client, expect, expect.url(other))
            allowed = expect.public or role in expect.allow
            if (allowed and got != expect.other) or (not allowed and got not in (403, 404)):
                failures.append(f"{role} at another property: {got} != {expect.other}")
    assert not failures, f"{name}: " + "; ".join(failures)
