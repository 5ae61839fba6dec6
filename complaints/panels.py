"""Landing and dashboard panels of the case engine (context functions for hotelqa.ui.panel)."""

from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from hotelqa.dashboard import panel_scope, today_bounds
from hotelqa.permissions import user_can

from . import selectors
from .choices import Category, Grade
from .models import FINAL_STATUSES, Case


def front_desk_context(request):
    prop = request.property
    if not user_can(request.user, "complaints.add_case", prop):
        return None
    return {
        "revisits": list(selectors.revisits_on_list(property=prop)[:8]),
        "requests": list(selectors.open_requests(property=prop)[:8]),
        "now": timezone.now(),
    }


def my_queue_context(request):
    prop = request.property
    if not user_can(request.user, "complaints.view_case", prop):
        return None
    return {"cases": list(selectors.my_queue(user=request.user, property=prop)[:10]), "now": timezone.now()}


def department_queue_context(request):
    prop = request.property
    if not user_can(request.user, "complaints.view_case", prop):
        return None
    membership = request.user.membership_in(prop)
    department = membership.department if membership else None
    return {
        "department": department,
        "cases": list(selectors.department_queue(department=department, property=prop)[:10]),
        "now": timezone.now(),
    }


def category_pareto(*, properties, start, end, department=None):
    """[(category, count, cumulative %)], most frequent first, from the daily snapshots."""
    from hotelqa.dashboard import kpi_breakdown

    from .kpis import CATEGORY_BREAKDOWN

    counts = [(key, int(total)) for key, total in kpi_breakdown(code=CATEGORY_BREAKDOWN, properties=properties, start=start, end=end, department=department)]
    whole = sum(n for _key, n in counts) or 1
    running, rows = 0, []
    for key, n in counts:
        running += n
        rows.append((key, n, round(running * 100 / whole, 1)))
    return rows


def pareto_context(request):
    scope = panel_scope(request, "complaints.view_case")
    if scope is None:
        return None
    properties, start, end, department = scope["properties"], scope["start"], scope["end"], scope["department"]
    rows = category_pareto(properties=properties, start=start, end=end, department=department)
    labels = dict(Category.choices)
    base = reverse("complaints:case_list") + "?" + urlencode({"kind": "complaint", "received_after": start, "received_before": end, "department": department.pk if department else ""})
    links = [f"{base}&category={c}" for c, _n, _cum in rows]
    return {
        "rows": rows,
        "legend": [(labels.get(c, c), link, n, cum) for (c, n, cum), link in zip(rows, links)],
        "chart": {
            "labels": [str(labels.get(c, c)) for c, _n, _cum in rows],
            "counts": [n for _c, n, _cum in rows],
            "cumulative": [cum for _c, _n, cum in rows],
            "links": links,
        },
        "start": start,
        "end": end,
    }


def today_context(request):
    """Live counts for the dashboard's "today so far" strip (one query over today's and open cases)."""
    scope = panel_scope(request, "complaints.view_case")
    if scope is None:
        return None
    now = timezone.now()
    today = Q()
    for prop, start in today_bounds(scope["properties"]):
        today |= Q(property=prop, received_at__gte=start)
    qs = Case.objects.filter(property__in=scope["properties"]).filter(today | ~Q(status__in=FINAL_STATUSES))
    if scope["department"] is not None:
        qs = qs.filter(department=scope["department"])
    counts = qs.aggregate(
        received=Count("id", filter=today),
        urgent=Count("id", filter=Q(grade=Grade.URGENT) & ~Q(status__in=FINAL_STATUSES)),
        overdue=Count("id", filter=selectors.overdue_q(now)),
    )
    base = reverse("complaints:case_list")
    return {
        "counts": counts,
        "links": {
            "received": f"{base}?received_after={timezone.localdate()}",
            "urgent": f"{base}?open=on&grade={Grade.URGENT}",
            "overdue": f"{base}?overdue=on",
        },
    }


def guest_cases(request, obj):
    """On the guest profile (a record panel): the guest's cases at the properties where the
    reader's role there shows cases; cases of other properties are only counted."""
    from crm.models import Guest
    from hotelqa.permissions import property_ids_with

    if not isinstance(obj, Guest):
        return None
    visible = property_ids_with(request.user, "complaints.view_case")
    if not visible:
        return None
    cases = list(Case.objects.filter(guest=obj, property_id__in=visible).select_related("property").order_by("-received_at")[:20])
    return {"cases": cases, "elsewhere": Case.objects.filter(guest=obj).exclude(property_id__in=visible).count(),
            "several": len(visible) > 1}
