"""The organisation's own KPI: how quickly staff acknowledge what they are notified of
(assignments and escalations)."""

from datetime import timedelta

from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import KpiDirection
from .kpi_registry import Kpi, register
from .models import Notification


def notifications_sent(*, property, start, end, department=None):
    qs = Notification.objects.filter(property=property, created_at__gte=start, created_at__lt=end)
    if department is not None:
        qs = qs.filter(recipient__memberships__department=department)
    return qs


def _notification_note(notification):
    opened = f"{timezone.localtime(notification.read_at):%Y-%m-%d %H:%M}" if notification.read_at else _("unread")
    return _("to %(recipient)s, sent %(sent)s, opened %(opened)s") % {
        "recipient": notification.recipient, "sent": f"{timezone.localtime(notification.created_at):%Y-%m-%d %H:%M}", "opened": opened}


register(
    Kpi(
        code="hotelqa.notifications_read_24h",
        name=_("Notifications acknowledged within 24 h"),
        description=_("Share of assignments and escalations their recipient opened within a day."),
        formula=_("Notifications sent in the period that their recipient opened within 24 hours ÷ notifications sent in the period."),
        unit="%",
        scale=100,
        settle_days=2,  # opened within 24 h of a notification sent late in the day
        direction=KpiDirection.HIGHER_IS_BETTER,
        target=90,
        warning=75,
        records=notifications_sent,
        counted=Q(read_at__lte=F("created_at") + timedelta(days=1)),
        records_label=_("Notifications sent in the period (✓ = opened within 24 h)"),
        records_select=("recipient",),
        record_note=_notification_note,
        order=900,
    )
)
