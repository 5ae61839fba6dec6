"""Findings and corrective actions 整改 (003 §7.3): each failed item of a submitted audit is a
finding; its corrective action runs plan → do → check → act on the foundation's workflow engine
(`hotelqa.workflow`), with evidence, a verification by someone other than its owner, and the
foundation's deadline watch (`hotelqa.watch`, source `audits.corrective_action`: one
`hotelqa.Escalation` row per step sent)."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hotelqa.checklists.models import ChecklistAnswer, ChecklistItem
from hotelqa.i18n import localized
from hotelqa.models import Department, PropertyScopedModel, StaffMember
from hotelqa.uploads import random_filename, validate_image_upload
from hotelqa.workflow import StatusHistory, VersionedModel

from .audits import Audit


class ActionStatus(models.TextChoices):
    PLAN = "plan", pgettext_lazy("PDCA step", "Plan")
    DO = "do", pgettext_lazy("PDCA step", "Do")
    CHECK = "check", pgettext_lazy("PDCA step", "Check")
    ACT = "act", pgettext_lazy("PDCA step", "Act (closed)")

    @classmethod
    def open_values(cls):
        return [cls.PLAN, cls.DO, cls.CHECK]


class EscalationLevel(models.IntegerChoices):
    """The deadline watch's steps for an action (`hotelqa.watch` levels)."""

    WARNING = 0, _("Due soon")
    ESCALATION = 1, _("Overdue")


class Finding(PropertyScopedModel):
    """A failed item of a submitted audit."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="findings", verbose_name=_("audit"))
    answer = models.OneToOneField(ChecklistAnswer, on_delete=models.PROTECT, related_name="audit_finding")
    item = models.ForeignKey(ChecklistItem, on_delete=models.PROTECT, related_name="+", verbose_name=_("item"))
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+", verbose_name=_("department"))
    critical = models.BooleanField(_("critical"), default=False)
    # The same item text failed in the same department within the look-back period before.
    is_repeat = models.BooleanField(_("repeat finding"), default=False)
    staff = models.ManyToManyField(StaffMember, blank=True, related_name="audit_findings", verbose_name=_("people involved"))
    # Training proposed for the people involved because the item names a standard.
    training_proposed_at = models.DateTimeField(_("training proposed"), null=True, blank=True)
    training_proposal = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(_("found"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "id"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        indexes = [
            models.Index(fields=["property", "created_at"], name="finding_created"),
            models.Index(fields=["department", "item", "created_at"], name="finding_repeat_lookup"),
        ]

    def __str__(self):
        return self.display_text

    @property
    def display_text(self):
        return localized(self.item, "text")

    @property
    def display_standard(self):
        return localized(self.item, "standard")


def action_photo_path(instance, filename):
    return f"corrective/{instance.action.property_id}/{instance.action_id}/{random_filename(filename)}"


class CorrectiveAction(VersionedModel, PropertyScopedModel):
    """整改措施: who fixes a finding, by when, and the PDCA step it is at."""

    finding = models.OneToOneField(Finding, on_delete=models.CASCADE, related_name="action", verbose_name=_("finding"))
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+", verbose_name=_("department"))
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("owner"))
    due_at = models.DateTimeField(_("due"))
    status = models.CharField(_("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.PLAN)
    plan = models.TextField(_("planned measure"), blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    submitted_at = models.DateTimeField(_("sent for checking"), null=True, blank=True)
    verified_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("verified by"))
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    # Warnings and escalations the deadline watch sent (hotelqa.watch); deleted with the action.
    escalations = GenericRelation("hotelqa.Escalation")
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["due_at", "id"]
        verbose_name = _("corrective action")
        verbose_name_plural = _("corrective actions")
        permissions = [("verify_correctiveaction", _("Can verify or send back corrective actions"))]
        indexes = [
            models.Index(fields=["property", "status", "due_at"], name="action_status_due"),
            models.Index(fields=["property", "closed_at"], name="action_closed"),
            models.Index(fields=["owner", "status"], name="action_owner"),
            # The corrective-action list's order (earliest due first): its page is read from the index.
            models.Index(fields=["property", "due_at", "id"], name="action_due"),
            # Open actions by due date (the overdue list, the deadline watch): closed ones are most rows.
            models.Index(fields=["property", "due_at", "id"], name="action_open_due",
                         condition=models.Q(status__in=["plan", "do", "check"])),
        ]

    def __str__(self):
        return f"{self.number} {self.finding}"

    @property
    def number(self):
        return f"CA-{self.pk:05d}" if self.pk else "CA-new"

    def get_absolute_url(self):
        return reverse("audits:action_detail", args=[self.pk])

    @property
    def is_open(self):
        return self.status != ActionStatus.ACT

    @property
    def is_overdue(self):
        return self.is_open and self.due_at < timezone.now()


class CorrectiveActionPhoto(models.Model):
    action = models.ForeignKey(CorrectiveAction, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to=action_photo_path, validators=[validate_image_upload])
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("evidence photo")
        verbose_name_plural = _("evidence photos")


class CorrectiveActionHistory(StatusHistory):
    action = models.ForeignKey(CorrectiveAction, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(_("from"), max_length=20, choices=ActionStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=ActionStatus.choices)

    class Meta(StatusHistory.Meta):
        verbose_name = _("corrective-action history")
        verbose_name_plural = _("corrective-action history")
