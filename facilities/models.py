"""Facilities (SPEC §3): assets and their locations, inspection schedules, inspections, work
orders with their SLA and history (their escalations are the deadline watch's, `hotelqa.watch`). Inspections fill checklists of the foundation's
checklist engine (`hotelqa.checklists`); an item's defect category is kept here."""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hotelqa import events
from hotelqa.checklists.models import ChecklistAnswer, ChecklistItem, ChecklistResponse, ChecklistTemplate, ChecklistVersion
from hotelqa.i18n import localized, with_unit
from hotelqa.models import Department, PropertyScopedModel
from hotelqa.uploads import random_filename
from hotelqa.workflow import StatusHistory, VersionedModel

from .choices import (
    AreaType,
    AssetStatus,
    Frequency,
    InspectionStatus,
    Priority,
    ScopeKind,
    WorkOrderSource,
    WorkOrderStatus,
)
from . import events as facility_events
from .validators import validate_photo


class AssetCategory(PropertyScopedModel):
    """Category of equipment (空调, 电视…); admins add their own."""

    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=100)
    name_zh = models.CharField(_("Chinese name"), max_length=100, blank=True)
    default_life_years = models.PositiveSmallIntegerField(_("typical service life (years)"), null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("asset category")
        verbose_name_plural = _("asset categories")
        constraints = [models.UniqueConstraint(fields=["property", "code"], name="asset_category_unique_code")]

    def __str__(self):
        return localized(self, "name")

    def get_absolute_url(self):
        return reverse("facilities:category_list")


class ChecklistItemDefect(models.Model):
    """The asset category under which a failure of a checklist item opens its work order:
    facilities' own data about an item of the foundation's checklist engine."""

    item = models.OneToOneField(
        ChecklistItem, on_delete=models.CASCADE, primary_key=True, related_name="defect", verbose_name=_("checklist item")
    )
    category = models.ForeignKey(AssetCategory, on_delete=models.CASCADE, related_name="+", verbose_name=_("defect category"))

    class Meta:
        verbose_name = _("defect category of a checklist item")
        verbose_name_plural = _("defect categories of checklist items")

    def __str__(self):
        return f"{self.item}: {self.category}"


class Location(PropertyScopedModel):
    """A room or area: building / floor / room number or area name."""

    building = models.CharField(_("building"), max_length=60, blank=True)
    floor = models.CharField(_("floor"), max_length=20, blank=True)
    name = models.CharField(_("room or area"), max_length=80)
    name_zh = models.CharField(_("room or area (Chinese)"), max_length=80, blank=True)
    area_type = models.CharField(_("area type"), max_length=20, choices=AreaType.choices)

    class Meta:
        ordering = ["building", "floor", "name"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        constraints = [
            models.UniqueConstraint(fields=["property", "building", "floor", "name"], name="location_unique_place")
        ]

    def __str__(self):
        return self.label_of(self.building, self.floor, self.display_name)

    @staticmethod
    def label_of(building, floor, name):
        """"B · 3F · 301": what a location is called in lists and choices."""
        floor = f"{floor}F" if floor.isdigit() else floor
        return " · ".join(p for p in (building, floor, name) if p)

    @property
    def display_name(self):
        return localized(self, "name")

    def get_absolute_url(self):
        return reverse("facilities:location_detail", args=[self.pk])


def years_later(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


class Asset(PropertyScopedModel):
    """设施设备: one piece of equipment at one location."""

    code = models.CharField(_("asset tag"), max_length=40)
    name = models.CharField(_("name"), max_length=150)
    name_zh = models.CharField(_("Chinese name"), max_length=150, blank=True)
    category = models.ForeignKey(AssetCategory, on_delete=models.PROTECT, related_name="assets", verbose_name=_("category"))
    location = models.ForeignKey(Location, on_delete=models.PROTECT, related_name="assets", verbose_name=_("location"))
    install_date = models.DateField(_("installed on"), null=True, blank=True)
    expected_life_years = models.PositiveSmallIntegerField(_("expected service life (years)"), null=True, blank=True)
    end_of_life = models.DateField(_("replacement due"), null=True, blank=True, editable=False)
    status = models.CharField(_("status"), max_length=20, choices=AssetStatus.choices, default=AssetStatus.IN_SERVICE)
    manufacturer = models.CharField(_("make and model"), max_length=150, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("asset")
        verbose_name_plural = _("assets")
        constraints = [models.UniqueConstraint(fields=["property", "code"], name="asset_unique_code")]
        indexes = [models.Index(fields=["property", "category", "status"], name="asset_scope_lookup")]

    def __str__(self):
        return f"{self.code} {self.display_name}"

    @property
    def display_name(self):
        return localized(self, "name")

    def save(self, *args, **kwargs):
        # Stored so "past expected life" is a plain indexed filter (000 §2.3: flag for replacement).
        if self.install_date and self.expected_life_years:
            self.end_of_life = years_later(self.install_date, self.expected_life_years)
        else:
            self.end_of_life = None
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = set(kwargs["update_fields"]) | {"end_of_life"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("facilities:asset_detail", args=[self.pk])

    @property
    def past_expected_life(self):
        return bool(self.end_of_life and self.end_of_life <= timezone.localdate())


class InspectionSchedule(PropertyScopedModel):
    """检查计划: what to inspect with which checklist, how often, in which window, by whom."""

    name = models.CharField(_("name"), max_length=150)
    name_zh = models.CharField(_("Chinese name"), max_length=150, blank=True)
    template = models.ForeignKey(ChecklistTemplate, on_delete=models.PROTECT, related_name="schedules", verbose_name=_("checklist"))
    scope_kind = models.CharField(_("scope"), max_length=20, choices=ScopeKind.choices)
    category = models.ForeignKey(AssetCategory, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("asset category"))
    locations = models.ManyToManyField(Location, blank=True, related_name="+", verbose_name=_("rooms and areas"))
    assets = models.ManyToManyField(Asset, blank=True, related_name="+", verbose_name=_("assets"))
    frequency = models.CharField(_("frequency"), max_length=20, choices=Frequency.choices, default=Frequency.DAILY)
    weekdays = models.CharField(_("weekdays"), max_length=20, blank=True, help_text=_("0 = Monday … 6 = Sunday"))
    rrule = models.CharField(_("RRULE"), max_length=300, blank=True, help_text=_("e.g. FREQ=WEEKLY;INTERVAL=2;BYDAY=MO"))
    starts_on = models.DateField(_("starts on"), default=timezone.localdate)
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    window_start = models.TimeField(_("window opens at"), default="09:00")
    window_hours = models.DecimalField(
        _("window length (hours)"), max_digits=6, decimal_places=2, default=Decimal(8), validators=[MinValueValidator(Decimal("0.25"))]
    )
    department = models.ForeignKey(Department, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("responsible department"))
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("responsible person"))
    is_active = models.BooleanField(_("active"), default=True)
    generated_until = models.DateTimeField(
        _("generated until"), null=True, blank=True, help_text=_("Window start of the last period created.")
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("inspection schedule")
        verbose_name_plural = _("inspection schedules")

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return localized(self, "name")

    def get_absolute_url(self):
        return reverse("facilities:schedule_detail", args=[self.pk])

    @property
    def target_count(self):
        if self.scope_kind == ScopeKind.LOCATIONS:
            return self.locations.count()
        if self.scope_kind == ScopeKind.ASSETS:
            return self.assets.count()
        return Asset.objects.filter(property_id=self.property_id, category_id=self.category_id).exclude(status=AssetStatus.RETIRED).count()


class Inspection(PropertyScopedModel):
    """One inspection of one room/area or asset in one time window."""

    schedule = models.ForeignKey(InspectionSchedule, on_delete=models.PROTECT, null=True, blank=True, related_name="inspections", verbose_name=_("schedule"))
    version = models.ForeignKey(ChecklistVersion, on_delete=models.PROTECT, related_name="inspections", verbose_name=_("checklist"))
    location = models.ForeignKey(Location, on_delete=models.PROTECT, null=True, blank=True, related_name="inspections", verbose_name=_("room or area"))
    asset = models.ForeignKey(Asset, on_delete=models.PROTECT, null=True, blank=True, related_name="inspections", verbose_name=_("asset"))
    # "asset:<id>" or "location:<id>": one non-null column for the uniqueness rule.
    target_key = models.CharField(max_length=40)
    due_start = models.DateTimeField(_("window opens"))
    due_end = models.DateTimeField(_("due by"))
    status = models.CharField(_("status"), max_length=20, choices=InspectionStatus.choices, default=InspectionStatus.DUE)
    department = models.ForeignKey(Department, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("department"))
    # Indexed by `inspection_assignee` (assignee first), which serves the foreign key's lookups too.
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("inspector"), db_index=False)
    response = models.OneToOneField(ChecklistResponse, on_delete=models.PROTECT, null=True, blank=True, related_name="inspection")
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("submitted by"))
    score = models.DecimalField(_("score (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["-due_start", "id"]
        verbose_name = _("inspection")
        verbose_name_plural = _("inspections")
        constraints = [
            # Makes the generator idempotent: a period of a schedule exists once per target.
            models.UniqueConstraint(
                fields=["schedule", "target_key", "due_start"],
                condition=Q(schedule__isnull=False),
                name="inspection_unique_period",
            ),
            models.CheckConstraint(condition=Q(asset__isnull=False) | Q(location__isnull=False), name="inspection_has_target"),
        ]
        indexes = [
            models.Index(fields=["property", "status", "due_end"], name="inspection_status_due"),
            models.Index(fields=["property", "due_start"], name="inspection_due_start"),
            # A staff member's own inspections ("mine"), newest period first.
            models.Index(fields=["assignee", "status", "due_start"], name="inspection_assignee"),
        ]

    def __str__(self):
        return f"{self.version.template} — {self.target_label}"

    @property
    def target_label(self):
        return str(self.asset) if self.asset_id else str(self.location)

    def get_absolute_url(self):
        return reverse("facilities:inspection_detail", args=[self.pk])

    @property
    def is_editable(self):
        return self.status != InspectionStatus.SUBMITTED

    @property
    def on_time(self):
        return self.submitted_at is not None and self.submitted_at <= self.due_end


class WorkOrderSla(PropertyScopedModel):
    """Hours to repair per priority at a property (admin-editable; defaults in choices)."""

    priority = models.CharField(_("priority"), max_length=20, choices=Priority.choices)
    resolve_hours = models.DecimalField(_("hours to repair"), max_digits=7, decimal_places=2, validators=[MinValueValidator(Decimal("0.25"))])
    warn_hours = models.DecimalField(
        _("warn this many hours before"), max_digits=7, decimal_places=2, default=Decimal(1), validators=[MinValueValidator(0)]
    )

    class Meta:
        ordering = ["property", "resolve_hours"]
        verbose_name = _("work-order SLA")
        verbose_name_plural = _("work-order SLAs")
        constraints = [models.UniqueConstraint(fields=["property", "priority"], name="workorder_sla_unique_priority")]

    def __str__(self):
        return f"{self.get_priority_display()}: {with_unit(self.resolve_hours, 'h')}"


class WorkOrder(VersionedModel, PropertyScopedModel):
    """维修工单: a defect to repair, from an inspection or reported directly."""

    title = models.CharField(_("defect"), max_length=200)
    description = models.TextField(_("description"), blank=True)  # what the reporter typed
    # Where an order opened by an inspection came from (item, standard, finding), put into words
    # in the reader's language (hotelqa.events); empty for a reported defect.
    event = models.JSONField(default=dict, blank=True)
    source = models.CharField(_("source"), max_length=20, choices=WorkOrderSource.choices, default=WorkOrderSource.REPORT)
    asset = models.ForeignKey(Asset, on_delete=models.PROTECT, null=True, blank=True, related_name="work_orders", verbose_name=_("asset"))
    location = models.ForeignKey(Location, on_delete=models.PROTECT, null=True, blank=True, related_name="work_orders", verbose_name=_("room or area"))
    inspection = models.ForeignKey(Inspection, on_delete=models.PROTECT, null=True, blank=True, related_name="work_orders", verbose_name=_("inspection"))
    answer = models.OneToOneField(ChecklistAnswer, on_delete=models.PROTECT, null=True, blank=True, related_name="work_order")
    category = models.ForeignKey(AssetCategory, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("category"))
    priority = models.CharField(_("priority"), max_length=20, choices=Priority.choices, default=Priority.NORMAL)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("department"))
    assignee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("assignee"))
    status = models.CharField(_("status"), max_length=20, choices=WorkOrderStatus.choices, default=WorkOrderStatus.OPEN)
    due_at = models.DateTimeField(_("due"))
    reported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("reported by"))
    created_at = models.DateTimeField(_("reported"), default=timezone.now)
    done_at = models.DateTimeField(pgettext_lazy("time when", "done"), null=True, blank=True)
    verified_at = models.DateTimeField(_("verified"), null=True, blank=True)
    resolution = models.TextField(_("repair done"), blank=True)
    parts = models.TextField(_("parts used"), blank=True)
    cost = models.DecimalField(_("cost"), max_digits=10, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)])
    # The record of another app this repair came from (a guest complaint): a generic link, so
    # facilities does not import that app and it does not import facilities.
    origin_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    origin_id = models.PositiveBigIntegerField(null=True, blank=True)
    origin = GenericForeignKey("origin_type", "origin_id")
    # Warnings and escalations the deadline watch sent (hotelqa.watch); deleted with the order.
    escalations = GenericRelation("hotelqa.Escalation")

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("work order")
        verbose_name_plural = _("work orders")
        permissions = [
            ("assign_workorder", _("Can assign work orders")),
            ("verify_workorder", _("Can verify or reopen work orders")),
        ]
        indexes = [
            models.Index(fields=["origin_type", "origin_id"], name="workorder_origin"),
            models.Index(fields=["property", "status", "due_at"], name="workorder_status_due"),
            models.Index(fields=["property", "created_at"], name="workorder_created"),
        ]

    def __str__(self):
        return f"{self.number} {self.display_title}"

    @property
    def display_title(self):
        if self.event:
            return events.render({"kind": facility_events.INSPECTION_TITLE, "params": self.event.get("params", {})})
        return self.title

    @property
    def finding(self):
        """What the inspection found, in the reader's language (the work order's `event`)."""
        return events.render(self.event)

    @property
    def number(self):
        return f"WO-{self.pk:05d}" if self.pk else "WO-new"

    def get_absolute_url(self):
        return reverse("facilities:workorder_detail", args=[self.pk])

    @property
    def is_open(self):
        return self.status in WorkOrderStatus.open_values()

    @property
    def is_overdue(self):
        return self.is_open and self.due_at < timezone.now()


def workorder_photo_path(instance, filename):
    return f"workorders/{instance.work_order.property_id}/{instance.work_order_id}/{random_filename(filename)}"


class WorkOrderPhoto(models.Model):
    work_order = models.ForeignKey(WorkOrder, on_delete=models.CASCADE, related_name="photos")
    image = models.ImageField(_("photo"), upload_to=workorder_photo_path, validators=[validate_photo])
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("work-order photo")
        verbose_name_plural = _("work-order photos")


class WorkOrderHistory(StatusHistory):
    """The work order's moves (the workflow engine writes one row per move)."""

    work_order = models.ForeignKey(WorkOrder, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(_("from"), max_length=20, choices=WorkOrderStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=WorkOrderStatus.choices)

    class Meta(StatusHistory.Meta):
        verbose_name = _("work-order history")
        verbose_name_plural = _("work-order history")
