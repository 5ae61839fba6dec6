"""The training bench loader fits the models, loads a tiny group once, and its pages answer."""

import io

import pytest
from django.db import connection

from hotelqa import bench
from training import bench as training_bench
from training.models import Attendance, PlanItem, Session

pytestmark = pytest.mark.django_db


def test_training_bench_loads_a_tiny_group_once():
    if connection.vendor != "postgresql":
        pytest.skip("the loaders use PostgreSQL COPY")
    props = bench.seed_organisation(properties=2)
    out = io.StringIO()
    training_bench.seed(properties=props, scale=0.0001, stdout=out)
    counts = (Session.objects.count(), Attendance.objects.count(), PlanItem.objects.count())
    assert counts[1] == counts[0] * training_bench.PER_SESSION and counts[2] > 0
    Session.objects.create(property=props[0], course=Session.objects.first().course, date=Session.objects.first().date)  # ids still free
    out = io.StringIO()
    training_bench.seed(properties=props, scale=0.0001, stdout=out)
    assert "already there" in out.getvalue()
    assert training_bench.requests(property=props[0])
