"""Quality audits 质量检查 (SPEC §7): audit plans 监督计划 that generate due audits, the audits
themselves (each fills a checklist of the foundation's engine, `hotelqa.checklists`) and the
one-time links a mystery guest 神秘顾客 fills the audit through without a login."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _, pgettext_lazy

from hotelqa.checklists.models import ChecklistResponse, ChecklistTemplate, ChecklistVersion
from hotelqa.i18n import localized
from hotelqa.models import Department, PropertyScopedModel


def scope_label(obj):
    """Department · area · process, in the reader's language."""
    return " · ".join(str(x) for x in (obj.department, localized(obj, "area"), localized(obj, "process")) if x)


class AuditMethod(models.TextChoices):
    ON_SITE = "on_site", _("On-site check")
    MYSTERY_GUEST = "mystery_guest", _("Mystery guest")
    RECORD_REVIEW = "record_review", _("Record review")
    GUEST_SURVEY = "guest_survey", _("Guest survey")


class AuditFrequency(models.TextChoices):
    WEEKLY = "weekly", _("Weekly")
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    HALF_YEARLY = "half_yearly", _("Every six months")
    YEARLY = "yearly", _("Yearly")


class AuditStatus(models.TextChoices):
    DUE = "due", pgettext_lazy("audit status", "Due")
    IN_PROGRESS = "in_progress", _("In progress")
    SUBMITTED = "submitted", _("Submitted")
    OVERDUE = "overdue", _("Overdue")

    @classmethod
    def open_values(cls):
        return [cls.DUE, cls.IN_PROGRESS, cls.OVERDUE]


class AuditPlan(PropertyScopedModel):
    """监督计划: what is audited (department, area, process), how, how often and by whom."""

    # The scope's texts in two languages (hotelqa.i18n): readers see the one of their language.
    name = models.CharField(_("name"), max_length=150)
    name_zh = models.CharField(_("name (Chinese)"), max_length=150, blank=True)
    template = models.ForeignKey(ChecklistTemplate, on_delete=models.PROTECT, related_name="audit_plans", verbose_name=_("checklist"))
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+", verbose_name=_("department"))
    area = models.CharField(_("area"), max_length=150, blank=True, help_text=_("e.g. Lobby, front desk, 12th floor"))
    area_zh = models.CharField(_("area (Chinese)"), max_length=150, blank=True, help_text=_("e.g. 大堂、前台、12楼"))
    process = models.CharField(_("process"), max_length=150, blank=True, help_text=_("e.g. Check-in, telephone answering"))
    process_zh = models.CharField(_("process (Chinese)"), max_length=150, blank=True, help_text=_("e.g. 入住登记、接听电话"))
    method = models.CharField(_("method"), max_length=20, choices=AuditMethod.choices, default=AuditMethod.ON_SITE)
    frequency = models.CharField(_("frequency"), max_length=20, choices=AuditFrequency.choices, default=AuditFrequency.MONTHLY)
    inspector = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("responsible inspector")
    )
    starts_on = models.DateField(_("starts on"), default=timezone.localdate)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    window_days = models.PositiveSmallIntegerField(
        _("days to complete"), default=7, help_text=_("An audit is due this many days after its period opens.")
    )
    is_active = models.BooleanField(_("active"), default=True)
    generated_until = models.DateField(_("generated until"), null=True, blank=True, help_text=_("Start of the last period created."))
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("audit plan")
        verbose_name_plural = _("audit plans")
        constraints = [models.CheckConstraint(condition=Q(window_days__gte=1), name="audit_plan_window_positive")]

    def __str__(self):
        return localized(self, "name")

    def get_absolute_url(self):
        return reverse("audits:plan_detail", args=[self.pk])

    @property
    def scope_label(self):
        return scope_label(self)


class Audit(PropertyScopedModel):
    """One audit of one plan period (or an unplanned one): a filled checklist with its score."""

    plan = models.ForeignKey(AuditPlan, on_delete=models.PROTECT, null=True, blank=True, related_name="audits", verbose_name=_("plan"))
    version = models.ForeignKey(ChecklistVersion, on_delete=models.PROTECT, related_name="audits", verbose_name=_("checklist"))
    method = models.CharField(_("method"), max_length=20, choices=AuditMethod.choices, default=AuditMethod.ON_SITE)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="+", verbose_name=_("department"))
    # Copied from the plan in both languages; an unplanned audit keeps what its inspector typed.
    area = models.CharField(_("area"), max_length=150, blank=True)
    area_zh = models.CharField(_("area (Chinese)"), max_length=150, blank=True)
    process = models.CharField(_("process"), max_length=150, blank=True)
    process_zh = models.CharField(_("process (Chinese)"), max_length=150, blank=True)
    period_start = models.DateField(_("period starts"))
    due_at = models.DateTimeField(_("due by"))
    status = models.CharField(_("status"), max_length=20, choices=AuditStatus.choices, default=AuditStatus.DUE)
    inspector = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("inspector"))
    response = models.OneToOneField(ChecklistResponse, on_delete=models.PROTECT, null=True, blank=True, related_name="audit")
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("submitted by"))
    score = models.DecimalField(_("score (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True)
    critical_failed = models.BooleanField(_("critical item failed"), default=False)
    # A mystery guest's visit: when it happened and who the auditor was (never shown to staff).
    visited_at = models.DateTimeField(_("visit"), null=True, blank=True)
    auditor_name = models.CharField(_("auditor"), max_length=150, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["-due_at", "-id"]
        verbose_name = _("audit")
        verbose_name_plural = _("audits")
        permissions = [("view_auditor_identity", _("Can see who a mystery guest auditor was"))]
        constraints = [
            # Makes the generator idempotent: a plan's period exists once.
            models.UniqueConstraint(fields=["plan", "period_start"], condition=Q(plan__isnull=False), name="audit_unique_period"),
        ]
        indexes = [
            models.Index(fields=["property", "status", "due_at"], name="audit_status_due"),
            models.Index(fields=["property", "submitted_at"], name="audit_submitted"),
            # The audit list's order (latest due first): its page is read from the index.
            models.Index(fields=["property", "due_at", "id"], name="audit_due"),
        ]

    def __str__(self):
        return f"{self.number} {self.version.template}"

    @property
    def number(self):
        return f"AU-{self.pk:05d}" if self.pk else "AU-new"

    def get_absolute_url(self):
        return reverse("audits:audit_detail", args=[self.pk])

    @property
    def is_editable(self):
        return self.status != AuditStatus.SUBMITTED

    @property
    def is_mystery(self):
        return self.method == AuditMethod.MYSTERY_GUEST

    @property
    def on_time(self):
        return self.submitted_at is not None and self.submitted_at <= self.due_at

    @property
    def scope_label(self):
        return scope_label(self)


class MysteryGuestLink(models.Model):
    """The tokenized link a visiting mystery guest fills the audit through, once, without a login."""

    audit = models.OneToOneField(Audit, on_delete=models.CASCADE, related_name="mystery_link")
    token = models.CharField(max_length=64, unique=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(_("valid until"))
    used_at = models.DateTimeField(_("used"), null=True, blank=True)

    class Meta:
        verbose_name = _("mystery-guest link")
        verbose_name_plural = _("mystery-guest links")

    def __str__(self):
        return f"{self.audit.number}"

    @property
    def is_usable(self):
        return self.used_at is None and self.expires_at > timezone.now()
