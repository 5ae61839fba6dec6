from .models import Notification
from .choices import Role
from .ui import SETTINGS, menu_for, nav_for


def shell(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    role = getattr(request, "role", None)
    return {
        **_navigation(role),
        "active_property": request.property,
        "accessible_properties": request.accessible_properties,
        "active_role": role,
        "active_role_label": Role(role).label if role else "",
        "unread_notifications": _unread_count(request),
    }


def _unread_count(request):
    # Context processors run for every template rendered with the request (a table cell too):
    # count once per request.
    if not hasattr(request, "_unread_notifications"):
        request._unread_notifications = Notification.objects.filter(recipient=request.user, read_at__isnull=True).count()
    return request._unread_notifications


def _navigation(role):
    nav = nav_for(role)
    return {
        "nav_items": menu_for(nav),
        "settings_items": [i for i in nav if i["group"] == SETTINGS],
    }
