import datetime as dt

from celery import shared_task
from celery.schedules import crontab
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import services
from .jobs import periodic_job


@shared_task(name="hotelqa.send_notification_emails", autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_notification_emails(notification_ids):
    return services.notification_emails_send(notification_ids=notification_ids)


@periodic_job("hotelqa.kpi_snapshot", crontab(minute=30, hour=1), title=_("KPI snapshot"),
              description=_("Nightly: store yesterday's value of every KPI per property and department."),
              detail_labels={"day": _("day")})
def kpi_snapshot(day=None):
    """Nightly: store yesterday's value of every KPI per property and department."""
    day = dt.date.fromisoformat(day) if day else timezone.localdate() - dt.timedelta(days=1)
    return services.kpi_snapshot_all(day=day), {"day": day.isoformat()}
