"""Periodic jobs of the training app. Thin: they call the services."""

from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from hotelqa.jobs import periodic_job

from . import services


@periodic_job("training.reminders", crontab(hour=7, minute=0), title=_("Training reminders"),
              description=_("Remind staff and trainers of certificates expiring within 30 days, overdue plan items, rotation training due "
                            "and incomplete pre-job training, once per person, item and stage."),
              detail_labels={"certificate": _("certificates"), "overdue": _("overdue plan items"), "rotation": _("rotation due"),
                             "pre_job": _("pre-job incomplete")})
def reminders():
    counts = services.reminders_send()
    return sum(counts.values()), counts


@periodic_job("training.needs", crontab(hour=6, minute=30), title=_("Training needs"),
              description=_("Propose courses to departments whose complaints in a category rose above their 90-day baseline, "
                            "and for failed inspection items that name a standard."),
              detail_labels={"trends": _("from complaint trends"), "inspections": _("from inspections")})
def needs():
    import datetime as dt

    from django.utils import timezone

    from facilities.models import Inspection

    trends = services.proposals_from_trends()
    since = timezone.now() - dt.timedelta(days=2)
    inspections = sum(services.proposals_from_inspection(i) for i in
                      Inspection.objects.filter(submitted_at__gte=since).select_related("property", "department"))
    return trends + inspections, {"trends": trends, "inspections": inspections}
