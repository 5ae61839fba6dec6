import datetime as dt
import logging

from celery import shared_task
from celery.schedules import crontab
from celery.signals import worker_ready
from django.utils import timezone

from . import outbox, services
from .jobs import periodic_job

logger = logging.getLogger(__name__)


@shared_task(name="hotelqa.send_notification_emails", autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_notification_emails(notification_ids):
    return services.notification_emails_send(notification_ids=notification_ids)


@periodic_job("hotelqa.kpi_snapshot", crontab(minute=30, hour=1))
def kpi_snapshot(day=None):
    """Nightly: store yesterday's KPI parts per property and department, again the recent days
    whose value can still change, and any (day, property) of the week before that a killed run
    left without snapshots."""
    day = dt.date.fromisoformat(day) if day else timezone.localdate() - dt.timedelta(days=1)
    rows = services.kpi_snapshot_all(day=day, settle=True) + services.kpi_snapshot_catch_up(before=day)
    return rows, {"day": day.isoformat()}


@periodic_job("hotelqa.outbox_relay", dt.timedelta(minutes=1), quiet=True)
def outbox_relay():
    """Every minute: hand the tasks that changes wrote to the outbox to the broker (after an outage)."""
    return outbox.relay_all()


@worker_ready.connect
def _relay_when_a_worker_starts(**kwargs):
    # A worker coming back after an outage need not wait for beat's next tick.
    try:
        outbox.relay_all()
    except Exception:
        logger.warning("outbox: relay at worker start failed", exc_info=True)
