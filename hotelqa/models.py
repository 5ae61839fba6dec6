"""Organisation models every app stands on: properties, departments, people and their roles,
notifications, KPI targets and snapshots, the periodic-job log; staff records (`hotelqa.staff`),
downloads (`hotelqa.download_records`), the deadline watch's escalations (`hotelqa.watch`) and the
audit trail (`hotelqa.audit_trail`) live in their own modules and are imported at the end, so
Django finds them here."""

import functools
import uuid
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .choices import DepartmentKind, JobRunStatus, Role
from .compiled_queries import MARKER_ID, CompiledQuery
from .i18n import localized, reader_reads_chinese


class Property(models.Model):
    """A hotel of the group (门店/酒店)."""

    code = models.SlugField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=120)
    name_zh = models.CharField(_("Chinese name"), max_length=120, blank=True)
    city = models.CharField(_("city"), max_length=80, blank=True)
    time_zone = models.CharField(_("time zone"), max_length=64, default="Asia/Shanghai")
    room_count = models.PositiveIntegerField(pgettext_lazy("number of", "rooms"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("property")
        verbose_name_plural = _("properties")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return localized(self, "name")

    def local_today(self):
        """The hotel's date now (a stay "today" is the hotel's today, not the server's)."""
        return timezone.localdate(timezone=ZoneInfo(self.time_zone))


class PropertyScopedQuerySet(models.QuerySet):
    """The one place that narrows records to the properties a user may see."""

    property_field = "property"

    def for_user(self, user):
        if not user.is_authenticated:
            return self.none()
        if user.sees_all_properties:
            return self
        return self.filter(**{f"{self.property_field}__in": user.property_ids})

    def for_property(self, property):
        return self.filter(**{self.property_field: property})


class PropertyScopedModel(models.Model):
    """Base for every operational record: it belongs to one property."""

    property = models.ForeignKey(
        Property, on_delete=models.PROTECT, related_name="+", verbose_name=_("property")
    )

    objects = PropertyScopedQuerySet.as_manager()

    class Meta:
        abstract = True


STANDARD_DEPARTMENT_KINDS = frozenset(DepartmentKind.values) - {DepartmentKind.OTHER}


@functools.cache
def standard_department_names(kind):
    """A standard department's English and Chinese names (worked out once: every department
    cell of a list asks)."""
    from django.utils import translation

    with translation.override("en"):
        english = str(DepartmentKind(kind).label)
    with translation.override("zh-hans"):
        chinese = str(DepartmentKind(kind).label)
    return english, chinese


class Department(PropertyScopedModel):
    property = models.ForeignKey(
        Property, on_delete=models.CASCADE, related_name="departments", verbose_name=_("property")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=DepartmentKind.choices)
    name = models.CharField(_("name"), max_length=120)
    name_zh = models.CharField(_("Chinese name"), max_length=120, blank=True)

    class Meta:
        ordering = ["property", "name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        constraints = [
            models.UniqueConstraint(fields=["property", "name"], name="department_unique_name"),
        ]

    def __str__(self):
        return self.display_name()

    def display_name(self):
        """A standard department keeps the names it was created with unless an admin renamed it;
        shown in the reader's language. A Chinese name an admin gave wins for Chinese readers."""
        standard = self.kind in STANDARD_DEPARTMENT_KINDS
        default_en = default_zh = None
        if standard:
            default_en, default_zh = standard_department_names(self.kind)
            if self.name == default_en and self.name_zh in ("", default_zh):
                return default_zh if reader_reads_chinese() else str(DepartmentKind(self.kind).label)
        renamed_in_english_only = standard and self.name_zh == default_zh and self.name != default_en
        if self.name_zh and reader_reads_chinese() and not renamed_in_english_only:
            return self.name_zh
        return self.name


class User(AbstractUser):
    """Staff account. `is_group_manager` users see every property of the group as managers,
    `is_group_admin` users administer every property."""

    display_name = models.CharField(_("display name"), max_length=120, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_group_manager = models.BooleanField(
        _("group manager"), default=False, help_text=_("Sees and manages every property.")
    )
    is_group_admin = models.BooleanField(
        _("group admin"), default=False,
        help_text=_("Administers every property: users and their roles across the group, and group-wide settings."),
    )
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, blank=True,
        help_text=_("Notifications and emails are written in this language."),
    )
    # The property picked in the top bar, so the next log-in starts there.
    last_property = models.ForeignKey(
        "Property", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.display_name or self.get_full_name() or self.username

    @property
    def sees_all_properties(self):
        return self.is_superuser or self.is_group_admin or self.is_group_manager

    @property
    def property_ids(self):
        if not hasattr(self, "_property_ids"):
            self._property_ids = list(self._membership_cache())
        return self._property_ids

    def accessible_properties(self):
        qs = Property.objects.filter(is_active=True)
        if self.sees_all_properties:
            return qs
        return qs.filter(id__in=self.property_ids)

    def accessible_property_list(self) -> list:
        """`accessible_properties()` as a list, read with the memberships (one query for the top
        bar of every page, the role and the property ids) unless the user sees every property."""
        if self.sees_all_properties:
            return list(self.accessible_properties())
        places = [m.property for m in self._membership_cache().values() if m.property.is_active]
        return sorted(places, key=lambda p: (p.name, p.pk))

    def role_in(self, property):
        """The user's role at a property, or None. Group admins are admins everywhere; group
        managers act as managers where they hold no role of their own."""
        if property is None:
            return None
        if self.is_group_admin:
            return Role.ADMIN
        membership = self.membership_in(property)
        if membership:
            return membership.role
        if self.is_superuser:
            return Role.ADMIN
        if self.is_group_manager:
            return Role.MANAGER
        return None

    def membership_in(self, property):
        return self._membership_cache().get(getattr(property, "pk", property))

    def _membership_cache(self) -> dict:
        """property id → membership (with its department and property), read once per user object."""
        cache = getattr(self, "_memberships", None)
        if cache is None:
            cache = self.load_memberships()
        return cache

    def load_memberships(self, *, count_unread=False) -> dict:
        """Read the memberships (see `_membership_cache`). With `count_unread` the count of unread
        notifications comes in the same query: every page's top bar shows it beside the property."""
        memberships = (_MEMBERSHIPS_WITH_UNREAD if count_unread else _MEMBERSHIPS).run(self.pk)
        for membership in memberships:
            membership.user = self
        self._memberships = {m.property_id: m for m in memberships}
        if count_unread and self._memberships:
            self._unread_notifications = next(iter(self._memberships.values())).unread_count
        return self._memberships

    def unread_notification_count(self) -> int:
        """Unread notifications, up to UNREAD_COUNTED: as read with the memberships
        (`load_memberships`), else counted now."""
        if not hasattr(self, "_unread_notifications"):
            self._unread_notifications = _counted_unread(self.pk).count()
        return self._unread_notifications


# The top bar's bell shows up to 99 unread notifications, then "99+": every page counts them, and
# counting further only costs a longer scan.
UNREAD_COUNTED = 100


def _counted_unread(recipient):
    """The unread notifications of `recipient` (an id or an outer reference) the bell counts."""
    return Notification.objects.filter(recipient_id=recipient, read_at__isnull=True).order_by().values("pk")[:UNREAD_COUNTED]


class RowCount(models.Subquery):
    """The number of rows a subquery gives (its LIMIT bounds the count)."""

    template = "(SELECT COUNT(*) FROM (%(subquery)s) AS counted)"
    output_field = models.IntegerField()


def _user_memberships(user_id):
    return Membership.objects.filter(user_id=user_id).select_related("department", "property")


# Read at the start of every request (ActivePropertyMiddleware): compiled once, not per request.
_MEMBERSHIPS = CompiledQuery(_user_memberships, markers=[MARKER_ID])
_MEMBERSHIPS_WITH_UNREAD = CompiledQuery(
    lambda user_id: _user_memberships(user_id).annotate(unread_count=RowCount(_counted_unread(models.OuterRef("user_id")))),
    markers=[MARKER_ID],
)


class Membership(models.Model):
    """A user's one role at one property, and the department they work in there."""

    user = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("user")
    )
    property = models.ForeignKey(
        Property, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("property")
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    department = models.ForeignKey(
        Department,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("department"),
    )

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "property"], name="membership_one_role_per_property"),
        ]

    def __str__(self):
        return f"{self.user} @ {self.property}: {self.get_role_display()}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.department_id and self.department.property_id != self.property_id:
            raise ValidationError({"department": _("The department belongs to another property.")})


class Notification(models.Model):
    recipient = models.ForeignKey(
        User, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("recipient")
    )
    property = models.ForeignKey(
        Property, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=40, default="info")
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    url = models.CharField(_("link"), max_length=500, blank=True)
    # The untranslated title and body with their parameters ({"title": [msgid, params], …}), so the
    # list shows them in the reader's language of today, not the one of the day they were written.
    source = models.JSONField(default=dict, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    # Set once the e-mail copy is sent: a retried or redelivered task sends nothing twice.
    emailed_at = models.DateTimeField(_("e-mailed"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        indexes = [models.Index(fields=["recipient", "read_at"], name="notification_unread")]

    def __str__(self):
        return self.title

    # Methods, not properties: the `property` field above shadows the builtin in this class body.
    def display_title(self):
        from .services import message_from_source

        return message_from_source(self.source.get("title"), self.title)

    def display_body(self):
        from .services import message_from_source

        return message_from_source(self.source.get("body"), self.body)


class KpiTarget(models.Model):
    """A property's own target for a registered KPI; without one the KPI's default applies."""

    property = models.ForeignKey(
        Property, on_delete=models.CASCADE, related_name="kpi_targets", verbose_name=_("property")
    )
    code = models.CharField(_("KPI"), max_length=60)
    target = models.DecimalField(_("target"), max_digits=12, decimal_places=2)
    warning = models.DecimalField(
        _("warning threshold"),
        max_digits=12,
        decimal_places=2,
        help_text=_("Between target and warning the tile is amber; past warning it is red."),
    )

    class Meta:
        verbose_name = _("KPI target")
        verbose_name_plural = _("KPI targets")
        constraints = [
            models.UniqueConstraint(fields=["property", "code"], name="kpi_target_unique"),
        ]

    def __str__(self):
        return f"{self.property} {self.code}"


class KpiSnapshot(models.Model):
    """One KPI's value for one property (and optionally one department) on one day."""

    property = models.ForeignKey(Property, on_delete=models.CASCADE, related_name="+")
    department = models.ForeignKey(
        Department, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    code = models.CharField(max_length=60)
    # A breakdown KPI (e.g. complaints per category) stores one row per key; others use "".
    key = models.CharField(max_length=60, blank=True, default="", db_default="")
    day = models.DateField()
    # The day's value (for reading the table); the dashboard adds up total, weight and histogram
    # over a period instead, so a period's value is the value of the period (kpi_registry).
    value = models.DecimalField(max_digits=14, decimal_places=4)
    total = models.DecimalField(max_digits=18, decimal_places=4, default=0)
    weight = models.DecimalField(max_digits=14, decimal_places=4, default=1)
    histogram = models.JSONField(null=True, blank=True)
    computed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["property", "code", "key", "day"],
                condition=Q(department__isnull=True),
                name="kpi_snapshot_unique_property_day",
            ),
            models.UniqueConstraint(
                fields=["property", "department", "code", "key", "day"],
                condition=Q(department__isnull=False),
                name="kpi_snapshot_unique_department_day",
            ),
        ]
        indexes = [models.Index(fields=["property", "code", "day"], name="kpi_snapshot_lookup")]


class JobRun(models.Model):
    """Trace of one run of a periodic job: admins see when it ran, what it touched, and errors."""

    job = models.CharField(_("job"), max_length=120, db_index=True)
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=JobRunStatus.choices, default=JobRunStatus.RUNNING
    )
    items = models.PositiveIntegerField(_("items touched"), default=0)
    detail = models.TextField(_("detail"), blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("job run")
        verbose_name_plural = _("job runs")

    def __str__(self):
        return f"{self.job} {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def duration(self):
        if self.finished_at:
            return self.finished_at - self.started_at
        return None


class OutboxMessage(models.Model):
    """A task that a committed change causes, written in the change's own transaction and handed to
    the broker by `hotelqa.outbox` once it can be: a change never waits for, nor is lost with, the broker."""

    message_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    task = models.CharField(max_length=200)
    args = models.JSONField(default=list)
    kwargs = models.JSONField(default=dict)
    created_at = models.DateTimeField(default=timezone.now)
    available_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["available_at"], condition=Q(sent_at__isnull=True), name="outbox_pending"),
        ]

    def __str__(self):
        return f"{self.task} {self.message_id}"


class FormSubmission(models.Model):
    """A form's one-time token, claimed by its first submission: a double click or a resubmit
    after a slow answer finds it taken and is shown what the first one made, not a duplicate."""

    token = models.UUIDField(unique=True)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)
    result_url = models.CharField(max_length=500, blank=True)

    def __str__(self):
        return str(self.token)


from .staff import CareerLevel, CareerLevelChange, StaffMember  # noqa: E402,F401  (staff records are organisation models)
from .download_records import Download  # noqa: E402,F401  (files built in the background, hotelqa.downloads)
from .watch import Escalation  # noqa: E402,F401  (the deadline watch's one row per step sent)
from .audit_trail import AuditAction, AuditEvent  # noqa: E402,F401  (the append-only security log, hotelqa.audit)
