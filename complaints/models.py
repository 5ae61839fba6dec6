"""One case engine for complaints, service requests and incidents (SPEC §4)."""

from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hotelqa import events
from hotelqa.choices import DepartmentKind, Role
from hotelqa.models import Department, Property, PropertyScopedModel
from hotelqa.workflow import StatusHistory, VersionedModel

from .choices import (
    DEFAULT_CLOSERS,
    ApprovalStatus,
    CaseKind,
    CaseStatus,
    Category,
    Channel,
    DeadlineKind,
    EventKind,
    Grade,
    RecoveryKind,
    RevisitOutcome,
    RootCause,
)
from .events import CHANGE_KINDS  # noqa: F401  (registers the case engine's event kinds)

FINAL_STATUSES = {CaseStatus.CLOSED, CaseStatus.CONFIRMED}


class ComplaintSettings(models.Model):
    """Per-property settings of the case engine; a property without a row uses the defaults."""

    property = models.OneToOneField(Property, on_delete=models.CASCADE, related_name="complaint_settings", verbose_name=_("property"))
    revisit_after_hours = models.PositiveIntegerField(_("revisit after (hours)"), default=72, help_text=_("Time between closing a complaint and the revisit call."))
    closing_roles = models.CharField(
        _("who closes complaints"), max_length=200, default=DEFAULT_CLOSERS,
        help_text=_("Who may close a complaint with the guest's feedback. By default the front desk, guest relations and supervisors, not the person who did the repair."),
    )
    warn_before_percent = models.PositiveSmallIntegerField(
        _("warn before deadline (%)"), default=20, validators=[MaxValueValidator(90)],
        help_text=_("The assignee is warned when this share of the allowed time is left."),
    )

    class Meta:
        verbose_name = _("complaint settings")
        verbose_name_plural = _("complaint settings")

    def __str__(self):
        return str(self.property)


class RoutingRule(PropertyScopedModel):
    """Keywords that, found in a new case's text, suggest its category and department (first match
    in `order` wins). Edited by admins per property; seeded from `rules.DEFAULT_RULES`."""

    order = models.PositiveSmallIntegerField(_("order"), default=100, help_text=_("Rules are tried from the lowest number up; the first match wins."))
    keywords = models.TextField(_("keywords"), help_text=_("English and Chinese words, separated by commas or new lines. English words match at the start of a word."))
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    department_kind = models.CharField(_("department"), max_length=20, choices=DepartmentKind.choices)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["property", "order", "pk"]
        verbose_name = _("routing rule")
        verbose_name_plural = _("routing rules")

    def __str__(self):
        return f"{self.order}: {self.get_category_display()} → {self.get_department_kind_display()}"

    def clean(self):
        from django.core.exceptions import ValidationError

        from .rules import split_keywords

        if not split_keywords(self.keywords):
            raise ValidationError({"keywords": _("Give at least one keyword.")})


class SlaPolicy(PropertyScopedModel):
    """Response and resolution targets per property, case kind and grade (grade empty: any)."""

    kind = models.CharField(_("kind"), max_length=20, choices=CaseKind.choices)
    grade = models.CharField(_("grade"), max_length=20, choices=Grade.choices, blank=True)
    response_minutes = models.PositiveIntegerField(_("first response (minutes)"))
    resolution_minutes = models.PositiveIntegerField(_("resolution (minutes)"))

    class Meta:
        verbose_name = _("SLA")
        verbose_name_plural = _("SLAs")
        constraints = [models.UniqueConstraint(fields=["property", "kind", "grade"], name="complaints_sla_unique")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.get_grade_display()}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.kind == CaseKind.REQUEST and self.grade:
            raise ValidationError({"grade": _("Service requests have one target for all grades: leave the grade empty.")})
        if self.kind != CaseKind.REQUEST and not self.grade:
            raise ValidationError({"grade": _("Complaints and incidents have targets per grade.")})


class ServiceCalendar(PropertyScopedModel):
    """When a department works, for counting deadlines. Without one, a department works 24/7."""

    department = models.OneToOneField(Department, on_delete=models.CASCADE, related_name="service_calendar", verbose_name=_("department"))
    always_open = models.BooleanField(_("24/7"), default=True, help_text=_("Untick to count only the hours below, skipping holidays."))

    class Meta:
        verbose_name = _("service calendar")
        verbose_name_plural = _("service calendars")

    def __str__(self):
        return str(self.department)

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.department_id and self.property_id and self.department.property_id != self.property_id:
            raise ValidationError({"department": _("The department belongs to another property.")})


class ServiceHours(models.Model):
    calendar = models.ForeignKey(ServiceCalendar, on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=[(0, _("Monday")), (1, _("Tuesday")), (2, _("Wednesday")), (3, _("Thursday")), (4, _("Friday")), (5, _("Saturday")), (6, _("Sunday"))])
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        ordering = ["weekday", "opens"]
        verbose_name = _("service hours")
        verbose_name_plural = _("service hours")
        constraints = [models.CheckConstraint(condition=Q(closes__gt=models.F("opens")), name="complaints_hours_close_after_open")]


class Holiday(models.Model):
    calendar = models.ForeignKey(ServiceCalendar, on_delete=models.CASCADE, related_name="holidays")
    date = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=80, blank=True)

    class Meta:
        ordering = ["date"]
        verbose_name = _("holiday")
        verbose_name_plural = _("holidays")
        constraints = [models.UniqueConstraint(fields=["calendar", "date"], name="complaints_holiday_unique")]


class CaseCounter(models.Model):
    """Last case number used per property and year (numbers are human-readable, never reused)."""

    property = models.ForeignKey(Property, on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["property", "year"], name="complaints_counter_unique")]


class Case(VersionedModel, PropertyScopedModel):
    number = models.CharField(_("number"), max_length=30, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=CaseKind.choices, default=CaseKind.COMPLAINT)
    status = models.CharField(_("status"), max_length=20, choices=CaseStatus.choices)
    # Step 1 — received.
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, default=Channel.IN_PERSON)
    received_at = models.DateTimeField(_("received"), default=timezone.now)
    apology_confirmed = models.BooleanField(_("apology given"), default=False)
    # Step 2 — recorded.
    guest = models.ForeignKey("crm.Guest", on_delete=models.PROTECT, null=True, blank=True, related_name="cases", verbose_name=_("guest"))
    stay = models.ForeignKey("crm.Stay", on_delete=models.SET_NULL, null=True, blank=True, related_name="cases", verbose_name=_("stay"))
    room = models.ForeignKey("crm.Room", on_delete=models.SET_NULL, null=True, blank=True, related_name="cases", verbose_name=_("room"))
    room_number = models.CharField(_("room"), max_length=20, blank=True)
    description = models.TextField(_("what happened"))
    # The same account in the other language (Chinese or English), typed by staff: never machine-made.
    # Readers see the one in their language first and the original a click away.
    description_translation = models.TextField(
        _("what happened, in the other language"), max_length=4000, blank=True, default="", db_default="",
        help_text=_("Typed by staff for colleagues who read the other language; leave empty if nobody has translated it."),
    )
    staff_involved = models.CharField(_("staff involved"), max_length=200, blank=True)
    # The staff records of the people involved (the investigation names them; a staff error proposes their retraining).
    staff_members = models.ManyToManyField("hotelqa.StaffMember", blank=True, related_name="cases", verbose_name=_("staff members involved"))
    # Step 3 — classified.
    category = models.CharField(_("category"), max_length=20, choices=Category.choices, blank=True)
    grade = models.CharField(_("grade"), max_length=20, choices=Grade.choices, default=Grade.GENERAL)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("department"))
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="assigned_cases", verbose_name=_("assignee"))
    # Step 4 — investigated (incidents: containment first).
    containment = models.TextField(_("containment actions"), blank=True)
    findings = models.TextField(_("findings"), blank=True)
    root_cause = models.CharField(_("root cause"), max_length=20, choices=RootCause.choices, blank=True)
    # Step 5 — solution.
    actions_taken = models.TextField(_("actions taken"), blank=True)
    guest_accepted = models.BooleanField(_("guest accepted the solution"), null=True, blank=True)
    # Step 6 — closed with feedback.
    result_told = models.BooleanField(_("result told to the guest"), default=False)
    satisfaction = models.PositiveSmallIntegerField(_("guest satisfaction (1–5)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(5)])
    # Deadlines and the times they are measured by.
    response_due = models.DateTimeField(_("response due"), null=True, blank=True)
    resolution_due = models.DateTimeField(_("resolution due"), null=True, blank=True)
    first_response_at = models.DateTimeField(_("first response"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved"), null=True, blank=True)
    reopen_count = models.PositiveSmallIntegerField(_("times reopened"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("logged by"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Warnings and escalations the deadline watch sent (hotelqa.watch); deleted with the case.
    escalations = GenericRelation("hotelqa.Escalation")

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        permissions = [
            ("assign_case", "Can classify and assign cases"),
            ("work_case", "Can investigate and resolve cases"),
            ("approve_recoveryaction", "Can approve service recovery above the limit"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["property", "number"], name="complaints_case_unique_number"),
            models.CheckConstraint(condition=Q(satisfaction__isnull=True) | Q(satisfaction__gte=1, satisfaction__lte=5), name="complaints_case_satisfaction_1_5"),
        ]
        indexes = [
            models.Index(fields=["property", "status"], name="complaints_case_status"),
            models.Index(fields=["property", "received_at"], name="complaints_case_received"),
            models.Index(fields=["department", "status"], name="complaints_case_department"),
            models.Index(fields=["assignee", "status"], name="complaints_case_assignee"),
            # Open cases are a small share of a property's history: the "open only" list and the
            # department queue read them from these partial indexes instead of every case.
            models.Index(fields=["property", "received_at"], condition=~Q(status__in=["closed", "confirmed"]), name="complaints_case_open"),
            models.Index(fields=["department", "resolution_due"], condition=~Q(status__in=["closed", "confirmed"]), name="complaints_case_open_queue"),
            # The list's most used filters (complaints, by grade): its count reads this index alone.
            models.Index(fields=["property", "kind", "grade"], name="complaints_case_kind_grade"),
            # The KPIs counted by first answer and by resolution (snapshots, the KPI page's list of
            # the records behind a figure, newest first) read a period of these, not every case.
            models.Index(fields=["property", "first_response_at"], name="complaints_case_first_response"),
            models.Index(fields=["property", "resolved_at"], name="complaints_case_resolved"),
        ]

    def __str__(self):
        return self.number

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("complaints:case_detail", args=[self.pk])

    @property
    def is_open(self):
        return self.status not in FINAL_STATUSES

    def next_deadline(self):
        """(kind, due) of the deadline that still runs, or (None, None)."""
        if not self.is_open:
            return None, None
        if self.first_response_at is None and self.response_due:
            return DeadlineKind.RESPONSE, self.response_due
        if self.resolved_at is None and self.resolution_due:
            return DeadlineKind.RESOLUTION, self.resolution_due
        return None, None

    def is_overdue(self, now=None):
        _kind, due = self.next_deadline()
        return bool(due and due < (now or timezone.now()))


def case_photo_path(instance, filename):
    from hotelqa.uploads import random_filename

    return f"cases/{instance.case.property_id}/{random_filename(filename)}"


class CasePhoto(models.Model):
    """A photo taken when the case is logged (the broken lamp, the stain) or while it is worked."""

    case = models.ForeignKey("Case", on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to=case_photo_path)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("case photo")
        verbose_name_plural = _("case photos")


class CaseEvent(StatusHistory):
    """The case's timeline: every state change (the workflow engine's history row, kind
    "transition"), assignment, grade or deadline change, with who and when."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    from_status = models.CharField(max_length=20, choices=CaseStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=CaseStatus.choices, blank=True)
    field = models.CharField(max_length=40, blank=True)
    old_value = models.CharField(max_length=200, blank=True)
    new_value = models.CharField(max_length=200, blank=True)

    class Meta(StatusHistory.Meta):
        verbose_name = _("case event")
        verbose_name_plural = _("case events")

    @property
    def summary(self):
        return events.render(self.event)


class RecoveryLimit(PropertyScopedModel):
    """How much service recovery a role may give on its own; above it a supervisor or manager approves."""

    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    max_cost = models.DecimalField(_("limit"), max_digits=10, decimal_places=2)

    class Meta:
        verbose_name = _("recovery cost limit")
        verbose_name_plural = _("recovery cost limits")
        constraints = [models.UniqueConstraint(fields=["property", "role"], name="complaints_recovery_limit_unique")]

    def __str__(self):
        return f"{self.get_role_display()}: {self.max_cost}"


class RecoveryAction(PropertyScopedModel):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="recovery_actions")
    kind = models.CharField(_("recovery"), max_length=20, choices=RecoveryKind.choices)
    description = models.CharField(_("details"), max_length=200, blank=True)
    cost = models.DecimalField(_("cost"), max_digits=10, decimal_places=2, default=0, validators=[MinValueValidator(0)])
    guest_accepted = models.BooleanField(_("guest accepted"), default=False)
    approval = models.CharField(_("approval"), max_length=20, choices=ApprovalStatus.choices)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("recovery action")
        verbose_name_plural = _("recovery actions")
        indexes = [models.Index(fields=["property", "approval", "created_at"], name="complaints_recovery_cost")]

    def __str__(self):
        return f"{self.case} · {self.get_kind_display()}"

    def get_absolute_url(self):
        return self.case.get_absolute_url()

    @property
    def counts(self):
        return self.approval in (ApprovalStatus.NOT_NEEDED, ApprovalStatus.APPROVED)


class Revisit(PropertyScopedModel):
    """A call back to the guest after a complaint is closed (回访); a row with a due time, swept hourly."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="revisits")
    due_at = models.DateTimeField(_("due"))
    listed_at = models.DateTimeField(_("on the revisit list since"), null=True, blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=RevisitOutcome.choices, blank=True)
    note = models.TextField(_("note"), blank=True)  # what the caller typed
    event = models.JSONField(default=dict, blank=True)  # what the system says (a cancelled revisit)
    done_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    done_at = models.DateTimeField(pgettext_lazy("time when", "done"), null=True, blank=True)

    class Meta:
        ordering = ["due_at"]
        verbose_name = _("revisit")
        verbose_name_plural = _("revisits")
        constraints = [
            models.UniqueConstraint(fields=["case"], condition=Q(done_at__isnull=True), name="complaints_one_open_revisit"),
        ]
        indexes = [models.Index(fields=["property", "done_at", "due_at"], name="complaints_revisit_due")]

    def __str__(self):
        return f"{self.case} · {timezone.localtime(self.due_at):%Y-%m-%d}"

    def get_absolute_url(self):
        return self.case.get_absolute_url()

    @property
    def summary(self):
        """The note in the reader's language: the system's event, then what was typed."""
        return " ".join(t for t in (events.render(self.event), self.note) if t)


DEFAULT_SLA_MINUTES = {
    (CaseKind.COMPLAINT, Grade.URGENT): (15, 4 * 60),
    (CaseKind.COMPLAINT, Grade.MAJOR): (60, 24 * 60),
    (CaseKind.COMPLAINT, Grade.GENERAL): (24 * 60, 48 * 60),
    (CaseKind.INCIDENT, Grade.URGENT): (15, 4 * 60),
    (CaseKind.INCIDENT, Grade.MAJOR): (60, 24 * 60),
    (CaseKind.INCIDENT, Grade.GENERAL): (24 * 60, 48 * 60),
    (CaseKind.REQUEST, ""): (15, 30),
}

DEFAULT_RECOVERY_LIMITS = {
    Role.FRONT_DESK: 200,
    Role.STAFF: 200,
    Role.SUPERVISOR: 1000,
    Role.MANAGER: 10000,
    Role.ADMIN: 10000,
}


def default_warn_lead(start, due, percent=20):
    return max(timedelta(minutes=5), (due - start) * percent / 100)


class GuestPageSubmission(models.Model):
    """One accepted message from a room's guest page. The page's limits count these rows, so they
    hold without the cache, and refused or invalid posts use up nothing."""

    room = models.ForeignKey("crm.Room", on_delete=models.CASCADE, related_name="+")
    # A keyed hash of the sender's network address: enough to count, not to identify anyone.
    address = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [
            models.Index(fields=["address", "created_at"], name="complaints_guestpost_address"),
            models.Index(fields=["room", "created_at"], name="complaints_guestpost_room"),
        ]
