"""Fixed records of one person's month, with the figures and scores worked out by hand."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

from complaints.choices import CaseKind, CaseStatus, RevisitOutcome
from complaints.models import Case, Revisit
from facilities.choices import InspectionStatus, WorkOrderStatus
from facilities.models import Inspection, WorkOrder
from hotelqa.choices import Role
from hotelqa.models import StaffMember
from hotelqa.staff_metrics import add_months
from tests.facilities.factories import LocationFactory, published_template
from tests.factories import make_member


def last_month():
    return add_months(timezone.localdate().replace(day=1), -1)


def at(month, day, hour=10):
    return dt.datetime(month.year, month.month, day, hour, tzinfo=ZoneInfo("Asia/Shanghai"))


def staff_with_login(property, role=Role.STAFF, kind="housekeeping", name="Li Mei"):
    user = make_member(property, role, department_kind=kind)
    staff = StaffMember.objects.create(property=property, staff_number=f"S{user.pk}", name=name, user=user,
                                       department=property.departments.get(kind=kind), hire_date=dt.date(2020, 1, 1))
    return staff


def person_month(property, staff, month):
    """In `month`: 4 cases resolved (3 by their deadline; rated 5 and 4), 2 revisits done where the
    guest was reached (1 satisfied), 1 revisit unreachable (left out); 2 work orders done, both on
    time; no inspection. Outside the month: 1 case resolved the month before, 1 the month after.

    sla_kept = 3/4 = 75.0 %; satisfaction = (5+4)/2 = 4.5 → 90; revisits satisfied = 1/2 = 50.0 %;
    work orders on time = 100.0 %; cases handled 4; work orders done 2.
    Guest satisfaction = mean(90, 50) = 70.0; task on time = mean(75, 100) = 87.5."""
    user = staff.user
    cases = []
    for i, (day, late, rating) in enumerate([(3, False, 5), (10, False, 4), (15, False, None), (20, True, None)]):
        resolved = at(month, day)
        cases.append(Case(property=property, number=f"P-{month:%y%m}-{i}", kind=CaseKind.COMPLAINT, description="fixed", assignee=user,
                          received_at=resolved - dt.timedelta(hours=5), status=CaseStatus.CLOSED, resolved_at=resolved,
                          resolution_due=resolved - dt.timedelta(hours=1) if late else resolved + dt.timedelta(hours=1), satisfaction=rating))
    before, after = add_months(month, -1), add_months(month, 1)
    for i, when in enumerate([at(before, 28), at(after, 2)]):
        cases.append(Case(property=property, number=f"Q-{month:%y%m}-{i}", kind=CaseKind.COMPLAINT, description="outside", assignee=user,
                          received_at=when - dt.timedelta(hours=2), status=CaseStatus.CLOSED, resolved_at=when, resolution_due=when, satisfaction=1))
    cases = Case.objects.bulk_create(cases)
    Revisit.objects.bulk_create([
        Revisit(property=property, case=cases[0], due_at=at(month, 6), done_at=at(month, 6), outcome=RevisitOutcome.SATISFIED, done_by=user),
        Revisit(property=property, case=cases[1], due_at=at(month, 13), done_at=at(month, 13), outcome=RevisitOutcome.NOT_SATISFIED, done_by=user),
        Revisit(property=property, case=cases[2], due_at=at(month, 18), done_at=at(month, 18), outcome=RevisitOutcome.UNREACHABLE, done_by=user),
    ])
    location = LocationFactory(property=property)
    WorkOrder.objects.bulk_create([
        WorkOrder(property=property, title="Fixed", location=location, assignee=user, status=WorkOrderStatus.DONE,
                  created_at=at(month, d) - dt.timedelta(hours=3), due_at=at(month, d) + dt.timedelta(hours=1), done_at=at(month, d))
        for d in (5, 25)
    ])
    return cases


def inspections(property, user, month, on_time, late):
    version = published_template(property).current_version
    location = LocationFactory(property=property)
    rows = []
    for i in range(on_time + late):
        submitted = at(month, 2 + i)
        rows.append(Inspection(property=property, version=version, location=location, target_key=f"location:{location.pk}",
                               due_start=submitted - dt.timedelta(hours=8), status=InspectionStatus.SUBMITTED, submitted_by=user,
                               submitted_at=submitted, due_end=submitted + dt.timedelta(hours=1 if i < on_time else -1)))
    Inspection.objects.bulk_create(rows)
