"""Effectiveness of a course (SPEC §5), per department:

- the assessment score change: the mean of (score − score before) over attendees with both;
- the complaints in the categories the course addresses, in that department, in the 60 days after
  the training against the 60 days before. The training date is the department's last session of
  the course (the latest date one of its staff attended): "before" is the 60 days up to the day
  before it, "after" the day itself and the 59 days that follow.
"""

import datetime as dt

from django.db.models import Avg, Count, F, Max, Q

from hotelqa.models import Department

from .models import Attendance

WINDOW_DAYS = 60


def complaint_counts(*, department, categories, on: dt.date) -> tuple[int, int]:
    from complaints.models import Case

    if not categories:
        return 0, 0
    start, end = on - dt.timedelta(days=WINDOW_DAYS), on + dt.timedelta(days=WINDOW_DAYS)
    row = Case.objects.filter(kind="complaint", department=department, category__in=categories,
                              received_at__date__gte=start, received_at__date__lt=end).aggregate(
        before=Count("pk", filter=Q(received_at__date__lt=on)), after=Count("pk", filter=Q(received_at__date__gte=on)))
    return row["before"], row["after"]


def course_effectiveness(course, department=None) -> list[dict]:
    atts = Attendance.objects.filter(session__course=course, attended=True, staff__department__isnull=False).exclude(session__status="cancelled")
    if department is not None:
        atts = atts.filter(staff__department=department)
    rows = list(atts.values("staff__department_id").annotate(
        attendees=Count("staff", distinct=True), last=Max("session__date"),
        before=Avg("score_before", filter=Q(score_before__isnull=False, score__isnull=False)),
        after=Avg("score", filter=Q(score_before__isnull=False, score__isnull=False)),
        change=Avg(F("score") - F("score_before"), filter=Q(score_before__isnull=False, score__isnull=False)),
        n_passed=Count("pk", filter=Q(passed=True)), n_assessed=Count("pk", filter=Q(passed__isnull=False)),
    ))
    departments = Department.objects.in_bulk([r["staff__department_id"] for r in rows])
    out = []
    for r in rows:
        dept = departments[r["staff__department_id"]]
        before, after = complaint_counts(department=dept, categories=course.complaint_categories or [], on=r["last"])
        out.append({
            "department": dept, "attendees": r["attendees"], "trained_on": r["last"],
            "score_before": _round(r["before"]), "score_after": _round(r["after"]), "score_change": _round(r["change"]),
            "pass_rate": round(100 * r["n_passed"] / r["n_assessed"]) if r["n_assessed"] else None,
            "complaints_before": before, "complaints_after": after, "complaints_change": after - before,
            "complaints_change_pct": round(100 * (after - before) / before) if before else None,
        })
    return sorted(out, key=lambda r: str(r["department"]))


def _round(value):
    return None if value is None else round(float(value), 1)
