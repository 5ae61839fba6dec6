"""The audit trail's rows: append-only, written by `hotelqa.audit.audit_record`."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Property, User


class AuditAction(models.TextChoices):
    LOGIN = "login", _("Logged in")
    LOGIN_FAILED = "login_failed", _("Failed login")
    LOCKED_OUT = "locked_out", _("Locked out after failed logins")
    LOGOUT = "logout", _("Logged out")
    PERMISSION_DENIED = "permission_denied", _("Permission refused")
    GUEST_PROFILE_VIEW = "guest_profile_view", _("Viewed a guest's full profile")
    GUEST_DATA_EXPORT = "guest_data_export", _("Exported a guest's data")
    LIST_EXPORT = "list_export", _("Exported a list with guest data")


class AuditEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise TypeError("The audit trail is append-only.")

    def delete(self):
        raise TypeError("The audit trail is append-only.")


class AuditEvent(models.Model):
    """Append-only record of security-relevant events: who, when, what — never the personal data."""

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    action = models.CharField(_("what"), max_length=40, choices=AuditAction.choices, db_index=True)
    actor = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("who")
    )
    username = models.CharField(_("username given"), max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    property = models.ForeignKey(
        Property, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("property")
    )
    path = models.CharField(_("page"), max_length=300, blank=True)
    object_type = models.CharField(_("record type"), max_length=60, blank=True)
    object_id = models.CharField(_("record"), max_length=40, blank=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["-at"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit trail")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.username}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("The audit trail is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("The audit trail is append-only.")
