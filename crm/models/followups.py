"""Follow-ups 回访/关怀: thank-you after a stay, birthday, lapsed-guest win-back. Each is made
once (the unique key) by the hourly job and worked from the front desk's list."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hotelqa.models import PropertyScopedModel


class FollowUpKind(models.TextChoices):
    THANK_YOU = "thank_you", _("Post-stay thank-you")
    BIRTHDAY = "birthday", _("Birthday greeting")
    WIN_BACK = "win_back", _("Win-back of a lapsed guest")


MARKETING_KINDS = {FollowUpKind.BIRTHDAY, FollowUpKind.WIN_BACK}


class FollowUpOutcome(models.TextChoices):
    REACHED = "reached", _("Reached the guest")
    MESSAGE = "message", _("Left a message")
    NO_ANSWER = "no_answer", _("No answer")
    DECLINED = "declined", _("Guest did not want contact")
    WRONG_CONTACT = "wrong_contact", _("Wrong contact details")


class FollowUp(PropertyScopedModel):
    guest = models.ForeignKey("crm.Guest", on_delete=models.CASCADE, related_name="followups", verbose_name=_("guest"))
    kind = models.CharField(_("kind"), max_length=20, choices=FollowUpKind.choices)
    stay = models.ForeignKey("crm.Stay", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("stay"))
    key = models.CharField(max_length=80, editable=False)  # what makes it once: "thank_you:stay:12"
    due_on = models.DateField(_("due"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=FollowUpOutcome.choices, blank=True)
    note = models.TextField(_("note"), blank=True)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("done by"))
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["due_on", "pk"]
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        constraints = [models.UniqueConstraint(fields=["property", "key"], name="crm_followup_once")]
        indexes = [models.Index(fields=["property", "done_at", "due_on"], name="crm_followup_list")]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.guest}"

    @property
    def is_done(self):
        return self.done_at is not None
