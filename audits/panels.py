"""Context of the landing and dashboard panels of audits (registered in `wiring.audits_ready`)."""

from django.utils import timezone

from hotelqa import kpi_registry
from hotelqa.dashboard import kpi_period, panel_scope, shown_tiles
from hotelqa.permissions import user_can

from .models import ActionStatus, Audit, AuditStatus, CorrectiveAction


def inspector_landing(request):
    """The inspector's day: audits due (theirs first) and actions waiting for verification."""
    prop = request.property
    if not user_can(request.user, "audits.change_audit", prop):
        return None
    due = (Audit.objects.filter(property=prop, status__in=AuditStatus.open_values(), inspector=request.user)
           .select_related("version__template", "department").order_by("due_at"))
    verify = (CorrectiveAction.objects.filter(property=prop, status=ActionStatus.CHECK).exclude(owner=request.user)
              .select_related("finding__item", "owner").order_by("due_at"))
    return {"audits": list(due[:10]), "audit_count": due.count(), "actions": list(verify[:10]), "action_count": verify.count(),
            "now": timezone.now()}


def my_actions(request):
    prop = request.property
    if not user_can(request.user, "audits.view_correctiveaction", prop):
        return None
    qs = (CorrectiveAction.objects.filter(property=prop, owner=request.user, status__in=[ActionStatus.PLAN, ActionStatus.DO])
          .select_related("finding__item").order_by("due_at"))
    count = qs.count()
    if not count:
        return None
    return {"actions": list(qs[:10]), "count": count, "now": timezone.now()}


def dashboard_audit_score(request):
    """Audit score of the dashboard period (from the snapshots, like the tile) with its target."""
    scope = panel_scope(request, "audits.view_audit")
    if scope is None:
        return None
    kpi = kpi_registry.get("audits.audit_score")
    on_time_kpi = kpi_registry.get("audits.audits_on_time")
    shown = shown_tiles(request, scope, [kpi, on_time_kpi])  # the dashboard's tiles hold both
    if shown:
        value, on_time = (tile.period for tile in shown)
    else:
        value = kpi_period(kpi=kpi, properties=scope["properties"], start=scope["start"], end=scope["end"], department=scope["department"])
        on_time = kpi_period(kpi=on_time_kpi, properties=scope["properties"], start=scope["start"], end=scope["end"],
                             department=scope["department"])
    return {"score": value.value, "status": kpi.status(value.value), "target": kpi.target, "on_time": on_time.value,
            "start": scope["start"], "end": scope["end"]}


def dashboard_open_actions(request):
    """Corrective actions open now and overdue now, for the dashboard's properties and department."""
    scope = panel_scope(request, "audits.view_correctiveaction")
    if scope is None:
        return None
    qs = CorrectiveAction.objects.filter(property__in=scope["properties"], status__in=ActionStatus.open_values())
    if scope["department"] is not None:
        qs = qs.filter(department=scope["department"])
    now = timezone.now()
    # The eight first due are picked on the index alone, then joined to what the panel shows
    # (joining first made the database read every finding); only the shown columns are loaded.
    first = qs.filter(due_at__lt=now).order_by("due_at").values("pk")[:8]
    overdue = (
        CorrectiveAction.objects.filter(pk__in=first)
        .select_related("finding__item", "owner", "property")
        .only("property__name", "property__name_zh", "finding__item__text", "finding__item__text_zh", "owner__display_name",
              "owner__first_name", "owner__last_name", "owner__username", "status", "due_at")
        .order_by("due_at")
    )
    from django.db.models import Count, Q

    counts = qs.aggregate(open=Count("id"), overdue=Count("id", filter=Q(due_at__lt=now)))
    return {"open": counts["open"], "overdue": counts["overdue"], "actions": list(overdue),
            "several": len(scope["properties"]) > 1}
