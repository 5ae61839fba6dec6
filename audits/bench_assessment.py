"""Benchmark data and pages of the staff assessment. At scale 1.0: 250 staff records per property
(of 20), each with 24 months of approved assessments (120,000 assessments, 720,000 criterion
scores), loaded with COPY. The first staff record of each property is the bench's department-staff
login, whose cases and work orders the other apps' loaders made, so its scorecard reads real
figures."""

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from hotelqa.bench import BenchRequest, bench_username, copy_rows, delete_rows, next_id, seeded
from hotelqa.choices import Role
from hotelqa.models import StaffMember, User
from hotelqa.staff_metrics import add_months

from .assessment_services import criteria_ensure_defaults, current_month
from .choices import AssessmentStatus, ScoreSource, rating_for
from .models import AssessmentScore, StaffAssessment

STAFF = 250
# Its own prefix: training's bench staff ("BT…") have attendance rows and are not this loader's to delete.
PREFIX = "BA"
MONTHS = 24


def clear(property_ids):
    delete_rows("audits_assessmentscore", "assessment_id IN (SELECT id FROM audits_staffassessment WHERE property_id = ANY(%s))", [property_ids])
    delete_rows("audits_assessmentconsequence", "assessment_id IN (SELECT id FROM audits_staffassessment WHERE property_id = ANY(%s))", [property_ids])
    delete_rows("audits_staffassessmenthistory", "assessment_id IN (SELECT id FROM audits_staffassessment WHERE property_id = ANY(%s))", [property_ids])
    delete_rows("audits_staffassessment", "property_id = ANY(%s)", [property_ids])
    delete_rows("hotelqa_staffmember", "property_id = ANY(%s) AND staff_number LIKE %s", [property_ids, PREFIX + "%"])


def seed(*, properties, scale, stdout):
    staff_per_property = max(5, int(STAFF * scale))
    ids = [p.pk for p in properties]
    expected = staff_per_property * MONTHS * len(ids)
    have = StaffAssessment.objects.filter(property_id__in=ids).count()
    if seeded(have, expected):
        stdout.write(f"  audits: {have} staff assessments already there")
        return
    clear(ids)
    rng = random.Random("bench-audits")
    last = add_months(current_month(), -1)
    months = [add_months(last, -i) for i in range(MONTHS - 1, -1, -1)]
    now = timezone.now()
    staff_id, assessment_id = next_id(StaffMember), next_id(StaffAssessment)
    staff_rows, assessment_rows, score_rows = [], [], []
    for prop in properties:
        criteria = criteria_ensure_defaults(property=prop)
        departments = list(prop.departments.values_list("pk", flat=True))
        login = User.objects.filter(username=bench_username(prop, Role.STAFF)).values_list("pk", flat=True).first()
        if login:
            StaffMember.objects.filter(property=prop, user_id=login).exclude(staff_number__startswith=PREFIX).update(user=None)
        for i in range(staff_per_property):
            user = login if i == 0 else None
            staff_rows.append((staff_id, prop.pk, f"{PREFIX}{i:05d}", f"Bench staff {i:04d}", departments[i % len(departments)], "Attendant",
                               dt.date(2020, 1, 1), "junior", user, True, None))
            for month in months:
                scores = [(c.pk, c.weight, Decimal(rng.randrange(50, 101))) for c in criteria]
                total = (sum(w * s for _c, w, s in scores) / sum(w for _c, w, s in scores)).quantize(Decimal("0.1"))
                approved = dt.datetime.combine(add_months(month, 1), dt.time(10), tzinfo=now.tzinfo) + dt.timedelta(days=rng.randrange(0, 10))
                assessment_rows.append((assessment_id, prop.pk, 3, staff_id, month, AssessmentStatus.APPROVED, total, rating_for(total), "",
                                        approved - dt.timedelta(days=3), approved - dt.timedelta(days=1), approved))
                for criterion_id, weight, score in scores:
                    score_rows.append((assessment_id, criterion_id, weight, ScoreSource.SUPERVISOR, "{}", score, ""))
                assessment_id += 1
            staff_id += 1
    copy_rows(StaffMember, ["id", "property_id", "staff_number", "name", "department_id", "position", "hire_date", "career_level", "user_id",
                            "is_active", "left_on"], staff_rows)
    n = copy_rows(StaffAssessment, ["id", "property_id", "version", "staff_id", "month", "status", "total", "rating", "comment", "created_at",
                                    "submitted_at", "approved_at"], assessment_rows)
    m = copy_rows(AssessmentScore, ["assessment_id", "criterion_id", "weight", "source", "figures", "score", "note"], score_rows)
    stdout.write(f"  audits: {len(staff_rows)} staff, {n} assessments, {m} criterion scores")


def requests(*, property):
    login = User.objects.filter(username=bench_username(property, Role.STAFF)).first()
    staff = StaffMember.objects.filter(property=property, user=login).first() if login else None
    scorecard = f"/audits/scorecards/{staff.pk}/" if staff else "/audits/scorecards/0/"
    return [
        BenchRequest("staff scorecard, 12 months", scorecard, role=Role.MANAGER),
        BenchRequest("staff scorecard, 24 months", scorecard + "?months=24", role=Role.MANAGER),
        BenchRequest("staff assessment list", "/audits/assessments/", role=Role.MANAGER),
        BenchRequest("staff assessment list, one month, good", f"/audits/assessments/?month={add_months(current_month(), -1):%Y-%m}&rating=good",
                     role=Role.MANAGER),
        BenchRequest("staff scorecard list", "/audits/scorecards/", role=Role.SUPERVISOR),
    ]
