"""Periodic jobs of the facilities app (SPEC §8). Thin: they call the services."""

from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from hotelqa.jobs import periodic_job

from . import scheduling, services


@periodic_job("facilities.generate_due_inspections", crontab(minute="*/15"), title=_("Generate due inspections"),
              description=_("Create the inspections whose window has opened (catching up missed periods) and mark overdue ones."),
              detail_labels={"created": _("inspections created"), "marked_overdue": _("marked overdue")})
def generate_due_inspections():
    created = scheduling.inspections_generate()
    overdue = scheduling.inspections_mark_overdue()
    return created + overdue, {"created": created, "marked_overdue": overdue}


@periodic_job("facilities.work_order_watch", crontab(minute="*/5"), title=_("Work-order watch"),
              description=_("Warn assignees before a work order is due; escalate overdue ones to the department supervisor."))
def work_order_watch():
    return services.work_orders_watch()
