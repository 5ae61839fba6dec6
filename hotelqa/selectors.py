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
