"""Background work of the CRM: large PMS imports, the nightly retention sweep, and the
engagement jobs (follow-ups and surveys hourly, segments and loyalty tiers nightly); all safe to
run twice."""

from celery import shared_task
from celery.schedules import crontab
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hotelqa.jobs import periodic_job
from hotelqa.models import Property

from . import services
from .engagement import followups, loyalty, segments, surveys


@shared_task(name="crm.stay_import")
def stay_import_task(import_id):
    """Check and, when confirmed, save one uploaded PMS file (idempotent: see `import_process`)."""
    from .services.imports import import_process

    import_process(import_id)


@periodic_job("crm.guest_retention", crontab(minute=15, hour=3), title=_("Guest data retention"),
              description=_("Nightly: anonymize guests with no stay within the retention period (their stays and cases are kept without the person)."),
              detail_labels={"days": _("retention period (days)")})
def guest_retention():
    """Nightly: anonymize guests with no stay within the retention period (their stays and cases
    are kept without the person)."""
    return services.anonymize_past_retention(), {"days": services.retention_days()}



@periodic_job("crm.followups_hourly", crontab(minute=10), title=_("Follow-ups and surveys"),
              description=_("Make the thank-you, birthday and win-back follow-ups that are due, and the satisfaction surveys of stays that ended; each once."),
              detail_labels={"followups": _("follow-ups made"), "surveys": _("surveys made")})
def followups_hourly():
    now = timezone.now()
    made = followups.followups_generate(now=now)
    sent = surveys.surveys_for_stays(now=now)
    return made + sent, {"followups": made, "surveys": sent}


@periodic_job("crm.lifecycle_nightly", crontab(hour=1, minute=0), title=_("Guest segments and loyalty tiers"),
              description=_("Recompute each guest's lifecycle and RFM value, credit points for members' stays, and re-evaluate loyalty tiers (recording each change)."),
              detail_labels={"segments": _("segments computed"), "points": _("stays credited"), "tiers": _("tier changes")})
def lifecycle_nightly():
    today = timezone.localdate()
    counted = sum(segments.segments_recompute(property=p, on=today) for p in Property.objects.all())
    earned = loyalty.points_earn_for_stays(on=today)
    changed = loyalty.tiers_evaluate(on=today)
    return counted + earned + changed, {"segments": counted, "points": earned, "tiers": changed}
