"""Training (SPEC §5): courses, the annual plan, sessions with attendance and assessment,
certificates, training needs (proposals) and the reminders sent about them.

Staff records are the foundation's (`hotelqa.StaffMember`); everything here points to them."""

import secrets

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _, pgettext_lazy

from hotelqa.models import Department, PropertyScopedModel, StaffMember

from .choices import (
    CheckIn,
    CourseCategory,
    CourseFormat,
    PlanSource,
    PlanStatus,
    ProposalSource,
    ProposalStatus,
    ReminderKind,
    SessionStatus,
)

SCORE = [MinValueValidator(0), MaxValueValidator(100)]


def new_token():
    return secrets.token_urlsafe(16)


class Course(PropertyScopedModel):
    code = models.CharField(_("code"), max_length=30)
    name = models.CharField(_("name"), max_length=200)
    name_zh = models.CharField(_("Chinese name"), max_length=200, blank=True)
    category = models.CharField(_("category"), max_length=20, choices=CourseCategory.choices)
    format = models.CharField(_("format"), max_length=20, choices=CourseFormat.choices, default=CourseFormat.INTERNAL)
    duration_hours = models.DecimalField(_("duration (hours)"), max_digits=5, decimal_places=1, default=2,
                                         validators=[MinValueValidator(0.5), MaxValueValidator(200)])
    pass_mark = models.PositiveSmallIntegerField(_("pass mark"), default=60, validators=SCORE)
    validity_months = models.PositiveSmallIntegerField(
        _("certificate valid for (months)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("Leave empty when the course gives no certificate."),
    )
    is_pre_job = models.BooleanField(_("pre-job training"), default=False, help_text=_("Counts towards the 15 days of pre-job training (岗前培训)."))
    is_rotation = models.BooleanField(_("rotation training"), default=False, help_text=_("Counts as the rotation training due every 2 years (岗位轮训)."))
    # Complaint categories (complaints.choices.Category values) the course addresses: a rise in
    # them proposes the course, and its effectiveness is read from them.
    complaint_categories = models.JSONField(_("complaint categories addressed"), default=list, blank=True)
    # Standards (checklist item standards, audit standards) the course teaches, one per line.
    standards = models.TextField(_("standards taught"), blank=True, help_text=_("One per line; a failed inspection item naming one proposes this course."))
    description = models.TextField(_("content"), blank=True)
    description_zh = models.TextField(_("Chinese content"), blank=True)
    is_active = models.BooleanField(_("offered"), default=True, help_text=_("A retired course keeps its history but gets no new sessions."))

    class Meta:
        ordering = ["property", "category", "code"]
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        permissions = [
            ("view_own_training", "Can see their own training record"),
            ("record_attendance", "Can record attendance and scores"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["property", "code"], name="training_course_unique_code"),
            models.CheckConstraint(condition=Q(pass_mark__gte=0, pass_mark__lte=100), name="training_course_pass_mark_0_100"),
        ]

    def __str__(self):
        from hotelqa.i18n import localized

        return f"{self.code} · {localized(self, 'name')}"

    def get_absolute_url(self):
        return reverse("training:course_detail", args=[self.pk])

    def standard_list(self):
        return [s.strip() for s in self.standards.splitlines() if s.strip()]


class PlanItem(PropertyScopedModel):
    """One course planned for one person by a date: the annual plan is the year's items."""

    year = models.PositiveSmallIntegerField(_("year"), db_index=True)
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="plan_items", verbose_name=_("course"))
    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="plan_items", verbose_name=_("staff member"))
    department = models.ForeignKey(Department, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("department"))
    due_on = models.DateField(_("due by"))
    status = models.CharField(_("status"), max_length=20, choices=PlanStatus.choices, default=PlanStatus.PLANNED)
    source = models.CharField(_("source"), max_length=20, choices=PlanSource.choices, default=PlanSource.PLAN)
    proposal = models.ForeignKey("Proposal", on_delete=models.SET_NULL, null=True, blank=True, related_name="plan_items", verbose_name=_("training need"))
    done_on = models.DateField(_("done on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["due_on", "staff__name"]
        verbose_name = _("plan item")
        verbose_name_plural = _("plan items")
        constraints = [
            # One open item per person and course: planning it again joins the one there is.
            models.UniqueConstraint(fields=["staff", "course"], condition=Q(status="planned"), name="training_plan_one_open_per_course"),
        ]
        indexes = [
            models.Index(fields=["property", "year", "department"], name="training_plan_year_dept"),
            models.Index(fields=["property", "status", "due_on"], name="training_plan_due"),
        ]

    def __str__(self):
        return f"{self.staff} · {self.course.code} · {self.due_on}"

    @property
    def is_overdue(self):
        return self.status == PlanStatus.PLANNED and self.due_on < timezone.localdate()


class Session(PropertyScopedModel):
    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("course"))
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts at"), null=True, blank=True)
    trainer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="training_sessions", verbose_name=_("trainer"))
    place = models.CharField(_("place"), max_length=120, blank=True)
    format = models.CharField(_("format"), max_length=20, choices=CourseFormat.choices, default=CourseFormat.INTERNAL)
    status = models.CharField(_("status"), max_length=20, choices=SessionStatus.choices, default=SessionStatus.PLANNED)
    # The key of the QR code shown in the room: staff scanning it check themselves in.
    checkin_token = models.CharField(max_length=40, default=new_token, unique=True, editable=False)
    notes = models.TextField(_("notes"), blank=True)
    cancel_reason = models.TextField(_("reason for cancelling"), blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    cancelled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("cancelled by"))
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["-date", "-start_time"]
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        indexes = [models.Index(fields=["property", "date"], name="training_session_date")]

    def __str__(self):
        return f"{self.course} · {self.date}"

    def get_absolute_url(self):
        return reverse("training:session_detail", args=[self.pk])


class Attendance(models.Model):
    """An invitation to a session, then whether the person came and their assessment score."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances", verbose_name=pgettext_lazy("training", "session"))
    # The session's property, kept on the row so lists and KPIs of a property read one table.
    property = models.ForeignKey("hotelqa.Property", on_delete=models.PROTECT, related_name="+", verbose_name=_("property"))
    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("staff member"))
    attended = models.BooleanField(_("attended"), default=False)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    check_in = models.CharField(_("checked in by"), max_length=10, choices=CheckIn.choices, blank=True)
    score_before = models.DecimalField(_("score before"), max_digits=5, decimal_places=1, null=True, blank=True, validators=SCORE)
    score = models.DecimalField(_("score"), max_digits=5, decimal_places=1, null=True, blank=True, validators=SCORE)
    passed = models.BooleanField(_("passed"), null=True, blank=True)
    plan_item = models.ForeignKey(PlanItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="attendances", verbose_name=_("plan item"))

    class Meta:
        ordering = ["staff__name"]
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "staff"], name="training_attendance_once"),
            models.CheckConstraint(condition=Q(score__isnull=True) | Q(score__gte=0, score__lte=100), name="training_attendance_score_0_100"),
            models.CheckConstraint(condition=Q(score_before__isnull=True) | Q(score_before__gte=0, score_before__lte=100), name="training_attendance_before_0_100"),
        ]
        indexes = [models.Index(fields=["staff", "attended"], name="training_attendance_staff")]

    def __str__(self):
        return f"{self.staff} @ {self.session}"


class Certification(PropertyScopedModel):
    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="certifications", verbose_name=_("staff member"))
    course = models.ForeignKey(Course, on_delete=models.SET_NULL, null=True, blank=True, related_name="certifications", verbose_name=_("course"))
    name = models.CharField(_("certificate"), max_length=200)
    issued_on = models.DateField(_("issued on"))
    expires_on = models.DateField(_("expires on"), null=True, blank=True)
    attendance = models.OneToOneField(Attendance, on_delete=models.SET_NULL, null=True, blank=True, related_name="certification", verbose_name=_("attendance"))

    class Meta:
        ordering = ["expires_on", "staff__name"]
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")
        constraints = [
            models.CheckConstraint(condition=Q(expires_on__isnull=True) | Q(expires_on__gte=models.F("issued_on")), name="training_cert_expiry_after_issue"),
        ]
        indexes = [models.Index(fields=["property", "expires_on"], name="training_cert_expiry")]

    def __str__(self):
        return f"{self.name} · {self.staff}"

    def clean(self):
        if self.expires_on and self.issued_on and self.expires_on < self.issued_on:
            raise ValidationError({"expires_on": _("A certificate cannot expire before it is issued.")})

    @property
    def is_expired(self):
        return self.expires_on is not None and self.expires_on < timezone.localdate()


class Proposal(PropertyScopedModel):
    """A training need found elsewhere in the product: the trainer accepts it (it joins the
    plan for its people) or dismisses it with a reason."""

    source = models.CharField(_("source"), max_length=20, choices=ProposalSource.choices)
    course = models.ForeignKey(Course, on_delete=models.PROTECT, null=True, blank=True, related_name="proposals", verbose_name=_("course"))
    department = models.ForeignKey(Department, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("department"))
    staff = models.ManyToManyField(StaffMember, blank=True, related_name="training_proposals", verbose_name=_("staff"))
    # What it came from (a case, an inspection, an audit finding); a trend has none.
    origin_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    origin_id = models.PositiveBigIntegerField(null=True, blank=True)
    origin = GenericForeignKey("origin_type", "origin_id")
    # For proposals without an origin record (a trend): what makes them one, e.g. "dept:4:attitude:2026-11".
    key = models.CharField(max_length=120, blank=True)
    reason = models.TextField(_("why"), blank=True)
    # The system's own reason, as a structured event shown in the reader's language (hotelqa.events).
    event = models.JSONField(default=dict, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=ProposalStatus.choices, default=ProposalStatus.OPEN)
    dismissed_reason = models.TextField(_("reason for dismissing"), blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("decided by"))
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    due_on = models.DateField(_("train by"), null=True, blank=True)
    # Who entered a need by hand (source "manual"); the product's own proposals have nobody.
    proposed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("proposed by"))
    created_at = models.DateTimeField(_("proposed"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("training need")
        verbose_name_plural = _("training needs")
        constraints = [
            models.UniqueConstraint(fields=["origin_type", "origin_id", "course"], condition=Q(origin_id__isnull=False), name="training_proposal_once_per_origin"),
            models.UniqueConstraint(fields=["property", "key"], condition=~Q(key=""), name="training_proposal_once_per_key"),
        ]
        indexes = [
            models.Index(fields=["property", "status"], name="training_proposal_status"),
            models.Index(fields=["origin_type", "origin_id"], name="training_proposal_origin"),
        ]

    def __str__(self):
        return f"{self.get_source_display()} · {self.course or '—'}"

    def get_absolute_url(self):
        return reverse("training:proposal_detail", args=[self.pk])

    @property
    def why(self):
        from hotelqa import events

        return events.render(self.event) if self.event else self.reason


class Reminder(models.Model):
    """One reminder sent: the unique constraint makes a second, late or concurrent run send nothing twice."""

    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="training_reminders", verbose_name=_("staff member"))
    kind = models.CharField(_("kind"), max_length=20, choices=ReminderKind.choices)
    item = models.CharField(_("item"), max_length=60)  # "cert:12", "plan:7", "rotation:2026-03-01", "prejob"
    stage = models.CharField(_("stage"), max_length=20)  # "30d", "due", "overdue"
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("training reminder")
        verbose_name_plural = _("training reminders")
        constraints = [models.UniqueConstraint(fields=["staff", "kind", "item", "stage"], name="training_reminder_once")]

    def __str__(self):
        return f"{self.staff} · {self.get_kind_display()} · {self.stage}"
