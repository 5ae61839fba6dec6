"""Periodic jobs of the case engine: thin wrappers around services, safe to run twice or late."""

from datetime import timedelta

from celery.schedules import crontab
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hotelqa.jobs import periodic_job

from . import services


@periodic_job("complaints.sla_watch", timedelta(minutes=5), title=_("SLA watch"),
              description=_("Warn assignees before case deadlines and escalate overdue cases (assignee → supervisor → manager)."))
def sla_watch():
    """Warn assignees before case deadlines and escalate overdue cases (assignee → supervisor → manager)."""
    return services.sla_watch(now=timezone.now())


@periodic_job("complaints.revisits_due", crontab(minute=0), title=_("Revisits due"),
              description=_("Put revisits whose time has come on the front desk's revisit list and notify the front desk."))
def revisits_due():
    """Put revisits whose time has come on the front desk's revisit list and notify the front desk."""
    return services.revisits_list_due(now=timezone.now())
