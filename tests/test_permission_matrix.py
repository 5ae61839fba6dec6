"""Walks every URL of the project for every role, at the user's own property and at another one,
and checks the answer against tests/permission_table.py. The Django admin is walked per registered
model: its list, a record's page, the add page and the delete page."""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from hotelqa import services
from hotelqa.choices import Role
from tests.factories import PropertyFactory, UserFactory

from .permission_table import (
    ADMIN_ANYWHERE, ADMIN_TABLE, ADMIN_THERE, GROUP_ADMIN, NOBODY_ADMIN, SUPERUSER, TABLE,
)

SKIPPED_NAMESPACES = {"admin"}  # walked per registered model below (ADMIN_TABLE)


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


# ---- The Django admin ---------------------------------------------------------------------------


def test_every_admin_model_has_an_entry():
    from django.contrib import admin

    registered = {model._meta.label for model in admin.site._registry}
    missing = sorted(registered - set(ADMIN_TABLE))
    stale = sorted(set(ADMIN_TABLE) - registered)
    assert not missing, f"admin models without a permission-matrix entry: {missing}"
    assert not stale, f"entries for models no longer in the admin: {stale}"


class Actor:
    def __init__(self, name, user, roles=None, superuser=False, group_admin=False):
        self.name, self.user, self.roles = name, user, roles or {}
        self.superuser, self.group_admin = superuser, group_admin

    def may(self, who, property):
        if who == NOBODY_ADMIN:
            return False
        if self.superuser:
            return True
        if who == SUPERUSER:
            return False
        if self.group_admin:
            return True
        if who == ADMIN_THERE:
            return self.roles.get(property.pk) == Role.ADMIN
        if who == ADMIN_ANYWHERE:
            return Role.ADMIN in self.roles.values()
        assert who == GROUP_ADMIN, who
        return False


def admin_actors(own, other):
    from hotelqa.models import User

    actors = [Actor(f"{role} at own", User.objects.get(username=f"{role}-own"), {own.pk: role}) for role in Role]
    mixed = UserFactory(username="admin-here-desk-there")
    services.membership_set(user=mixed, property=own, role=Role.ADMIN)
    services.membership_set(user=mixed, property=other, role=Role.FRONT_DESK)
    actors.append(Actor("admin at own, front desk at other", mixed, {own.pk: Role.ADMIN, other.pk: Role.FRONT_DESK}))
    group_admin = UserFactory(username="group-admin", is_group_admin=True)
    services.user_sync_groups(user=group_admin)
    actors.append(Actor("group admin", group_admin, group_admin=True))
    superuser = UserFactory(username="superuser", is_superuser=True)
    services.user_sync_groups(user=superuser)
    actors.append(Actor("superuser", superuser, superuser=True))
    actors.append(Actor("group manager", UserFactory(username="group-manager", is_group_manager=True)))
    return actors


@pytest.mark.parametrize("label", sorted(ADMIN_TABLE))
def test_admin_answers_each_role_as_the_table_says(label, two_properties):
    from django.apps import apps

    own, other = two_properties
    expect = ADMIN_TABLE[label]
    model = apps.get_model(label)
    base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
    records = {own: expect.record(own), other: expect.record(other)}
    failures = []

    clients = {}

    def check(actor, what, url, allowed, saves=None):
        # One logged-in client per actor: the admin's pages only read.
        if actor.name not in clients:
            clients[actor.name] = Client()
            clients[actor.name].force_login(actor.user)
        response = clients[actor.name].get(url)
        if allowed and response.status_code != 200:
            failures.append(f"{actor.name}: {what} answered {response.status_code}, expected 200")
        elif not allowed and response.status_code not in (302, 403, 404):
            failures.append(f"{actor.name}: {what} answered {response.status_code}, expected a refusal")
        elif allowed and saves is not None and saves != ('name="_save"' in response.content.decode()):
            failures.append(f"{actor.name}: {what} {'cannot' if saves else 'can'} be saved")
        return response

    for actor in admin_actors(own, other):
        list_who = ADMIN_ANYWHERE if expect.view == ADMIN_THERE else expect.view
        listing = check(actor, "list", base, actor.may(list_who, own))
        check(actor, "add page", f"{base}add/", actor.may(expect.add, own), saves=True)
        for where, record in records.items():
            side = "own" if where == own else "other"
            change_url = f"{base}{record.pk}/change/"
            visible = actor.may(expect.view, where) or actor.may(expect.change, where)
            if listing.status_code == 200 and (change_url in listing.content.decode()) != visible:
                failures.append(f"{actor.name}: {side} record {'missing from' if visible else 'shown in'} the list")
            check(actor, f"{side} record", change_url, visible, saves=actor.may(expect.change, where))
            check(actor, f"{side} delete page", f"{base}{record.pk}/delete/", actor.may(expect.delete, where))
    assert not failures, f"{label}: " + "; ".join(failures)
