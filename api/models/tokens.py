import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hotelqa.choices import Role
from hotelqa.models import Property

TOKEN_PREFIX = "hqa_"


def hash_key(key: str) -> str:
    """Tokens are 256 random bits: a fast hash is enough, a slow one would only cost every call."""
    return hashlib.sha256(key.encode("utf-8", "replace")).hexdigest()


def new_key() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


class ApiTokenQuerySet(models.QuerySet):
    def usable(self, now=None):
        now = now or timezone.now()
        return self.filter(revoked_at__isnull=True, expires_at__gt=now)


class ApiToken(models.Model):
    """One integration's key (the PMS, the guest app, the BI tool). It acts as its own service
    account (`user`), which holds the token's role at its property — or at every property for a
    group token — so every call runs the same permission and scope checks as the pages."""

    name = models.CharField(_("integration"), max_length=120, help_text=_("Which system uses it, e.g. “PMS” or “BI tool”."))
    property = models.ForeignKey(
        Property, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("property"),
        help_text=_("Leave empty for a group token (every property; group admins only)."),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    expires_at = models.DateTimeField(_("expires"))
    rate_per_minute = models.PositiveIntegerField(_("requests per minute"), default=120)
    prefix = models.CharField(_("key starts with"), max_length=16, editable=False)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_token", editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False, verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True, editable=False)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    def is_usable(self, now=None):
        return self.revoked_at is None and self.expires_at > (now or timezone.now())
