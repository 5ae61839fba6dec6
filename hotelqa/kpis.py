"""The organisation's own KPI: how quickly staff acknowledge what they are notified of
(assignments and escalations)."""

from datetime import timedelta

from django.db.models import Count, F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .choices import KpiDirection
from .kpi_registry import Kpi, Measure, register
from .models import Notification


def notifications_read_within_a_day(*, property, start, end, department=None):
    qs = Notification.objects.filter(property=property, created_at__gte=start, created_at__lt=end)
    if department is not None:
        qs = qs.filter(recipient__memberships__department=department)
    counts = qs.aggregate(
        total=Count("id"),
        read=Count("id", filter=Q(read_at__lte=F("created_at") + timedelta(days=1))),
    )
    return Measure.ratio(counts["read"], counts["total"])


def _notifications_url(property, start, end):
    return reverse("notification_list") + f"?scope=property&start={start}&end={end}"


register(
    Kpi(
        code="hotelqa.notifications_read_24h",
        name=_("Notifications acknowledged within 24 h"),
        description=_("Share of assignments and escalations their recipient opened within a day."),
        unit="%",
        direction=KpiDirection.HIGHER_IS_BETTER,
        target=90,
        warning=75,
        compute=notifications_read_within_a_day,
        drilldown=_notifications_url,
        by_department=True,
        order=900,
    )
)
