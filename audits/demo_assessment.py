"""Demo staff assessments: the default criteria at every property, and for the engineering
department's staff (assessed by `supervisor.<code>`) three months approved, and last month one
waiting for the manager and one draft. Safe to run again: an assessed month is left as it is."""

import random
from decimal import Decimal

from django.db import transaction

from hotelqa.choices import DepartmentKind, Role
from hotelqa.models import Membership, StaffMember
from hotelqa.staff_metrics import add_months

from . import assessment_services as services
from .choices import AssessmentStatus, ConsequenceKind
from .models import StaffAssessment


def _one(staff, month, supervisor, manager, status, rng):
    if StaffAssessment.objects.filter(staff=staff, month=month).exists():
        return
    assessment = services.assessment_create(staff=staff, month=month, actor=supervisor)
    scores = {row.pk: (Decimal(rng.choice(range(60, 101, 5))), "") for row in assessment.scores.all() if row.score is None}
    services.assessment_score(assessment=assessment, scores=scores, actor=supervisor,
                              comment="Reliable on the night shift; logs could be more complete. 夜班可靠，记录可更完整。")
    assessment.refresh_from_db()
    if status == AssessmentStatus.DRAFT:
        return
    if assessment.total is not None and assessment.total >= 90:
        services.consequence_add(assessment=assessment, kind=ConsequenceKind.BONUS, amount=Decimal(300), actor=supervisor,
                                 note="Best of the month 本月最佳")
    services.assessment_transition(assessment=assessment, to_status=AssessmentStatus.SUBMITTED, actor=supervisor)
    if status == AssessmentStatus.APPROVED:
        services.assessment_transition(assessment=assessment, to_status=AssessmentStatus.APPROVED, actor=manager)


@transaction.atomic
def seed(*, properties, stdout=None):
    rng = random.Random(11)
    made = 0
    for prop in properties:
        services.criteria_ensure_defaults(property=prop)
        supervisor = Membership.objects.filter(property=prop, role=Role.SUPERVISOR, department__kind=DepartmentKind.ENGINEERING).select_related("user").first()
        manager = Membership.objects.filter(property=prop, role=Role.MANAGER).select_related("user").first()
        if supervisor is None or manager is None:
            continue
        staff = list(StaffMember.objects.filter(property=prop, department=supervisor.department, is_active=True)
                     .exclude(user=supervisor.user).select_related("property").order_by("pk"))
        last = add_months(services.current_month(), -1)
        for i, person in enumerate(staff):
            for back in (3, 2):
                _one(person, add_months(last, -back + 1), supervisor.user, manager.user, AssessmentStatus.APPROVED, rng)
            _one(person, last, supervisor.user, manager.user, AssessmentStatus.SUBMITTED if i % 2 == 0 else AssessmentStatus.DRAFT, rng)
            made += 1
    if stdout:
        stdout.write(f"  staff assessments for {made} people")
