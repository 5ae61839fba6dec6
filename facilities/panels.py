"""Context of the landing and dashboard panels (registered in FacilitiesConfig.ready)."""

from hotelqa.choices import Role
from hotelqa.permissions import user_can

from . import selectors
from .choices import Priority


def my_inspections(request):
    if not user_can(request.user, "facilities.view_inspection", request.property):
        return None
    qs = selectors.inspections_due_today(user=request.user, property=request.property)
    return {"inspections": list(qs[:10]), "count": qs.count()}


def my_work_orders(request):
    if not user_can(request.user, "facilities.view_workorder", request.property):
        return None
    qs = selectors.work_orders_for_user(user=request.user, property=request.property)
    return {"work_orders": list(qs[:10]), "count": qs.count()}


def overdue_work_orders(request):
    if not user_can(request.user, "facilities.view_workorder", request.property):
        return None
    department = None
    if request.role == Role.SUPERVISOR:
        membership = request.user.membership_in(request.property)
        department = membership.department if membership else None
    qs = selectors.work_orders_overdue(property=request.property, department=department)
    return {"work_orders": list(qs[:10]), "count": qs.count()}


def open_defects(request):
    if not user_can(request.user, "facilities.view_workorder", request.property):
        return None
    return {"rows": selectors.open_defects_by_category(property=request.property)}


# What another app's record must say for a repair to be offered from its page (a complaint whose
# root cause is an equipment or facility failure); read by name so neither app imports the other.
EQUIPMENT_ROOT_CAUSE = "equipment"


def record_work_orders(request, obj):
    """On a record page (the case page): the work orders opened from it and, when its root cause
    is an equipment failure, a form to open one for an asset of its room."""
    from django.contrib.contenttypes.models import ContentType

    from .models import Asset, WorkOrder

    if not user_can(request.user, "facilities.view_workorder", obj.property):
        return None
    origin_type = ContentType.objects.get_for_model(obj)
    orders = list(WorkOrder.objects.filter(origin_type=origin_type, origin_id=obj.pk).select_related("asset", "assignee"))
    offer = getattr(obj, "root_cause", "") == EQUIPMENT_ROOT_CAUSE and user_can(request.user, "facilities.add_workorder", obj.property)
    if not (orders or offer):
        return None
    room = getattr(obj, "room_number", "")
    assets = list(Asset.objects.filter(property=obj.property, location__name__iexact=room).select_related("category")) if room and offer else []
    return {"orders": orders, "offer": offer, "assets": assets, "origin_type": origin_type.pk, "origin_id": obj.pk, "room": room, "priorities": Priority.choices}
