"""Landing and dashboard panels of the case engine (context functions for hotelqa.ui.panel)."""

import datetime as dt

from django.urls import reverse
from django.utils import timezone

from hotelqa.permissions import user_can

from . import selectors
from .choices import Category


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


def category_pareto(*, properties, start, end):
    """[(category, count, cumulative %)], most frequent first, from the daily snapshots."""
    from hotelqa.dashboard import kpi_breakdown

    from .kpis import CATEGORY_BREAKDOWN

    counts = [(key, int(total)) for key, total in kpi_breakdown(code=CATEGORY_BREAKDOWN, properties=properties, start=start, end=end)]
    whole = sum(n for _key, n in counts) or 1
    running, rows = 0, []
    for key, n in counts:
        running += n
        rows.append((key, n, round(running * 100 / whole, 1)))
    return rows


def pareto_context(request):
    scope = getattr(request, "dashboard_scope", None)
    if scope:
        properties, start, end = scope["properties"], scope["start"], scope["end"]
    else:
        properties, end = [request.property], timezone.localdate()
        start = end - dt.timedelta(days=30)
    rows = category_pareto(properties=properties, start=start, end=end)
    labels = dict(Category.choices)
    base = reverse("complaints:case_list")
    links = [f"{base}?kind=complaint&category={c}&received_after={start}&received_before={end}" for c, _n, _cum in rows]
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
