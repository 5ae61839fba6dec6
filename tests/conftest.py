"""Shared fixtures: two properties (A and B) and a logged-in client per role."""

import pytest
from django.conf import settings
from django.utils import translation

from hotelqa.choices import Role
from hotelqa.permissions import clear_role_permission_cache

from .factories import PropertyFactory, UserFactory, make_member


@pytest.fixture(autouse=True)
def _default_language():
    # A request in Chinese leaves Chinese active in the thread; code outside a request (jobs,
    # services) runs in the default language, so each test starts from it.
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fresh_role_permission_cache():
    # Groups are created per test database; never reuse a cache from another test.
    clear_role_permission_cache()
    yield
    clear_role_permission_cache()


@pytest.fixture(autouse=True)
def _no_kept_figures():
    # Ids come round again between tests on SQLite: figures kept under one test's key are not the next's.
    from hotelqa.kept_figures import forget_kept_figures

    forget_kept_figures()
    yield
    forget_kept_figures()


@pytest.fixture(autouse=True)
def _broker_not_marked_down():
    # A test with an unreachable broker makes the process skip hand-overs for a while; not the next test.
    from hotelqa import outbox

    outbox._broker_quiet_until = 0.0
    yield
    outbox._broker_quiet_until = 0.0


@pytest.fixture
def property_a(db):
    return PropertyFactory(code="prop-a", name="Property A")


@pytest.fixture
def property_b(db):
    return PropertyFactory(code="prop-b", name="Property B")


@pytest.fixture
def member(db):
    """member(property, role, department_kind=None) → a user with that role there."""
    return make_member


@pytest.fixture
def login(client):
    """login(user) → the test client logged in as that user."""

    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture
def client_for(db, property_a, login):
    """client_for(role, property=property_a, department_kind=None) → (client, user)."""

    def _client_for(role, property=None, department_kind=None):
        user = make_member(property or property_a, role, department_kind=department_kind)
        return login(user), user

    return _client_for


@pytest.fixture
def group_manager(db):
    return UserFactory(is_group_manager=True)


ALL_ROLES = list(Role)


def _flushes_the_database(item):
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return True
    return "transactional_db" in item.fixturenames or "django_db_reset_sequences" in item.fixturenames


def pytest_collection_modifyitems(config, items):
    # What a page looks like in the browser does not depend on the database under it: the sweeps
    # that only check that (accessibility, layout at each width) run on the embedded default, which
    # is what `make test` uses; CI's PostgreSQL pass spends its time on what the database changes.
    from django.db import connection

    if connection.vendor != "sqlite":
        skip = pytest.mark.skip(reason="page look only: the same on every database, checked on the embedded default (SQLite)")
        for item in items:
            if item.get_closest_marker("page_look"):
                item.add_marker(skip)
    # Longest first: pytest-xdist hands the first tests out one per process in turn, so the long
    # ones run side by side instead of one of them keeping a process busy after the other is done.
    # Tests that flush the database (the browser tests' live server) stay after the others, as
    # pytest-django orders them: a flush removes the rows data migrations wrote (survey templates,
    # loyalty tiers, routing rules), which the tests after it in the same process would miss.
    items.sort(key=lambda item: (_flushes_the_database(item), item.get_closest_marker("slow") is None))


def pytest_sessionfinish(session, exitstatus):
    # pytest's "no tests ran" (exit 5) is a failure for `make test` and CI; say so plainly, since
    # a -m/-k selection or a collection filter that matches nothing is easy to miss in the log.
    if exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED:
        session.config.get_terminal_writer().line(
            "No tests ran: the selection matched nothing. This counts as a failure.", red=True, bold=True
        )
