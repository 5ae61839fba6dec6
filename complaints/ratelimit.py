"""Limits of the public guest page, counted in the database from accepted messages.

A prankster is stopped by the per-address limit long before the room's own (higher) limit, so
the room's page stays usable for the next guest, who writes from another phone. Invalid or refused
posts count for nothing, and the limits need no cache: a cache outage never loses a guest's message.
"""

import hashlib
import hmac
from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from hotelqa import audit

# (accepted messages, in seconds)
GUEST_PAGE_LIMITS = {"address": (5, 3600), "room": (20, 3600)}


def client_address(request) -> str:
    # REMOTE_ADDR, or the address seen by the outermost trusted proxy (TRUSTED_PROXY_COUNT).
    return audit.client_address(request) or "unknown"


def address_key(request) -> str:
    return hmac.new(settings.SECRET_KEY.encode(), client_address(request).encode(), hashlib.sha256).hexdigest()


def guest_page_limit_reached(*, room, address: str) -> str | None:
    """Which limit a new message from `address` about `room` would exceed ("address", "room"), if any."""
    from .models import GuestPageSubmission

    now = timezone.now()
    for scope, filters in (("address", {"address": address}), ("room", {"room": room})):
        limit, window = GUEST_PAGE_LIMITS[scope]
        recent = GuestPageSubmission.objects.filter(created_at__gt=now - timedelta(seconds=window), **filters)
        if recent.count() >= limit:
            return scope
    return None


def guest_page_count(*, room, address: str) -> None:
    """Count one accepted message, and forget those older than every window."""
    from .models import GuestPageSubmission

    now = timezone.now()
    GuestPageSubmission.objects.create(room=room, address=address, created_at=now)
    oldest = max(window for _limit, window in GUEST_PAGE_LIMITS.values())
    GuestPageSubmission.objects.filter(created_at__lt=now - timedelta(seconds=oldest)).delete()
