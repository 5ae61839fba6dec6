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
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext

from .choices import JobRunStatus

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    schedule: object  # crontab or timedelta
    description: object  # lazily translated
    task: object
    title: object = ""  # lazily translated
    # Keys of the detail the job returns → lazily translated labels, for the run log.
    detail_labels: dict = None

    def detail_text(self, detail: str) -> str:
        """A run's detail ({"created": 3}) in the reader's language ("已创建: 3")."""
        try:
            data = json.loads(detail) if detail else {}
        except ValueError:
            return detail
        if not isinstance(data, dict):
            return detail
        labels = self.detail_labels or {}
        return " · ".join(f"{labels.get(k, k)}: {v}" for k, v in data.items())


PERIODIC_JOBS: dict[str, PeriodicJob] = {}


def periodic_job(name, schedule, *, title="", description="", detail_labels=None, quiet=False):
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

        PERIODIC_JOBS[name] = PeriodicJob(
            name, schedule, description or (func.__doc__ or "").strip(), task, title=title or name, detail_labels=detail_labels or {}
        )
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


RETIRED_JOBS: set[str] = set()


def retire_job(name: str) -> None:
    """A job an app no longer has (its work moved elsewhere): its beat entry goes on the next
    migrate, so beat does not send a task no worker knows. Its past runs stay in the log."""
    RETIRED_JOBS.add(name)


def ensure_periodic_tasks():
    """Create the beat entry of every declared job that has none yet; remove retired jobs' entries."""
    from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask

    if RETIRED_JOBS:
        PeriodicTask.objects.filter(name__in=RETIRED_JOBS, task__in=RETIRED_JOBS).delete()
    existing = set(PeriodicTask.objects.values_list("name", flat=True))
    for job in PERIODIC_JOBS.values():
        if job.name in existing:
            continue
        with translation.override("en"):
            fields = {"task": job.name, "description": str(job.description)[:500]}
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


def _every(seconds: int) -> str:
    if seconds % 86400 == 0:
        n = seconds // 86400
        return ngettext("every day", "every %(n)d days", n) % {"n": n}
    if seconds % 3600 == 0:
        n = seconds // 3600
        return ngettext("every hour", "every %(n)d hours", n) % {"n": n}
    if seconds % 60 == 0:
        n = seconds // 60
        return ngettext("every minute", "every %(n)d minutes", n) % {"n": n}
    return ngettext("every second", "every %(n)d seconds", seconds) % {"n": seconds}


def describe_schedule(*, crontab=None, interval=None) -> str:
    """A beat schedule in words of the reader's language: "every 5 minutes", "daily at 01:30".
    Patterns without plain words are shown as the crontab fields."""
    if interval is not None:
        unit = {"days": 86400, "hours": 3600, "minutes": 60, "seconds": 1, "microseconds": 0}[interval.period]
        return _every(interval.every * unit) if unit else str(interval)
    if crontab is None:
        return ""
    minute, hour = str(crontab.minute), str(crontab.hour)
    every_day = (str(crontab.day_of_week), str(crontab.day_of_month), str(crontab.month_of_year)) == ("*", "*", "*")
    if every_day and hour == "*" and minute.startswith("*/") and minute[2:].isdigit():
        return _every(int(minute[2:]) * 60)
    if every_day and hour == "*" and minute == "*":
        return _every(60)
    if every_day and hour == "*" and minute.isdigit():
        return gettext("hourly at minute %(minute)02d") % {"minute": int(minute)}
    if every_day and hour.isdigit() and minute.isdigit():
        return gettext("daily at %(time)s") % {"time": f"{int(hour):02d}:{int(minute):02d}"}
    return f"{minute} {hour} {crontab.day_of_month} {crontab.month_of_year} {crontab.day_of_week}"
