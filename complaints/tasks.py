"""Periodic jobs of the case engine: thin wrappers around services, safe to run twice or late."""

from celery.schedules import crontab
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hotelqa import watch
from hotelqa.jobs import periodic_job, retire_job

from . import services
from .choices import EscalationLevel
from .models import Case


# The foundation's deadline watch (`hotelqa.deadline_watch`, every 5 minutes) warns assignees before
# case deadlines and escalates overdue cases (assignee → supervisor → manager), each step once.
retire_job("complaints.sla_watch")  # its work is the deadline watch's now
watch.register(
    services.sla.SOURCE, model=Case, title=_("case deadlines"),
    deadlines=services.case_deadlines, notify=services.notify_case_step, warning=EscalationLevel.WARNING,
    level_label=lambda level: EscalationLevel(level).label, deadline_label=services.deadline_label,
)


@periodic_job("complaints.revisits_due", crontab(minute=0), title=_("Revisits due"),
              description=_("Put revisits whose time has come on the front desk's revisit list and notify the front desk."))
def revisits_due():
    """Put revisits whose time has come on the front desk's revisit list and notify the front desk."""
    return services.revisits_list_due(now=timezone.now())
