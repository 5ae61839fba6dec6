"""Fixed data for the KPI invariants: about a hundred days of cases, revisits, recovery, stays,
inspections, work orders and notifications at one property, spread over its departments, drawn
from a seeded random generator (the same every run), with the daily snapshots stored."""

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from complaints.choices import ApprovalStatus, CaseKind, CaseStatus, Category, Grade, RecoveryKind, RevisitOutcome, RootCause
from complaints.models import Case, RecoveryAction, Revisit
from crm.models import Guest, Stay
from facilities.choices import InspectionStatus, WorkOrderStatus
from facilities.models import Inspection, WorkOrder
from hotelqa.choices import Role
from hotelqa.models import Notification
from hotelqa.services import day_bounds, kpi_snapshot_day
from tests.facilities.factories import AssetCategoryFactory, LocationFactory, published_template
from tests.factories import make_member

from .kpi_world_crm import build_crm

DAYS = 92
KINDS = ("engineering", "housekeeping")  # departments kept: snapshots are computed per department


def last_day():
    return timezone.localdate() - dt.timedelta(days=1)


def build(property, *, seed=13):
    rng = random.Random(seed)
    first = last_day() - dt.timedelta(days=DAYS - 1)
    origin = day_bounds(first, property.time_zone)[0] - dt.timedelta(days=5)  # some records before the range
    span = (DAYS + 5) * 86400

    def moment():
        return origin + dt.timedelta(seconds=rng.randrange(span))

    property.departments.exclude(kind__in=KINDS).delete()
    departments = list(property.departments.all())
    engineering = property.departments.get(kind="engineering")

    guest = Guest.objects.create(home_property=property, name="Fixed guest")
    Stay.objects.bulk_create(
        Stay(property=property, guest=guest, arrival=first + dt.timedelta(days=offset), departure=first + dt.timedelta(days=offset + length),
             room_nights=rooms * length + extra)
        for offset, length, rooms, extra in ((rng.randrange(-5, DAYS), rng.randint(1, 6), rng.randint(1, 3), rng.randint(0, 2)) for _ in range(160))
    )

    cases = []
    for i in range(420):
        received = moment()
        kind = rng.choice([CaseKind.COMPLAINT] * 4 + [CaseKind.INCIDENT, CaseKind.REQUEST])
        grade = "" if kind == CaseKind.REQUEST else rng.choice(list(Grade.values))
        minutes = rng.choice([rng.uniform(0, 59), rng.uniform(60, 239), rng.uniform(240, 1500), rng.uniform(1500, 3000)])
        responded = received + dt.timedelta(minutes=minutes) if rng.random() < 0.9 else None
        resolved = responded + dt.timedelta(hours=rng.uniform(0.5, 60)) if responded and rng.random() < 0.8 else None
        closed = resolved is not None and rng.random() < 0.8
        cases.append(Case(
            property=property, number=f"KPI-{i:04d}", kind=kind, grade=grade, description="fixed", received_at=received,
            category=rng.choice(list(Category.values) + [""]) if kind == CaseKind.COMPLAINT else "",
            department=rng.choice(departments + [None]),
            status=CaseStatus.CLOSED if closed else (CaseStatus.SOLUTION if resolved else CaseStatus.ASSIGNED),
            response_due=received + dt.timedelta(minutes=rng.choice([15, 60, 1440])) if rng.random() < 0.95 else None,
            resolution_due=received + dt.timedelta(hours=rng.choice([4, 24, 48])),
            first_response_at=responded, resolved_at=resolved,
            satisfaction=rng.randint(1, 5) if closed and rng.random() < 0.85 else None,
            reopen_count=1 if resolved and rng.random() < 0.1 else 0,
            root_cause=rng.choice([RootCause.STAFF, RootCause.PROCESS, ""]),
        ))
    cases = Case.objects.bulk_create(cases)

    revisits, actions = [], []
    for case in cases:
        if case.status == CaseStatus.CLOSED and case.kind == CaseKind.COMPLAINT:
            due = case.resolved_at + dt.timedelta(days=3)
            state = rng.random()
            done = due + dt.timedelta(hours=rng.uniform(-2, 30)) if state < 0.8 else None
            outcome = "" if done is None or state < 0.05 else rng.choice(list(RevisitOutcome.values))
            revisits.append(Revisit(property=property, case=case, due_at=due, done_at=done, outcome=outcome))
        if rng.random() < 0.3:
            actions.append(RecoveryAction(
                property=property, case=case, kind=rng.choice(list(RecoveryKind.values)), cost=Decimal(rng.randrange(0, 90000)) / 100,
                approval=rng.choice(list(ApprovalStatus.values)), created_at=case.received_at + dt.timedelta(hours=rng.uniform(0, 30)),
            ))
    Revisit.objects.bulk_create(revisits)
    RecoveryAction.objects.bulk_create(actions)

    version = published_template(property).current_version
    location = LocationFactory(property=property)
    inspections = []
    for _ in range(200):
        due_end = moment()
        submitted = due_end + dt.timedelta(hours=rng.uniform(-6, 6)) if rng.random() < 0.85 else None
        inspections.append(Inspection(
            property=property, version=version, location=location, target_key=f"location:{location.pk}",
            due_start=due_end - dt.timedelta(hours=8), due_end=due_end, department=rng.choice([engineering, None] + departments),
            status=InspectionStatus.SUBMITTED if submitted else InspectionStatus.OVERDUE, submitted_at=submitted,
            passed=rng.random() < 0.8 if submitted else None,
        ))
    Inspection.objects.bulk_create(inspections)

    categories = [AssetCategoryFactory(property=property), AssetCategoryFactory(property=property), None]
    work_orders = []
    for _ in range(180):
        created = moment()
        done = created + dt.timedelta(hours=rng.uniform(0.2, 200)) if rng.random() < 0.8 else None
        work_orders.append(WorkOrder(
            property=property, title="Fixed defect", location=location, category=rng.choice(categories),
            department=rng.choice([engineering, None] + departments), created_at=created,
            due_at=created + dt.timedelta(hours=rng.choice([4, 24, 72])), done_at=done,
            status=WorkOrderStatus.DONE if done else WorkOrderStatus.OPEN,
        ))
    WorkOrder.objects.bulk_create(work_orders)

    people = [make_member(property, Role.STAFF, department_kind=d.kind) for d in departments]
    Notification.objects.bulk_create(
        Notification(recipient=rng.choice(people), property=property, title="Fixed", created_at=created,
                     read_at=created + dt.timedelta(hours=rng.uniform(0, 48)) if rng.random() < 0.8 else None)
        for created in (moment() for _ in range(250))
    )

    _staff_assessments(property, rng, moment, departments)
    _audits(property, rng, moment, departments)
    build_crm(property, rng, first, origin, moment, departments, DAYS)
    _training(property, rng, first, departments)
    _pre_job(property, rng, first, departments)

    for offset in range(DAYS):
        kpi_snapshot_day(property=property, day=first + dt.timedelta(days=offset))
    return first


def _staff_assessments(property, rng, moment, departments):
    """Approved monthly staff assessments (audits), spread over the days by their approval, in
    every rating band, and some still waiting (not counted)."""
    from audits.choices import AssessmentStatus, rating_for
    from audits.models import StaffAssessment
    from hotelqa.models import StaffMember

    people = StaffMember.objects.bulk_create(
        StaffMember(property=property, staff_number=f"KPI{i}", name=f"Assessed {i}", department=rng.choice(departments + [None]),
                    hire_date=dt.date(2020, 1, 1))
        for i in range(60)
    )
    rows = []
    for person in people:
        for back in range(4):
            approved = moment()
            total = Decimal(rng.randrange(450, 1000)) / 10
            status = AssessmentStatus.APPROVED if rng.random() < 0.85 else AssessmentStatus.SUBMITTED
            rows.append(StaffAssessment(property=property, staff=person, month=dt.date(2020 + back, 1, 1), status=status, total=total,
                                        rating=rating_for(total), approved_at=approved if status == AssessmentStatus.APPROVED else None))
    StaffAssessment.objects.bulk_create(rows)


def _audits(property, rng, moment, departments):
    """Audits (scores, due and submitted times), findings (some repeats) and corrective actions."""
    from audits.models import ActionStatus, Audit, AuditStatus, CorrectiveAction, Finding
    from hotelqa.checklists.models import ChecklistAnswer, ChecklistResponse
    from tests.audits.factories import audit_template

    version = audit_template(property).current_version
    item = version.items.first()
    owner = make_member(property, Role.SUPERVISOR)
    audits = []
    for _ in range(150):
        due = moment()
        submitted = due + dt.timedelta(hours=rng.uniform(-72, 24)) if rng.random() < 0.85 else None
        audits.append(Audit(
            property=property, version=version, department=rng.choice(departments), period_start=(due - dt.timedelta(days=7)).date(),
            due_at=due, status=AuditStatus.SUBMITTED if submitted else AuditStatus.OVERDUE, submitted_at=submitted,
            score=Decimal(rng.randint(40, 100)) if submitted else None,
        ))
    Audit.objects.bulk_create(audits)
    submitted = [a for a in audits if a.submitted_at]
    for audit in submitted[:120]:
        response = ChecklistResponse.objects.create(property=property, version=version, completed_at=audit.submitted_at)
        answer = ChecklistAnswer.objects.create(response=response, item=item, value_bool=False, is_failed=True)
        finding = Finding.objects.create(property=property, audit=audit, answer=answer, item=item, department=audit.department,
                                         is_repeat=rng.random() < 0.3, created_at=audit.submitted_at)
        due = audit.submitted_at + dt.timedelta(days=rng.choice([3, 14]))
        closed = due + dt.timedelta(hours=rng.uniform(-200, 100)) if rng.random() < 0.75 else None
        if closed is not None and closed < audit.submitted_at:
            closed = audit.submitted_at + dt.timedelta(hours=1)
        CorrectiveAction.objects.create(property=property, finding=finding, department=audit.department, owner=owner, due_at=due,
                                        status=ActionStatus.ACT if closed else ActionStatus.DO, closed_at=closed)


def _training(property, rng, first, departments):
    """Sessions with attendance and scores, plan items, certificates and staff-error complaints
    with their retraining, on every few days of the range and in each department."""
    from django.contrib.contenttypes.models import ContentType

    from hotelqa.models import StaffMember
    from training.models import Attendance, Certification, Course, PlanItem, Proposal, Session

    course = Course.objects.create(property=property, code="KPI-C", name="Fixed course", name_zh="固定课程", category="etiquette",
                                   pass_mark=70, validity_months=1)
    staff = [StaffMember.objects.create(property=property, staff_number=f"KPI-S{i:03d}", name=f"Fixed staff {i}", department=departments[i % len(departments)],
                                        hire_date=first - dt.timedelta(days=400)) for i in range(12)]
    for offset in range(-5, DAYS + 3, 2):
        day = first + dt.timedelta(days=offset)
        session = Session.objects.create(property=property, course=course, date=day, status="held", checkin_token=f"kpi-{offset}")
        for person in rng.sample(staff, 6):
            attended = rng.random() < 0.85
            score = rng.randint(40, 100) if attended and rng.random() < 0.9 else None
            att = Attendance.objects.create(session=session, property=property, staff=person, attended=attended, score=score,
                                            passed=None if score is None else score >= course.pass_mark)
            if att.passed:
                Certification.objects.create(property=property, staff=person, course=course, name="Fixed certificate", issued_on=day,
                                             expires_on=day + dt.timedelta(days=rng.randint(5, 40)), attendance=att)
    open_items = set()  # one open item per person and course
    for offset in range(-5, DAYS + 3):
        for person in rng.sample(staff, 3):
            due = first + dt.timedelta(days=offset)
            done = rng.random() < 0.7
            status = "done" if done else "planned" if person.pk not in open_items and rng.random() < 0.9 else "cancelled"
            if status == "planned":
                open_items.add(person.pk)
            PlanItem.objects.create(property=property, year=due.year, course=course, staff=person, department=person.department, due_on=due,
                                    status=status, done_on=due if done else None)
    case_type = ContentType.objects.get_for_model(Case)
    for i, offset in enumerate(range(-5, DAYS, 2)):
        person = staff[i % len(staff)]
        received = day_bounds(first + dt.timedelta(days=offset), property.time_zone)[0] + dt.timedelta(hours=rng.randint(1, 20))
        case = Case.objects.create(property=property, number=f"KPI-T{i:03d}", kind=CaseKind.COMPLAINT, status=CaseStatus.INVESTIGATED,
                                   description="fixed", received_at=received, department=person.department, category=Category.ATTITUDE,
                                   root_cause=RootCause.STAFF)
        case.staff_members.add(person)
        proposal = Proposal.objects.create(property=property, source="complaint", course=course, department=person.department,
                                           origin_type=case_type, origin_id=case.pk, status="accepted")
        if rng.random() < 0.6:
            done_on = received.date() + dt.timedelta(days=rng.choice([3, 20, 29, 45]))
            PlanItem.objects.create(property=property, year=done_on.year, course=course, staff=person, department=person.department,
                                    due_on=done_on, status="done", done_on=done_on, source="proposal", proposal=proposal)


def _pre_job(property, rng, first, departments):
    """New hires whose pre-job training falls due across the range (hire date + 30 days), each
    attending a run of daily pre-job sessions: some 15 days or more by the due date, some fewer,
    some finishing after it, one leaving before it."""
    from hotelqa.models import StaffMember
    from training.models import Attendance, Course, Session
    from training.rules import PRE_JOB_DUE_DAYS

    course = Course.objects.create(property=property, code="KPI-PJ", name="Fixed induction", name_zh="固定岗前培训", category="skills", is_pre_job=True)
    start = first - dt.timedelta(days=PRE_JOB_DUE_DAYS + 5)
    sessions = {}
    for offset in range((last_day() - start).days + 1):
        day = start + dt.timedelta(days=offset)
        sessions[day] = Session(property=property, course=course, date=day, status="held", checkin_token=f"kpi-pj-{offset}")
    Session.objects.bulk_create(sessions.values())
    rows = []
    for i, offset in enumerate(range(-3, DAYS, 2)):
        hired = first - dt.timedelta(days=PRE_JOB_DUE_DAYS) + dt.timedelta(days=offset)
        person = StaffMember.objects.create(property=property, staff_number=f"KPI-N{i:03d}", name=f"New hire {i}", department=departments[i % len(departments)],
                                            hire_date=hired, left_on=hired + dt.timedelta(days=10) if i == 7 else None, is_active=i != 7)
        begin = hired + dt.timedelta(days=rng.choice([0, 0, 3, 16]))
        for n in range(rng.choice([8, 14, 15, 15, 20])):
            day = begin + dt.timedelta(days=n)
            if day in sessions:
                rows.append(Attendance(session=sessions[day], property=property, staff=person, attended=rng.random() < 0.95))
    Attendance.objects.bulk_create(rows)
