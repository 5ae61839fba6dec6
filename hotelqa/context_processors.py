from .choices import Role
from .models import UNREAD_COUNTED
from .ui import navigation


def shell(request):
    """The top bar's data. Context processors run for every template rendered with the request
    (the page, and again for its list table): worked out once per request."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    cached = getattr(request, "_shell_context", None)
    if cached is not None:
        return cached
    role = getattr(request, "role", None)
    unread = _unread_count(request)
    request._shell_context = {
        **navigation(role),
        "active_property": request.property,
        "accessible_properties": request.accessible_properties,
        "active_role": role,
        "active_role_label": Role(role).label if role else "",
        "unread_notifications": unread,
        "unread_notifications_shown": f"{UNREAD_COUNTED - 1}+" if unread >= UNREAD_COUNTED else unread,
    }
    return request._shell_context


def _unread_count(request):
    # Read with the user's memberships at the start of the request (ActivePropertyMiddleware).
    return request.user.unread_notification_count()

