import datetime as dt
import logging

from celery import shared_task
from celery.schedules import crontab
from celery.signals import worker_ready
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import outbox, services, watch
from .jobs import periodic_job

logger = logging.getLogger(__name__)


@shared_task(name="hotelqa.send_notification_emails", autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_notification_emails(notification_ids):
    return services.notification_emails_send(notification_ids=notification_ids)


@periodic_job("hotelqa.kpi_snapshot", crontab(minute=30, hour=1), title=_("KPI snapshot"),
              description=_("Nightly: store yesterday's value of every KPI per property and department."),
              detail_labels={"day": _("day")})
def kpi_snapshot(day=None):
    """Nightly: store yesterday's KPI parts per property and department, again the recent days
    whose value can still change, and any (day, property) of the week before that a killed run
    left without snapshots."""
    day = dt.date.fromisoformat(day) if day else timezone.localdate() - dt.timedelta(days=1)
    rows = services.kpi_snapshot_all(day=day, settle=True) + services.kpi_snapshot_catch_up(before=day)
    return rows, {"day": day.isoformat()}


@periodic_job("hotelqa.deadline_watch", crontab(minute="*/5"), title=_("Deadline watch"),
              description=_("Warn before and escalate after the deadlines of open records (cases, work orders …), each step once."),
              detail_labels=watch.DetailLabels())
def deadline_watch():
    """Walk every registered deadline source once; the steps sent, in all and per source."""
    sent = watch.run(now=timezone.now())
    return sum(sent.values()), sent


@periodic_job("hotelqa.outbox_relay", dt.timedelta(minutes=1), quiet=True, title=_("Outbox relay"),
              description=_("Every minute: hand the tasks that changes wrote to the outbox to the broker (after an outage)."))
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


@shared_task(name="hotelqa.build_download", acks_late=True)
def build_download(download_id):
    """Build one requested file (idempotent: a finished download is left as it is)."""
    from . import downloads

    return downloads.build(download_id)


@periodic_job("hotelqa.downloads_cleanup", crontab(minute=15, hour=3), title=_("Downloads clean-up"),
              description=_("Daily: delete the files on the Downloads page that have expired."))
def downloads_cleanup():
    """Daily: delete the files on the Downloads page that have expired."""
    from . import downloads

    return downloads.cleanup()


@periodic_job("hotelqa.monthly_reports", crontab(minute=0, hour=6, day_of_month=1), title=_("Monthly quality reports"),
              description=_("On the 1st: build last month's quality report of every property and tell its managers."),
              detail_labels={"month": _("month")})
def monthly_reports(today=None):
    """On the 1st: build last month's quality report of every property and tell its managers."""
    import datetime as _dt

    from .reports import monthly

    return monthly.build_last_month_for_all(_dt.date.fromisoformat(today) if today else None)
