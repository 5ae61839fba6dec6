"""Who is calling: an integration's bearer token (or the browser's session), its rate limit, and
the properties where it may do a thing — the same checks as the pages."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, SessionAuthentication, get_authorization_header
from rest_framework.permissions import BasePermission
from rest_framework.throttling import SimpleRateThrottle

from hotelqa.models import Membership, Property
from hotelqa.permissions import property_ids_with, user_can
from hotelqa.shortcuts import object_or_none

from .models import ApiToken
from .models.tokens import hash_key

LAST_USED_EVERY = dt.timedelta(minutes=1)  # "last used" is written at most once a minute per token


class ApiTokenAuthentication(BaseAuthentication):
    """`Authorization: Bearer hqa_…`. A revoked, expired or unknown key is a 401."""

    keyword = b"bearer"

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(_("Give the token after “Bearer ”."))
        key = parts[1].decode("ascii", "replace")
        now = timezone.now()
        token = ApiToken.objects.select_related("user", "property").filter(key_hash=hash_key(key)).first()
        if token is None or not token.is_usable(now) or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("The token is unknown, expired or revoked."))
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_EVERY:
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        if token.property_id is None:
            scope_group_token(token)
        return token.user, token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


def scope_group_token(token: ApiToken) -> None:
    """A group token's account holds the token's role at every active property, read now (one
    query, whatever the number of properties): a property opened after the token was made is
    covered, a deactivated or deleted one is not. The roles live on this request's user object only
    (the membership cache every permission check reads), never in the database."""
    user = token.user
    user._memberships = {p.pk: Membership(user=user, property=p, role=token.role) for p in Property.objects.filter(is_active=True)}
    user.__dict__.pop("_property_ids", None)


class BrowserSessionAuthentication(SessionAuthentication):
    """The browser's log-in (the docs page tries calls out with it); CSRF-checked as usual."""


class TokenRateThrottle(SimpleRateThrottle):
    """Per token (its own `rate_per_minute`), per user for browser sessions; counters in the cache
    (Redis when configured, so every process shares them)."""

    scope = "api"

    def allow_request(self, request, view):
        token = request.auth if isinstance(request.auth, ApiToken) else None
        if token is not None:
            self.num_requests, self.duration = token.rate_per_minute, 60
        else:
            self.rate = self.get_rate()
            self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)

    def get_cache_key(self, request, view):
        if isinstance(request.auth, ApiToken):
            ident = f"token:{request.auth.pk}"
        elif request.user and request.user.is_authenticated:
            ident = f"user:{request.user.pk}"
        else:
            ident = f"ip:{self.get_ident(request)}"
        return self.cache_format % {"scope": self.scope, "ident": ident}


class Allowed(BasePermission):
    """The view's `permission` held at some property (lists, creates); objects are checked at
    their own property by `get_object` in the views."""

    def has_permission(self, request, view):
        perm = getattr(view, "permission", None)
        if perm is None:
            return bool(request.user and request.user.is_authenticated)
        return bool(permitted_property_ids(request, perm))


def permitted_property_ids(request, perm) -> set:
    cache = request.__dict__.setdefault("_api_property_ids", {})
    if perm not in cache:
        cache[perm] = property_ids_with(request.user, perm)
    return cache[perm]


def property_from_param(request, perm, value, *, field="property"):
    """A property named by code or id where the caller holds `perm`; a 400 otherwise (never says
    whether another group's property exists)."""
    ids = permitted_property_ids(request, perm)
    prop = None
    if value not in (None, ""):
        value = str(value)
        prop = Property.objects.filter(code=value, pk__in=ids).first() if not value.isdigit() else object_or_none(Property.objects.filter(pk__in=ids), value)
    if prop is None:
        raise exceptions.ValidationError({field: [_("Unknown property, or you may not do this there.")]})
    return prop


def default_property(request, perm, value, *, field="property"):
    """The named property, or the only one where the caller holds `perm`."""
    if value in (None, ""):
        ids = permitted_property_ids(request, perm)
        if len(ids) == 1:
            return Property.objects.get(pk=next(iter(ids)))
        raise exceptions.ValidationError({field: [_("Say which property (its code).")]})
    return property_from_param(request, perm, value, field=field)


def check_at(request, perm, property):
    if not user_can(request.user, perm, property):
        raise exceptions.PermissionDenied(_("You may not do this at %(property)s.") % {"property": property})
