"""The Downloads page's rows: a file built in the background for a user, or once for a property
by a periodic job (`hotelqa.downloads` builds them and decides who may fetch them)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import DownloadStatus
from .models import PropertyScopedModel


class Download(PropertyScopedModel):
    """A file built in the background for a user (a long list export, a monthly report), kept on
    the Downloads page until it expires (hotelqa.downloads)."""

    kind = models.CharField(_("kind"), max_length=40)
    # What to build (the list's address and filters, the report's month and format): JSON values.
    params = models.JSONField(_("parameters"), default=dict, blank=True)
    # Same key, same file: a second request while one is being built gets that one.
    key = models.CharField(_("key"), max_length=200, db_index=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="downloads",
        verbose_name=_("requested by"),
    )
    language = models.CharField(_("language"), max_length=10, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=DownloadStatus.choices, default=DownloadStatus.PENDING)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    rows = models.PositiveIntegerField(_("rows"), default=0)
    file = models.FileField(_("file"), upload_to="downloads/%Y/%m/", blank=True)
    filename = models.CharField(_("file name"), max_length=200, blank=True)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("requested"), default=timezone.now)
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"), db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("download")
        verbose_name_plural = _("downloads")
        permissions = [("view_property_downloads", _("Can fetch the reports the system builds for the property"))]
        constraints = [
            # A file the system builds by itself (the monthly report on the 1st) exists once.
            models.UniqueConstraint(
                fields=["property", "key"], condition=Q(requested_by__isnull=True), name="download_system_once"
            ),
        ]

    def __str__(self):
        return self.filename or f"{self.kind} #{self.pk}"

    @property
    def title(self):
        from .downloads import title_of

        return title_of(self)

    @property
    def is_finished(self):
        return self.status in (DownloadStatus.DONE, DownloadStatus.FAILED)
