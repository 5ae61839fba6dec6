"""Checklist engine models. A template has numbered versions; only a draft is editable and
publishing it freezes it, so a filled checklist always shows the questions it was answered to.

The tables keep the names they were created with when the engine was part of facilities
(`db_table`), so moving the code moved no data."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hotelqa.i18n import localized
from hotelqa.models import PropertyScopedModel, PropertyScopedQuerySet
from hotelqa.uploads import random_filename, validate_image_upload

from .choices import AnswerType, TemplateKind, VersionStatus
from .hooks import template_page


class ChecklistTemplate(PropertyScopedModel):
    """检查表: a named checklist of one property, e.g. "Guest room 客房"."""

    name = models.CharField(_("name"), max_length=150)
    name_zh = models.CharField(_("Chinese name"), max_length=150, blank=True)
    kind = models.CharField(_("used for"), max_length=20, choices=TemplateKind.choices, default=TemplateKind.INSPECTION)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    current_version = models.ForeignKey(
        "ChecklistVersion", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("published version"),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        db_table = "facilities_checklisttemplate"
        ordering = ["name"]
        verbose_name = _("checklist template")
        verbose_name_plural = _("checklist templates")
        constraints = [models.UniqueConstraint(fields=["property", "name"], name="checklist_template_unique_name")]

    def __str__(self):
        return self.display_name

    @property
    def display_name(self):
        return localized(self, "name")

    def get_absolute_url(self):
        from django.urls import reverse

        url_name = template_page(self.kind)
        return reverse(url_name, args=[self.pk]) if url_name else ""


class ChecklistVersionQuerySet(PropertyScopedQuerySet):
    property_field = "template__property"


class ChecklistVersion(models.Model):
    template = models.ForeignKey(ChecklistTemplate, on_delete=models.CASCADE, related_name="versions", verbose_name=_("template"))
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT)
    pass_mark = models.DecimalField(
        _("pass mark (%)"), max_digits=5, decimal_places=2, default=Decimal(80),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("A checklist scoring below this share of points fails."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")

    objects = ChecklistVersionQuerySet.as_manager()

    class Meta:
        db_table = "facilities_checklistversion"
        ordering = ["template", "-number"]
        verbose_name = _("checklist version")
        verbose_name_plural = _("checklist versions")
        constraints = [
            models.UniqueConstraint(fields=["template", "number"], name="checklist_version_unique_number"),
            models.UniqueConstraint(fields=["template"], condition=Q(status="draft"), name="checklist_version_one_draft"),
        ]

    def __str__(self):
        return f"{self.template} v{self.number}"

    @property
    def is_editable(self):
        return self.status == VersionStatus.DRAFT


class ChecklistSection(models.Model):
    version = models.ForeignKey(ChecklistVersion, on_delete=models.CASCADE, related_name="sections")
    title = models.CharField(_("section"), max_length=150)
    title_zh = models.CharField(_("section (Chinese)"), max_length=150, blank=True)
    position = models.PositiveIntegerField(pgettext_lazy("order", "position"), default=0)

    class Meta:
        db_table = "facilities_checklistsection"
        ordering = ["position", "id"]
        verbose_name = _("checklist section")
        verbose_name_plural = _("checklist sections")

    def __str__(self):
        return self.display_title

    @property
    def display_title(self):
        return localized(self, "title")


class ChecklistItem(models.Model):
    version = models.ForeignKey(ChecklistVersion, on_delete=models.CASCADE, related_name="items")
    section = models.ForeignKey(ChecklistSection, on_delete=models.CASCADE, related_name="items", verbose_name=_("section"))
    position = models.PositiveIntegerField(pgettext_lazy("order", "position"), default=0)
    text = models.CharField(_("item"), max_length=300)
    text_zh = models.CharField(_("item (Chinese)"), max_length=300, blank=True)
    standard = models.TextField(_("standard"), blank=True, help_text=_("What a pass looks like (检查标准)."))
    standard_zh = models.TextField(_("standard (Chinese)"), blank=True)
    answer_type = models.CharField(_("answer type"), max_length=20, choices=AnswerType.choices, default=AnswerType.PASS_FAIL)
    weight = models.DecimalField(_("weight"), max_digits=6, decimal_places=2, default=Decimal(1), validators=[MinValueValidator(0)])
    critical = models.BooleanField(_("critical"), default=False, help_text=_("Failing this item fails the whole checklist."))
    required = models.BooleanField(_("answer required"), default=True)
    min_value = models.DecimalField(_("minimum"), max_digits=12, decimal_places=3, null=True, blank=True)
    max_value = models.DecimalField(_("maximum"), max_digits=12, decimal_places=3, null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=20, blank=True)

    class Meta:
        db_table = "facilities_checklistitem"
        ordering = ["section__position", "section_id", "position", "id"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        constraints = [
            models.CheckConstraint(
                condition=Q(min_value__isnull=True) | Q(max_value__isnull=True) | Q(min_value__lte=models.F("max_value")),
                name="checklist_item_min_le_max",
            )
        ]

    def __str__(self):
        return self.display_text

    @property
    def display_text(self):
        return localized(self, "text")

    @property
    def display_standard(self):
        return localized(self, "standard")

    @property
    def is_scored(self):
        return self.answer_type != AnswerType.TEXT

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.min_value is not None and self.max_value is not None and self.min_value > self.max_value:
            raise ValidationError({"max_value": _("The maximum is below the minimum.")})
        if self.answer_type != AnswerType.NUMBER and (self.min_value is not None or self.max_value is not None):
            raise ValidationError({"min_value": _("Only number items have a minimum and maximum.")})


class ChecklistResponse(PropertyScopedModel):
    """A filled checklist. Inspections (and audits) point to one with a one-to-one field."""

    version = models.ForeignKey(ChecklistVersion, on_delete=models.PROTECT, related_name="responses", verbose_name=_("checklist version"))
    started_at = models.DateTimeField(_("started"), default=timezone.now)
    started_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    score = models.DecimalField(_("score (%)"), max_digits=5, decimal_places=2, null=True, blank=True)
    passed = models.BooleanField(_("passed"), null=True)
    critical_failed = models.BooleanField(_("critical item failed"), default=False)

    class Meta:
        db_table = "facilities_checklistresponse"
        verbose_name = _("filled checklist")
        verbose_name_plural = _("filled checklists")

    def __str__(self):
        return f"{self.version} #{self.pk}"


def answer_photo_path(instance, filename):
    return f"checklists/{instance.response.property_id}/{instance.response_id}/{random_filename(filename)}"


class ChecklistAnswer(models.Model):
    response = models.ForeignKey(ChecklistResponse, on_delete=models.CASCADE, related_name="answers")
    item = models.ForeignKey(ChecklistItem, on_delete=models.PROTECT, related_name="answers")
    value_bool = models.BooleanField(_("passed"), null=True)
    value_score = models.PositiveSmallIntegerField(_("score"), null=True, validators=[MinValueValidator(1), MaxValueValidator(5)])
    value_number = models.DecimalField(_("reading"), max_digits=12, decimal_places=3, null=True)
    value_text = models.TextField(_("answer"), blank=True)
    photo = models.ImageField(_("photo"), upload_to=answer_photo_path, blank=True, validators=[validate_image_upload])
    note = models.TextField(_("note"), blank=True)
    is_failed = models.BooleanField(_("failed"), null=True)
    fixed_on_spot = models.BooleanField(_("fixed on the spot"), default=False)
    fix_note = models.TextField(_("what was done"), blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    answered_at = models.DateTimeField(_("answered"), default=timezone.now)

    class Meta:
        db_table = "facilities_checklistanswer"
        verbose_name = _("checklist answer")
        verbose_name_plural = _("checklist answers")
        constraints = [models.UniqueConstraint(fields=["response", "item"], name="checklist_answer_one_per_item")]

    def __str__(self):
        return f"{self.item}: {self.display_value}"

    @property
    def display_value(self):
        item = self.item
        if item.answer_type == AnswerType.PASS_FAIL:
            return "" if self.value_bool is None else (_("Pass") if self.value_bool else _("Fail"))
        if item.answer_type == AnswerType.SCORE:
            return "" if self.value_score is None else str(self.value_score)
        if item.answer_type == AnswerType.NUMBER:
            if self.value_number is None:
                return ""
            return f"{self.value_number.normalize():f} {item.unit}".strip()
        if item.answer_type == AnswerType.PHOTO:
            return _("Photo attached") if self.photo else ""
        return self.value_text
