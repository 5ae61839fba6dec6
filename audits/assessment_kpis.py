"""KPIs of the monthly staff assessment: the distribution of approved assessments over the
rating bands (a breakdown, stored per band) and the share rated good or better (a tile). An
assessment counts on the day it was approved; an approved assessment is not changed, so a day's
value is final when the day closes."""

from decimal import Decimal

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from hotelqa.choices import KpiDirection
from hotelqa.kpi_registry import Aggregate, Kpi, Measure, register

from .choices import AssessmentStatus, Rating
from .models import StaffAssessment

DISTRIBUTION = "audits.assessment_distribution"
GOOD_OR_BETTER = "audits.assessments_good_or_better"


def approved_assessments(*, property, start, end, department=None):
    qs = StaffAssessment.objects.filter(property=property, status=AssessmentStatus.APPROVED, approved_at__gte=start, approved_at__lt=end)
    return qs.filter(staff__department=department) if department is not None else qs


def approved_count(*, property, start, end, department=None):
    return Measure(Decimal(approved_assessments(property=property, start=start, end=end, department=department).count()))


def by_rating(*, property, start, end, department=None):
    rows = approved_assessments(property=property, start=start, end=end, department=department).values("rating").annotate(n=Count("id"))
    return {row["rating"]: Measure(Decimal(row["n"])) for row in rows if row["rating"]}


def _note(assessment):
    return f"{assessment.month:%Y-%m} · {assessment.total} · {assessment.get_rating_display()}"


register(Kpi(
    code=GOOD_OR_BETTER, name=_("Staff rated good or better"), unit="%", scale=100, direction=KpiDirection.HIGHER_IS_BETTER,
    target=Decimal(60), warning=Decimal(40), order=600,
    formula=_("Monthly staff assessments approved in the period rated Excellent (90 or more) or Good (80 to 89.9) ÷ "
              "monthly staff assessments approved in the period."),
    records=approved_assessments, counted=Q(rating__in=[Rating.EXCELLENT, Rating.GOOD]), record_note=_note, records_select=("staff",),
    records_label=_("Staff assessments approved in the period (✓ = good or better)"),
))
register(Kpi(
    code=DISTRIBUTION, name=_("Staff assessment distribution"), unit="", direction=KpiDirection.HIGHER_IS_BETTER,
    target=None, warning=None, compute=approved_count, breakdown=by_rating, aggregate=Aggregate.SUM, order=601,
    formula=_("Monthly staff assessments approved in the period, per rating band."), records=approved_assessments,
    extra={"keys": list(Rating.values)}, key_labels=lambda keys: {k: Rating(k).label for k in keys if k in Rating.values},
))
