"""Loyalty 会员制度 (000 §9.2): tiers with rules on nights or spend over 12 months, members, the
points ledger (the balance is the sum of its entries, never a stored number) and tier changes."""

import builtins

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hotelqa.models import Property, PropertyScopedModel


class PointsKind(models.TextChoices):
    EARN = "earn", _("Earned from a stay")
    REDEEM = "redeem", _("Redeemed")
    ADJUST = "adjust", _("Adjustment")
    RECOVERY = "recovery", _("Service recovery")


class TierChangeReason(models.TextChoices):
    ENROLMENT = "enrolment", _("Enrolment")
    NIGHTLY = "nightly", _("Nightly re-evaluation")


class LoyaltyTier(models.Model):
    """A tier of the group's programme (普通/银卡/金卡/白金). A member qualifies for the highest
    tier whose nights OR spend threshold they reach over the last 12 months."""

    code = models.SlugField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=60)
    name_zh = models.CharField(_("name (Chinese)"), max_length=60, blank=True)
    rank = models.PositiveSmallIntegerField(_("rank"), unique=True, help_text=_("0 is the entry tier; higher ranks are better."))
    min_nights = models.PositiveIntegerField(_("nights in 12 months"), default=0)
    min_spend = models.DecimalField(_("spend in 12 months"), max_digits=12, decimal_places=2, default=0)
    earn_rate = models.DecimalField(_("points per ¥1 spent"), max_digits=6, decimal_places=2, default=1)

    class Meta:
        ordering = ["rank"]
        verbose_name = _("loyalty tier")
        verbose_name_plural = _("loyalty tiers")

    def __str__(self):
        from hotelqa.i18n import localized

        return localized(self, "name")


class LoyaltyMember(PropertyScopedModel):
    """A guest's membership; `property` is where they enrolled (their home hotel)."""

    guest = models.OneToOneField("crm.Guest", on_delete=models.CASCADE, related_name="loyalty", verbose_name=_("guest"))
    number = models.CharField(_("member number"), max_length=20, unique=True)
    tier = models.ForeignKey(LoyaltyTier, on_delete=models.PROTECT, related_name="members", verbose_name=_("tier"))
    tier_since = models.DateField(_("tier since"), default=timezone.localdate)
    enrolled_at = models.DateTimeField(_("enrolled"), default=timezone.now)

    class Meta:
        ordering = ["number"]
        verbose_name = _("loyalty member")
        verbose_name_plural = _("loyalty members")
        permissions = [("adjust_points", _("Can adjust a member's points"))]

    def __str__(self):
        return f"{self.number} {self.guest}"


class PointsEntry(models.Model):
    """One line of the ledger. Rows are only ever added: a correction is another entry."""

    member = models.ForeignKey(LoyaltyMember, on_delete=models.CASCADE, related_name="entries", verbose_name=_("member"))
    property = models.ForeignKey(Property, on_delete=models.PROTECT, related_name="+", verbose_name=_("property"))
    kind = models.CharField(_("kind"), max_length=20, choices=PointsKind.choices)
    points = models.IntegerField(_("points"))
    reason = models.CharField(_("reason"), max_length=200)
    stay = models.ForeignKey("crm.Stay", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("stay"))
    # What gave the points elsewhere ("complaints.recovery:12"): the same source credits once.
    source = models.CharField(_("source"), max_length=60, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("by"))
    created_at = models.DateTimeField(_("when"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("points entry")
        verbose_name_plural = _("points entries")
        constraints = [
            models.CheckConstraint(condition=~Q(points=0), name="crm_points_not_zero"),
            models.CheckConstraint(condition=~Q(kind__in=["earn", "recovery"]) | Q(points__gt=0), name="crm_points_earn_positive"),
            models.CheckConstraint(condition=~Q(kind="redeem") | Q(points__lt=0), name="crm_points_redeem_negative"),
            models.UniqueConstraint(fields=["stay"], condition=Q(kind="earn"), name="crm_points_earn_once_per_stay"),
            models.UniqueConstraint(fields=["source"], condition=~Q(source=""), name="crm_points_source_once"),
        ]
        indexes = [models.Index(fields=["member", "created_at"], name="crm_points_member")]

    def __str__(self):
        return f"{self.points:+d} {self.summary}"

    @builtins.property  # `property` is a field of this model
    def summary(self):
        """The reason in the reader's language: entries the system writes keep their facts (the
        stay's dates, the case number) and are worded when shown; typed reasons as typed."""
        if self.kind == PointsKind.EARN and self.stay_id:
            return _("Stay %(arrival)s – %(departure)s") % {"arrival": self.stay.arrival, "departure": self.stay.departure}
        if self.kind == PointsKind.RECOVERY and self.source:
            return _("Service recovery for %(number)s") % {"number": self.reason}
        return self.reason


class TierChange(models.Model):
    member = models.ForeignKey(LoyaltyMember, on_delete=models.CASCADE, related_name="tier_changes", verbose_name=_("member"))
    old_tier = models.ForeignKey(LoyaltyTier, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("from"))
    new_tier = models.ForeignKey(LoyaltyTier, on_delete=models.PROTECT, related_name="+", verbose_name=_("to"))
    nights = models.PositiveIntegerField(_("nights in 12 months"), default=0)
    spend = models.DecimalField(_("spend in 12 months"), max_digits=12, decimal_places=2, default=0)
    reason = models.CharField(_("reason"), max_length=20, choices=TierChangeReason.choices)
    changed_on = models.DateField(_("date"))
    changed_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("tier change")
        verbose_name_plural = _("tier changes")
