"""Fixed-window counters in the default cache, for the public guest page."""

from django.core.cache import caches

from hotelqa import audit


def allow(key: str, *, limit: int, window: int) -> bool:
    """Count one hit on `key`; False once more than `limit` hits fell in the current window."""
    cache = caches["default"]
    if cache.add(key, 1, timeout=window):
        return limit >= 1
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit


def client_address(request) -> str:
    # REMOTE_ADDR, or the address seen by the outermost trusted proxy (TRUSTED_PROXY_COUNT).
    return audit.client_address(request) or "unknown"
