"""Reads of the facilities app for pages, panels and KPIs."""

import datetime as dt

from django.db.models import Count, Q
from django.utils import timezone

from hotelqa.choices import Role
from hotelqa.models import User

from .choices import InspectionStatus, WorkOrderStatus
from .models import Inspection, WorkOrder


def inspections_list(*, property):
    return Inspection.objects.for_property(property).select_related(
        "version__template", "asset", "location", "assignee", "department", "schedule"
    )


def work_orders_list(*, property):
    return WorkOrder.objects.for_property(property).select_related(
        "asset", "location", "assignee", "department", "category"
    )


def inspections_due_today(*, user, property, now=None):
    """Open inspections whose window is open some time today, for this user or their department
    (older overdue ones are on the inspection list, filtered by status)."""
    now = now or timezone.now()
    start_of_day = timezone.make_aware(dt.datetime.combine(timezone.localdate(now), dt.time.min))
    end_of_day = start_of_day + dt.timedelta(days=1)
    membership = user.membership_in(property)
    mine = Q(assignee=user)
    if membership and membership.department_id:
        mine |= Q(assignee__isnull=True, department_id=membership.department_id)
    if membership and membership.role == Role.FRONT_DESK:
        mine |= Q(assignee__isnull=True, department__isnull=True)
    return (
        inspections_list(property=property)
        .filter(mine, status__in=InspectionStatus.open_values(), due_start__lt=end_of_day, due_end__gte=start_of_day)
        .order_by("due_end")
    )


def work_orders_for_user(*, user, property):
    return work_orders_list(property=property).filter(assignee=user, status__in=WorkOrderStatus.open_values()).order_by("due_at")


def work_orders_overdue(*, property=None, properties=None, department=None, now=None):
    """Open work orders past their due time, of one property or of several (the dashboard's filter)."""
    base = work_orders_list(property=property) if properties is None else WorkOrder.objects.filter(property__in=properties).select_related(
        "asset", "location", "assignee", "department", "category", "property")
    qs = base.filter(status__in=WorkOrderStatus.open_values(), due_at__lt=now or timezone.now())
    if department is not None:
        qs = qs.filter(department=department)
    return qs.order_by("due_at")


def assignable_users(*, property):
    """People who can be given a repair: staff and supervisors of the property."""
    return User.objects.filter(
        is_active=True,
        memberships__property=property,
        memberships__role__in=[Role.STAFF, Role.SUPERVISOR],
    ).order_by("display_name", "username").distinct()


def property_members(*, property):
    return User.objects.filter(is_active=True, memberships__property=property).order_by("display_name", "username").distinct()


def defect_category(item):
    """The asset category a failure of this checklist item is filed under, or None."""
    from django.core.exceptions import ObjectDoesNotExist

    try:
        return item.defect.category
    except ObjectDoesNotExist:
        return None
