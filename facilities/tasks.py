"""Periodic jobs of the facilities app (SPEC §8). Thin: they call the services."""

from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from hotelqa import watch
from hotelqa.jobs import periodic_job, retire_job

from . import scheduling, services
from .choices import EscalationLevel
from .models import WorkOrder


@periodic_job("facilities.generate_due_inspections", crontab(minute="*/15"), title=_("Generate due inspections"),
              description=_("Create the inspections whose window has opened (catching up missed periods) and mark overdue ones."),
              detail_labels={"created": _("inspections created"), "marked_overdue": _("marked overdue")})
def generate_due_inspections():
    created = scheduling.inspections_generate()
    overdue = scheduling.inspections_mark_overdue()
    return created + overdue, {"created": created, "marked_overdue": overdue}


# The foundation's deadline watch (`hotelqa.deadline_watch`, every 5 minutes) warns assignees before
# a work order is due and escalates overdue ones to the department supervisor, each step once.
retire_job("facilities.work_order_watch")  # its work is the deadline watch's now
watch.register(
    services.WATCH_SOURCE, model=WorkOrder, title=_("work-order due times"),
    deadlines=services.work_order_deadlines, notify=services.work_order_notify, warning=EscalationLevel.WARNING,
    level_label=lambda level: EscalationLevel(level).label, deadline_label=lambda key: _("due time"),
)
