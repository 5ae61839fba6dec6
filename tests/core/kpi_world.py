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

    guest = Guest.objects.create(property=property, name="Fixed guest")
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

    for offset in range(DAYS):
        kpi_snapshot_day(property=property, day=first + dt.timedelta(days=offset))
    return first
