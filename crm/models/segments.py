"""Segments and lifecycle (003 §4.4), per guest and property, recomputed by the nightly job."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from hotelqa.models import PropertyScopedModel


class Lifecycle(models.TextChoices):
    NEW = "new", _("New")
    ACTIVE = "active", _("Active")
    LAPSED = "lapsed", _("Lapsed")
    LOST = "lost", _("Lost")


class ValueSegment(models.TextChoices):
    HIGH = "high", _("High value")
    MEDIUM = "medium", _("Medium value")
    LOW = "low", _("Low value")


class GuestSegment(PropertyScopedModel):
    """Where a guest stands with one hotel: lifecycle from recency, RFM scores 1–5 and value."""

    guest = models.ForeignKey("crm.Guest", on_delete=models.CASCADE, related_name="segments", verbose_name=_("guest"))
    lifecycle = models.CharField(_("lifecycle"), max_length=10, choices=Lifecycle.choices)
    value = models.CharField(_("value"), max_length=10, choices=ValueSegment.choices)
    guest_type = models.CharField(_("guest type"), max_length=20, blank=True)
    first_arrival = models.DateField(_("first stay"))
    last_departure = models.DateField(_("last departure"))
    stays = models.PositiveIntegerField(_("stays"), default=0)
    stays_12m = models.PositiveIntegerField(_("stays in 12 months"), default=0)
    spend_12m = models.DecimalField(_("spend in 12 months"), max_digits=12, decimal_places=2, default=0)
    recency = models.PositiveSmallIntegerField("R", default=1)
    frequency = models.PositiveSmallIntegerField("F", default=1)
    monetary = models.PositiveSmallIntegerField("M", default=1)
    computed_on = models.DateField(_("computed on"))

    class Meta:
        ordering = ["-last_departure"]
        verbose_name = _("guest segment")
        verbose_name_plural = _("guest segments")
        constraints = [models.UniqueConstraint(fields=["property", "guest"], name="crm_segment_one_per_guest")]
        indexes = [models.Index(fields=["property", "lifecycle", "value"], name="crm_segment_lists")]

    @property
    def rfm(self):
        return f"{self.recency}{self.frequency}{self.monetary}"
