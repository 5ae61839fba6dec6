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
from django.db import OperationalError, transaction
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


def periodic_job(name, schedule, *, description=""):
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
            return run_recorded(name, func, *args, **kwargs)

        PERIODIC_JOBS[name] = PeriodicJob(name, schedule, description or (func.__doc__ or "").strip(), task)
        return task

    return decorator


def run_recorded(name, func, *args, **kwargs):
    """Call `func`, keeping a JobRun row with start, end, items touched and any error."""
    from .models import JobRun

    run = JobRun.objects.create(job=name)
    try:
        result = func(*args, **kwargs)
    except Exception:
        run.status = JobRunStatus.FAILED
        run.error = traceback.format_exc()[-4000:]
        run.finished_at = timezone.now()
        run.save(update_fields=["status", "error", "finished_at"])
        raise
    items, detail = (result if isinstance(result, tuple) else (result, ""))
    run.items = int(items or 0)
    run.detail = detail if isinstance(detail, str) else json.dumps(detail, default=str)
    run.status = JobRunStatus.SUCCEEDED
    run.finished_at = timezone.now()
    run.save(update_fields=["items", "detail", "status", "finished_at"])
    return run.items


def enqueue_on_commit(task, *args, **kwargs):
    """Queue `task` only once the surrounding transaction commits; a rollback queues nothing."""
    transaction.on_commit(lambda: task.delay(*args, **kwargs))


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
