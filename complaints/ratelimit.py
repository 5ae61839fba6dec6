"""Fixed-window counters in the default cache, for the public guest page."""

from django.core.cache import caches


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
    # Only REMOTE_ADDR: forwarded headers can be forged unless a trusted proxy sets them.
    return request.META.get("REMOTE_ADDR", "unknown")
