"""Training pages read a fixed number of queries whatever the number of rows."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from hotelqa.choices import Role
from training import services

from .helpers import course, staff


def _load(property, n):
    today = timezone.localdate()
    c = course(property, code=f"C{n}", validity_months=12)
    people = staff(property, n, hired=today - dt.timedelta(days=100))
    services.plan_add(property=property, course=c, due_on=today + dt.timedelta(days=5))
    s = services.session_create(property=property, course=c, date=today, staff=people)
    services.scores_record(session=s, rows={a.pk: {"score": 50 + i} for i, a in enumerate(s.attendances.all())})
    return s, people[0]


@pytest.mark.parametrize("path", ["/training/", "/training/plan/", "/training/staff/", "/training/sessions/", "/training/certificates/",
                                  "/training/needs/", "/training/courses/", "SESSION", "STAFF"])
def test_pages_are_flat_in_rows(db, property_a, client_for, path):
    client, _user = client_for(Role.TRAINER)
    counts = []
    for n in (3, 15):
        session, person = _load(property_a, n)
        url = {"SESSION": f"/training/sessions/{session.pk}/", "STAFF": f"/training/staff/{person.pk}/"}.get(path, path)
        client.get(url)  # warm per-request caches
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
        counts.append(len(ctx))
    assert counts[1] <= counts[0], f"{path}: {counts}"
