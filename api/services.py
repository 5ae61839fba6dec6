"""Writes of the API app: tokens (created with their service account, shown once, revoked)."""

from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.translation import gettext as _

from hotelqa import services as org_services
from hotelqa.choices import Role
from hotelqa.models import Property, User
from hotelqa.permissions import admin_property_ids, user_is_group_admin

from .models import ApiToken
from .models.tokens import hash_key, new_key


def may_manage_token(user, property) -> bool:
    """Admins manage the tokens of the properties they administer; group tokens are group admins'."""
    if property is None:
        return user_is_group_admin(user)
    return property.pk in admin_property_ids(user)


@transaction.atomic
def token_create(*, name: str, property: Property | None, role: str, expires_at, actor: User | None, rate_per_minute: int = 120) -> tuple[ApiToken, str]:
    """Create a token and its service account; returns (token, key). Only the hash is stored: the
    key is shown this once."""
    if actor is not None and not may_manage_token(actor, property):
        raise PermissionDenied
    if role not in Role.values:
        raise ValidationError({"role": _("Choose a role.")})
    if expires_at <= timezone.now():
        raise ValidationError({"expires_at": _("The expiry must be in the future.")})
    key = new_key()
    prefix = key[:12]
    user = User.objects.create(
        username=f"api-{get_random_string(12).lower()}", display_name=f"API · {name}"[:120],
        password=make_password(None),  # no log-in: the account acts only through its token
    )
    # A group token holds no stored role: `auth.scope_group_token` gives it the role at every active
    # property at each request, so a property opened later is covered and a closed one is not.
    if property is not None:
        org_services.membership_set(user=user, property=property, role=role)
    token = ApiToken.objects.create(
        name=name, property=property, role=role, expires_at=expires_at, rate_per_minute=rate_per_minute,
        prefix=prefix, key_hash=hash_key(key), user=user, created_by=actor,
    )
    return token, key


@transaction.atomic
def token_revoke(*, token: ApiToken, actor: User | None = None) -> ApiToken:
    """Revoke at once: the key is refused from the next call on, and its account can do nothing."""
    if actor is not None and not may_manage_token(actor, token.property):
        raise PermissionDenied
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        User.objects.filter(pk=token.user_id).update(is_active=False)
    return token
