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


def pareto_context(request):
    scope = getattr(request, "dashboard_scope", None)
    if scope:
        properties, start, end = scope["properties"], scope["start"], scope["end"]
    else:
        properties, end = [request.property], timezone.localdate()
        start = end - dt.timedelta(days=30)
    rows = selectors.category_pareto(properties=properties, start=start, end=end)
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
