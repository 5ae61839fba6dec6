"""The staff scorecard: one person's months side by side — the staff metrics every app registers
(hotelqa.staff_metrics: cases, SLA, satisfaction, inspections, work orders, audits, corrective
actions, training), the approved monthly assessments, and the cards other apps put on the page
(`hotelqa.ui.panel(place="staff")`).

The SQL is flat: at most one query per registered metric whatever the number of months (metrics
over the same records share one), one for the assessments, and what each card takes (a fixed
number each)."""

from dataclasses import dataclass

from django.utils import timezone

from hotelqa import staff_metrics
from hotelqa.staff_metrics import add_months, first_of_month

from .choices import AssessmentStatus
from .models import StaffAssessment

MONTH_CHOICES = (6, 12, 24)


@dataclass
class MetricRow:
    metric: object
    cells: list  # value or None, per month
    total: object  # over the months shown (counts summed), or None


def months_shown(count: int):
    last = first_of_month(timezone.localdate())
    return [add_months(last, -i) for i in range(count - 1, -1, -1)]


def scorecard(staff, months: list):
    values = staff_metrics.values_for(staff, months)
    rows = []
    for metric in staff_metrics.all_metrics():
        by_month = values.get(metric.code, {})
        cells = [by_month.get(m) for m in months]
        total = sum(v for v in cells if v is not None) if metric.unit == staff_metrics.COUNT and metric.summed else None
        rows.append(MetricRow(metric, cells, total))
    assessments = {a.month: a for a in StaffAssessment.objects.filter(
        staff=staff, status=AssessmentStatus.APPROVED, month__gte=months[0], month__lte=months[-1])}
    return {"months": months, "metric_rows": rows, "assessments": [assessments.get(m) for m in months],
            "assessed": [a for a in assessments.values()]}
