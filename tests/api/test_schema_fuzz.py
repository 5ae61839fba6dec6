"""The schema is the contract: schemathesis generates requests from /api/schema/ (valid and
invalid ones) for every operation and checks that no answer is a 500 and every answer — status,
content type and body — is one the schema declares. Bounded examples keep it under a minute or two."""

import datetime as dt

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import content_type_conformance, response_schema_conformance, status_code_conformance

from api import services
from hotelqa.choices import Role
from tests.complaints.helpers import log_complaint
from tests.factories import PropertyFactory, make_member

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture(autouse=True)
def _quiet_refusals():
    import logging

    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)  # thousands of expected 4xx lines; a 500 still shows
    yield
    logger.setLevel(level)


@pytest.fixture
def api_schema(db):
    # The real WSGI handler closes "old" connections at each request's start and end; inside the
    # test's transaction that would close the test's own connection. Django's test client
    # disconnects the same handler for the same reason.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def supervisor_key(db):
    prop = PropertyFactory(code="fuzz", name="Fuzz Hotel")
    log_complaint(prop, make_member(prop, Role.FRONT_DESK))
    _token, key = services.token_create(
        name="fuzz", property=prop, role=Role.SUPERVISOR, expires_at=timezone.now() + dt.timedelta(days=1), actor=None, rate_per_minute=100000,
    )
    return key


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=12, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_no_server_error_and_every_answer_as_the_schema_says(case, supervisor_key):
    case.call_and_validate(headers={"Authorization": f"Bearer {supervisor_key}"}, checks=CHECKS)
