"""A real Celery worker against Redis executes a task that a view enqueued."""

import os
import time

import pytest

from hotelqa.choices import Role
from hotelqa.models import JobRun

pytestmark = [
    pytest.mark.celery_redis,
    pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (set by .ci/run)"),
]


@pytest.fixture
def redis_worker(transactional_db):
    from celery.contrib.testing.worker import start_worker

    from hotelqa.celery import app

    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=10):
            yield app
    finally:
        app.conf.task_always_eager = True


def test_worker_runs_the_task_a_view_enqueued(redis_worker, client, property_a, member):
    assert redis_worker.conf.broker_url.startswith("redis://")
    admin = member(property_a, Role.ADMIN, is_group_admin=True)  # "Run now" starts a group-wide job
    client.force_login(admin)
    # A job that does little on an empty database: the nightly KPI snapshot re-stores 90 days.
    response = client.post("/settings/jobs/hotelqa.deadline_watch/run/")
    assert response.status_code == 302
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        run = JobRun.objects.filter(job="hotelqa.deadline_watch").first()
        if run and run.status == "succeeded":
            break
        time.sleep(0.2)
    else:
        pytest.fail("the worker did not run the queued job within 60 s")
