"""Context of the training panels (registered in TrainingConfig.ready)."""

from django.utils import timezone

from hotelqa.models import StaffMember
from hotelqa.permissions import user_can

from . import rules, selectors


def trainer_today(request):
    prop = request.property
    if not user_can(request.user, "training.view_session", prop):
        return None
    today = timezone.localdate()
    sessions = list(selectors.sessions_upcoming(property=prop, days=7, today=today)[:10])
    proposals = selectors.proposals_open(property=prop)
    overdue = selectors.plan_overdue(property=prop, today=today)
    expiring = selectors.certificates_expiring(property=prop, within_days=30, today=today)
    new_hires = list(StaffMember.objects.filter(property=prop, is_active=True, hire_date__gt=today - timezone.timedelta(days=rules.NEW_HIRE_DAYS))
                     .select_related("department").order_by("hire_date"))
    facts = selectors.staff_rules(new_hires, today)
    pre_job = [{"staff": s, **facts[s.pk]} for s in new_hires if not facts[s.pk]["pre_job_ok"]]
    return {
        "today": today, "sessions_today": [s for s in sessions if s.date == today], "sessions_soon": [s for s in sessions if s.date != today],
        "proposals": list(proposals[:8]), "proposal_count": proposals.count(),
        "overdue": list(overdue[:8]), "overdue_count": overdue.count(),
        "expiring": list(expiring[:8]), "expiring_count": expiring.count(),
        "pre_job": pre_job[:8], "pre_job_count": len(pre_job),
    }


def my_training(request):
    staff = selectors.staff_record_of(request.user, request.property)
    if staff is None or not user_can(request.user, "training.view_own_training", request.property):
        return None
    from .models import Attendance, Certification, PlanItem

    today = timezone.localdate()
    return {
        "staff": staff,
        "upcoming": list(Attendance.objects.filter(staff=staff, session__date__gte=today).exclude(session__status="cancelled")
                         .select_related("session__course").order_by("session__date")[:3]),
        "open_items": PlanItem.objects.filter(staff=staff, status="planned").count(),
        "expiring": Certification.objects.filter(staff=staff, expires_on__isnull=False, expires_on__lte=today + timezone.timedelta(days=30)).count(),
    }


# The dashboard's training tiles: the training KPIs, in this order.
DASHBOARD_KPIS = ("training.plan_completion", "training.pre_job_compliance", "training.attendance", "training.pass_rate",
                  "training.retraining_after_staff_error", "training.certificates_expired")


def dashboard_tiles(request):
    """The training KPIs over the dashboard's properties, department and period, read from the
    daily snapshots like the dashboard's other tiles (a fixed two queries, however much training)."""
    from hotelqa import kpi_registry
    from hotelqa.dashboard import kpi_tiles, panel_scope, shown_tiles

    scope = panel_scope(request, "training.view_planitem")
    if scope is None:
        return None
    kpis = [kpi_registry.get(code) for code in DASHBOARD_KPIS]
    tiles = shown_tiles(request, scope, kpis) or kpi_tiles(
        properties=scope["properties"], start=scope["start"], end=scope["end"], granularity="month", kpis=kpis, department=scope["department"])
    return {"tiles": tiles, "start": scope["start"], "end": scope["end"], "query": request.GET.urlencode()}


def record_retraining(request, obj):
    """On a case page: what became of the retraining its staff error proposed."""
    if not hasattr(obj, "staff_members") or not user_can(request.user, "training.view_own_training", obj.property):
        return None
    status = selectors.retraining_for(obj)
    if status is None:
        return None
    status["can_open"] = user_can(request.user, "training.view_proposal", obj.property)
    return status
