"""Periodic jobs of the audits app (SPEC §8). Thin: they call the services."""

from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from hotelqa import watch
from hotelqa.jobs import periodic_job, retire_job

from . import scheduling
from .models import CorrectiveAction, EscalationLevel
from .services import corrective


@periodic_job("audits.generate_due_audits", crontab(minute=10), title=_("Generate due audits"),
              description=_("Create the audits whose plan period has opened (catching up missed periods) and mark overdue ones."),
              detail_labels={"created": _("audits created"), "marked_overdue": _("marked overdue")})
def generate_due_audits():
    created = scheduling.audits_generate()
    overdue = scheduling.audits_mark_overdue()
    return created + overdue, {"created": created, "marked_overdue": overdue}


# The foundation's deadline watch (`hotelqa.deadline_watch`, every 5 minutes) warns owners a day
# before a corrective action is due and escalates overdue ones to the department's supervisors and
# the managers, once per PDCA step and due time.
retire_job("audits.corrective_action_watch")  # its work is the deadline watch's now
watch.register(
    corrective.WATCH_SOURCE, model=CorrectiveAction, title=_("corrective-action due times"),
    deadlines=corrective.action_deadlines, notify=corrective.action_notify, warning=EscalationLevel.WARNING,
    level_label=lambda level: EscalationLevel(level).label, deadline_label=corrective.deadline_label,
)
