"""A worker killed mid-run loses nothing: its task comes back within minutes, its run log does not
stay "running" for ever, and the next nightly snapshot fills the day it left out."""

import datetime as dt
import json

import pytest
from django.utils import timezone

from hotelqa.choices import JobRunStatus
from hotelqa.models import JobRun, KpiSnapshot
from hotelqa.services import kpi_snapshot_day
from hotelqa.tasks import kpi_snapshot

from .test_settings import run_with


def test_a_killed_workers_task_is_handed_out_again_within_minutes():
    probe = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'visibility': s.CELERY_BROKER_TRANSPORT_OPTIONS['visibility_timeout'], "
        "'limit': s.CELERY_TASK_TIME_LIMIT, 'acks_late': s.CELERY_TASK_ACKS_LATE, "
        "'reject_lost': s.CELERY_TASK_REJECT_ON_WORKER_LOST}))"
    )
    result = run_with({"REDIS_URL": "redis://127.0.0.1:6379/0"}, code=probe)
    assert result.returncode == 0, result.stderr
    config = json.loads(result.stdout)
    assert config["acks_late"] and config["reject_lost"]
    # Longer than the longest task may run (never handed out twice while running), and not much more.
    assert config["limit"] < config["visibility"] <= config["limit"] + 5 * 60
    assert config["visibility"] <= 20 * 60


@pytest.mark.django_db
def test_a_run_left_running_past_the_time_limit_is_marked_failed(settings):
    now = timezone.now()
    abandoned = JobRun.objects.create(job="hotelqa.kpi_snapshot", started_at=now - dt.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60))
    recent = JobRun.objects.create(job="facilities.work_order_watch", started_at=now - dt.timedelta(minutes=1))
    kpi_snapshot.apply()
    abandoned.refresh_from_db()
    recent.refresh_from_db()
    assert abandoned.status == JobRunStatus.FAILED and abandoned.finished_at is not None
    assert "worker stopped" in abandoned.error
    assert recent.status == JobRunStatus.RUNNING


@pytest.mark.slow
@pytest.mark.django_db
def test_the_next_nightly_snapshot_fills_a_day_a_killed_run_left_out(property_a, property_b):
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    day_before = yesterday - dt.timedelta(days=1)
    kpi_snapshot_day(property=property_a, day=day_before)  # the killed run wrote one property only
    kept = set(KpiSnapshot.objects.filter(property=property_a, day=day_before).values_list("id", flat=True))
    assert kept and not KpiSnapshot.objects.filter(property=property_b, day=day_before).exists()

    kpi_snapshot.apply()

    for prop in (property_a, property_b):
        for day in (day_before, yesterday):
            assert KpiSnapshot.objects.filter(property=prop, day=day).exists(), (prop, day)
    # What was complete is left as it was.
    assert set(KpiSnapshot.objects.filter(property=property_a, day=day_before).values_list("id", flat=True)) == kept
