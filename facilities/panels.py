"""Context of the landing and dashboard panels (registered in FacilitiesConfig.ready)."""

from hotelqa.choices import Role
from hotelqa.permissions import user_can

from . import selectors


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
