"""PMS stay imports: the column mapping each property keeps, and each uploaded file's run."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hotelqa.models import PropertyScopedModel

from ..choices import ImportStatus


class StayImportMapping(PropertyScopedModel):
    """Which column of the property's PMS export holds which field: remembered for the next file."""

    mapping = models.JSONField(_("column mapping"), default=dict)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("updated by"))

    class Meta:
        verbose_name = _("stay import mapping")
        verbose_name_plural = _("stay import mappings")
        constraints = [models.UniqueConstraint(fields=["property"], name="crm_stayimportmapping_one_per_property")]

    def __str__(self):
        return str(self.property)


class StayImport(PropertyScopedModel):
    """One uploaded PMS file: mapped, previewed, then imported whole or not at all."""

    file = models.FileField(_("file"), upload_to="crm/imports/%Y/%m/")
    file_name = models.CharField(_("file name"), max_length=200)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("uploaded by"))
    created_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    status = models.CharField(_("status"), max_length=20, choices=ImportStatus.choices, default=ImportStatus.MAPPING)
    mapping = models.JSONField(_("column mapping"), default=dict, blank=True)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    done_rows = models.PositiveIntegerField(_("rows done"), default=0)
    created = models.PositiveIntegerField(_("stays added"), default=0)
    updated = models.PositiveIntegerField(_("stays updated"), default=0)
    unchanged = models.PositiveIntegerField(_("stays unchanged"), default=0)
    # [{"row": 12, "field": "arrival", "message": "..."}] – the first few hundred.
    errors = models.JSONField(_("errors"), default=list, blank=True)
    error_count = models.PositiveIntegerField(_("rows refused"), default=0)
    preview = models.JSONField(_("preview"), default=list, blank=True)
    # Checked only (a preview), or to be saved once checked.
    confirmed = models.BooleanField(_("confirmed"), default=False)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("stay import")
        verbose_name_plural = _("stay imports")

    def __str__(self):
        return self.file_name

    @property
    def progress(self):
        return int(100 * self.done_rows / self.total_rows) if self.total_rows else 0
