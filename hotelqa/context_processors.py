from .models import Notification
from .choices import Role
from .ui import nav_for


def shell(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    role = getattr(request, "role", None)
    return {
        "nav_items": nav_for(role),
        "active_property": request.property,
        "accessible_properties": request.accessible_properties,
        "active_role": role,
        "active_role_label": Role(role).label if role else "",
        "unread_notifications": Notification.objects.filter(recipient=user, read_at__isnull=True).count(),
    }
