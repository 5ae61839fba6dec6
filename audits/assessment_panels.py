"""Cards of the staff assessment: on the scorecard (the approved assessments over the months), on
the dashboard (the distribution over the rating bands, from snapshots) and on a manager's landing
page (assessments waiting for approval)."""

from decimal import Decimal
from urllib.parse import urlencode

from django.urls import reverse

from hotelqa.dashboard import kpi_breakdown, panel_scope
from hotelqa.permissions import user_can

from .assessment_kpis import DISTRIBUTION
from .choices import AssessmentStatus, Rating
from .models import StaffAssessment


def staff_assessments(request, staff):
    """The approved assessments of the person, newest first, with their rewards and sanctions."""
    own = staff.user_id is not None and staff.user_id == request.user.pk
    if not own and not user_can(request.user, "audits.view_staffscorecard", staff.property):
        return None
    rows = list(StaffAssessment.objects.filter(staff=staff, status=AssessmentStatus.APPROVED).prefetch_related("consequences").order_by("-month")[:24])
    link = user_can(request.user, "audits.view_staffassessment", staff.property) and not own
    return {"rows": rows, "link": link, "staff": staff}


def distribution(request):
    scope = panel_scope(request, "audits.view_staffassessment")
    if scope is None:
        return None
    properties, start, end, department = scope["properties"], scope["start"], scope["end"], scope["department"]
    counts = dict(kpi_breakdown(code=DISTRIBUTION, properties=properties, start=start, end=end, department=department))
    total = sum(counts.values(), Decimal(0))
    base = reverse("audits:assessment_list")
    rows = []
    for rating in Rating:
        n = counts.get(rating.value, Decimal(0))
        query = {"status": AssessmentStatus.APPROVED, "rating": rating.value, "approved_from": start, "approved_to": end,
                 "department": department.pk if department else ""}
        share = (n * 100 / total).quantize(Decimal("0.1")) if total else None
        rows.append({"rating": rating, "count": int(n), "share": share, "link": f"{base}?{urlencode(query)}" if len(properties) == 1 else ""})
    return {"rows": rows, "total": int(total), "start": start, "end": end}


def waiting_for_approval(request):
    if request.property is None or not user_can(request.user, "audits.approve_staffassessment", request.property):
        return None
    qs = StaffAssessment.objects.filter(property=request.property, status=AssessmentStatus.SUBMITTED).select_related("staff").order_by("month")
    rows = list(qs[:10])
    if not rows:
        return None
    return {"rows": rows, "count": qs.count() if len(rows) == 10 else len(rows)}
