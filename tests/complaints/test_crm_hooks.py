"""What complaints plugs into the CRM: points as service recovery, the survey after a closed
complaint, revisits on the one follow-up worklist, and the repeat-stay KPIs."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from complaints import services
from complaints.choices import ApprovalStatus, RecoveryKind
from complaints.kpis import recovered_complaints, unrecovered_complaints
from complaints.models import Revisit
from crm.engagement import loyalty
from crm.models import PointsKind, Stay, Survey, SurveySource
from hotelqa.choices import DepartmentKind, Role

from .helpers import close_complaint, log_complaint

pytestmark = pytest.mark.django_db


def test_points_given_as_recovery_go_to_the_members_ledger_once(property_a, member):
    supervisor = member(property_a, Role.SUPERVISOR, department_kind=DepartmentKind.SECURITY)
    case = log_complaint(property_a, supervisor)
    loyalty.member_enrol(guest=case.guest, property=property_a, actor=None)
    action = services.recovery_add(case=case, actor=supervisor, kind=RecoveryKind.POINTS, cost=Decimal("200"), description="Sorry for the noise")
    assert action.approval == ApprovalStatus.NOT_NEEDED
    entry = case.guest.loyalty.entries.get()
    assert (entry.kind, entry.points, entry.created_by, entry.source) == (PointsKind.RECOVERY, 200, supervisor, f"complaints.recovery:{action.pk}")
    assert entry.summary == f"Service recovery for {case.number}"
    assert loyalty.balance(case.guest.loyalty) == 200


def test_points_above_the_limit_wait_for_approval(property_a, member):
    desk = member(property_a, Role.FRONT_DESK)
    manager = member(property_a, Role.MANAGER)
    case = log_complaint(property_a, desk)
    loyalty.member_enrol(guest=case.guest, property=property_a, actor=None)
    action = services.recovery_add(case=case, actor=desk, kind=RecoveryKind.POINTS, cost=Decimal("5000"))
    assert action.approval == ApprovalStatus.PENDING and not case.guest.loyalty.entries.exists()
    services.recovery_decide(action=action, actor=manager, approve=True)
    assert loyalty.balance(case.guest.loyalty) == 5000


def test_a_closed_complaint_sends_the_guest_its_survey_once(property_a, member):
    supervisor = member(property_a, Role.SUPERVISOR, department_kind=DepartmentKind.SECURITY)
    case = close_complaint(property_a, supervisor)
    survey = Survey.objects.get(source=SurveySource.COMPLAINT, case_id_ref=case.pk)
    assert (survey.guest, survey.department, survey.property) == (case.guest, case.department, property_a)


def test_complaint_revisits_are_on_the_follow_up_worklist(client_for, property_a, member):
    supervisor = member(property_a, Role.SUPERVISOR, department_kind=DepartmentKind.SECURITY)
    case = close_complaint(property_a, supervisor)
    Revisit.objects.filter(case=case).update(due_at=timezone.now() - dt.timedelta(minutes=1))
    services.revisits_list_due(now=timezone.now())
    client, _ = client_for(Role.FRONT_DESK)
    body = client.get(reverse("crm:followup_list")).content.decode()
    assert "Complaint revisits" in body and case.number in body and "Li Wei" in body


def test_repeat_stay_after_recovered_and_unrecovered_complaints(property_a, member):
    supervisor = member(property_a, Role.SUPERVISOR, department_kind=DepartmentKind.SECURITY)
    recovered = close_complaint(property_a, supervisor)  # the helper's guest accepted the solution
    day = timezone.localdate()
    Stay.objects.create(property=property_a, guest=recovered.guest, arrival=day + dt.timedelta(days=10), departure=day + dt.timedelta(days=12))
    start, end = timezone.now() - dt.timedelta(days=1), timezone.now() + dt.timedelta(days=1)
    rows = list(recovered_complaints(property=property_a, start=start, end=end))
    assert [(r.pk, r.next_stay) for r in rows] == [(recovered.pk, day + dt.timedelta(days=10))]
    assert list(unrecovered_complaints(property=property_a, start=start, end=end)) == []
