"""Periodic jobs: one decorator declares a Celery task, its default beat schedule and its run log.

    @periodic_job("facilities.generate_due_inspections", crontab(minute="*/15"))
    def generate_due_inspections():
        ...
        return created_count          # items touched, recorded in JobRun

The schedule is written to django-celery-beat once (on migrate) when missing, so admins can
change or pause it afterwards without the code overwriting their edit.
"""

import functools
import json
import logging
import traceback
from dataclasses import dataclass
from datetime import timedelta

from celery import shared_task
from celery.schedules import crontab
from django.db import OperationalError
from django.utils import timezone

from .choices import JobRunStatus

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    schedule: object  # crontab or timedelta
    description: str
    task: object


PERIODIC_JOBS: dict[str, PeriodicJob] = {}


def periodic_job(name, schedule, *, description="", quiet=False):
    """`quiet`: a run that touched nothing leaves no JobRun (for jobs that run every minute)."""

    def decorator(func):
        @shared_task(
            name=name,
            bind=True,
            autoretry_for=(OperationalError,),
            retry_backoff=True,
            max_retries=3,
        )
        @functools.wraps(func)
        def task(self, *args, **kwargs):
            return run_recorded(name, func, *args, quiet=quiet, **kwargs)

        PERIODIC_JOBS[name] = PeriodicJob(name, schedule, description or (func.__doc__ or "").strip(), task)
        return task

    return decorator


def run_recorded(name, func, *args, quiet=False, **kwargs):
    """Call `func`, keeping a JobRun row with start, end, items touched and any error."""
    from .models import JobRun

    runs_abandoned()
    run = JobRun(job=name)
    if not quiet:
        run.save()
    try:
        result = func(*args, **kwargs)
    except Exception:
        run.status = JobRunStatus.FAILED
        run.error = traceback.format_exc()[-4000:]
        run.finished_at = timezone.now()
        run.save()
        raise
    items, detail = (result if isinstance(result, tuple) else (result, ""))
    if quiet and not items:
        return 0
    run.items = int(items or 0)
    run.detail = detail if isinstance(detail, str) else json.dumps(detail, default=str)
    run.status = JobRunStatus.SUCCEEDED
    run.finished_at = timezone.now()
    run.save()
    return run.items


def runs_abandoned() -> int:
    """Mark failed the runs still "running" past the task time limit: their worker was killed
    (the broker hands the task to another worker, which records a run of its own)."""
    from django.conf import settings

    from .models import JobRun

    limit = timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    now = timezone.now()
    return JobRun.objects.filter(status=JobRunStatus.RUNNING, started_at__lt=now - limit).update(
        status=JobRunStatus.FAILED, finished_at=now, error="No end recorded within the task time limit: the worker stopped."
    )


def enqueue_on_commit(task, *args, **kwargs):
    """Queue `task` through the transactional outbox: written with the surrounding transaction and
    handed to the broker after the commit, or later if the broker is down; a rollback queues nothing."""
    from . import outbox

    outbox.enqueue(task, *args, **kwargs)


def ensure_periodic_tasks():
    """Create the beat entry of every declared job that has none yet."""
    from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask

    existing = set(PeriodicTask.objects.values_list("name", flat=True))
    for job in PERIODIC_JOBS.values():
        if job.name in existing:
            continue
        fields = {"task": job.name, "description": job.description[:500]}
        if isinstance(job.schedule, crontab):
            fields["crontab"], _ = CrontabSchedule.objects.get_or_create(
                minute=job.schedule._orig_minute,
                hour=job.schedule._orig_hour,
                day_of_week=job.schedule._orig_day_of_week,
                day_of_month=job.schedule._orig_day_of_month,
                month_of_year=job.schedule._orig_month_of_year,
                timezone=str(timezone.get_default_timezone()),
            )
        elif isinstance(job.schedule, timedelta):
            fields["interval"], _ = IntervalSchedule.objects.get_or_create(
                every=int(job.schedule.total_seconds()), period=IntervalSchedule.SECONDS
            )
        else:
            raise TypeError(f"Unsupported schedule for {job.name}: {job.schedule!r}")
        PeriodicTask.objects.create(name=job.name, **fields)


def last_runs(names):
    """Latest JobRun per job name, in one query per name set."""
    from django.db.models import Max

    from .models import JobRun

    latest = JobRun.objects.filter(job__in=names).values("job").annotate(last=Max("id"))
    return {run.job: run for run in JobRun.objects.filter(id__in=[row["last"] for row in latest])}
