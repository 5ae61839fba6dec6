"""Reads of the organisation that the apps share."""

from .choices import Role
from .models import Membership


def members_with_role(*, property, role, department=None):
    """Active users holding `role` at `property` (in `department`, when one is given)."""
    qs = Membership.objects.filter(property=property, role=role, user__is_active=True).select_related("user")
    if department is not None:
        qs = qs.filter(department=department)
    return [m.user for m in qs.order_by("user__username")]


def department_supervisors(*, property, department):
    """Who escalations of a department go to: its supervisors, or every supervisor of the
    property when the record has no department."""
    return members_with_role(property=property, role=Role.SUPERVISOR, department=department)


def property_managers(*, property):
    return members_with_role(property=property, role=Role.MANAGER)


def audit_events_visible_to(*, user, qs=None):
    """The audit trail an admin reads (the Settings page and the Django admin): events at the
    properties where they may read it, and the log-ins and log-outs of those properties' staff."""
    from django.db.models import Q

    from .models import AuditEvent
    from .permissions import property_ids_with, user_is_group_admin

    qs = AuditEvent.objects.all() if qs is None else qs
    if user_is_group_admin(user):
        return qs
    property_ids = property_ids_with(user, "hotelqa.view_auditevent")
    staff = Membership.objects.filter(property_id__in=property_ids).values("user_id")
    return qs.filter(Q(property_id__in=property_ids) | Q(property__isnull=True, actor_id__in=staff))
