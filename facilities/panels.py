"""Context of the landing and dashboard panels (registered in FacilitiesConfig.ready)."""

from hotelqa.choices import Role
from hotelqa.dashboard import kpi_breakdown, panel_scope
from hotelqa.permissions import user_can
from hotelqa.query_planning import joins_in_written_order

from . import selectors
from .choices import Priority
from .kpis import OPEN_DEFECTS_BY_CATEGORY, category_labels


def my_inspections(request):
    if not user_can(request.user, "facilities.view_inspection", request.property):
        return None
    qs = selectors.inspections_due_today(user=request.user, property=request.property)
    # Seven tables joined to a few rows found on the inspection's own columns: choosing the join
    # order took the planner ~3 ms, running the query 0.1 ms.
    with joins_in_written_order():
        inspections = list(qs[:10])
    return {"inspections": inspections, "count": qs.count()}


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


def _dashboard_overdue(request):
    scope = panel_scope(request, "facilities.view_workorder")
    if scope is None:
        return None
    department = scope["department"]
    if department is None and request.role == Role.SUPERVISOR:
        membership = request.user.membership_in(request.property)
        department = membership.department if membership else None
    return selectors.work_orders_overdue(properties=scope["properties"], department=department)


def dashboard_overdue_work_orders(request):
    """Work overdue now, for the properties and department the dashboard is filtered on."""
    qs = _dashboard_overdue(request)
    if qs is None:
        return None
    work_orders = list(qs[:10])
    # Fewer than ten listed are all of them; else the "today so far" strip has just counted them.
    count = len(work_orders) if len(work_orders) < 10 else getattr(request, "dashboard_overdue_count", None)
    return {"work_orders": work_orders, "count": qs.count() if count is None else count,
            "several": len(getattr(request, "dashboard_scope", {}).get("properties", ())) > 1}


def dashboard_today(request):
    qs = _dashboard_overdue(request)
    if qs is None:
        return None
    request.dashboard_overdue_count = qs.count()
    return {"count": request.dashboard_overdue_count}


def open_defects(request):
    """Open work orders by category at the close of the dashboard period: the same work orders
    as the "Open defects" tile (both read the snapshots of `work_orders_open_at`)."""
    scope = panel_scope(request, "facilities.view_workorder")
    if scope is None:
        return None
    totals = kpi_breakdown(code=OPEN_DEFECTS_BY_CATEGORY, properties=scope["properties"], start=scope["start"], end=scope["end"],
                           department=scope["department"])
    names = category_labels([k for k, _n in totals])
    merged = {}
    for key, n in totals:
        name = names.get(key, "")
        merged[name] = merged.get(name, 0) + int(n)
    rows = sorted(({"name": name, "count": n} for name, n in merged.items()), key=lambda r: (-r["count"], r["name"]))
    return {"rows": rows, "total": sum(r["count"] for r in rows), "end": scope["end"]}


# What another app's record must say for a repair to be offered from its page (a complaint whose
# root cause is an equipment or facility failure); read by name so neither app imports the other.
EQUIPMENT_ROOT_CAUSE = "equipment"


def record_work_orders(request, obj):
    """On a record page (the case page): the work orders opened from it and, when its root cause
    is an equipment failure, a form to open one for an asset of its room."""
    from django.contrib.contenttypes.models import ContentType

    from .models import Asset, WorkOrder

    if getattr(obj, "property_id", None) is None:  # a record of no property (a guest profile)
        return None
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
