"""Context of the landing and dashboard panels (registered in FacilitiesConfig.ready)."""

from hotelqa.choices import Role
from hotelqa.dashboard import kpi_breakdown, panel_scope
from hotelqa.permissions import user_can

from . import selectors
from .kpis import OPEN_DEFECTS_BY_CATEGORY, category_labels


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
    return {"work_orders": list(qs[:10]), "count": qs.count(), "several": len(getattr(request, "dashboard_scope", {}).get("properties", ())) > 1}


def dashboard_today(request):
    qs = _dashboard_overdue(request)
    return None if qs is None else {"count": qs.count()}


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
