import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from complaints import services
from complaints.choices import ApprovalStatus, CaseKind, CaseStatus, Channel, EventKind, RevisitOutcome
from complaints.models import Case, CaseEvent, ComplaintSettings, RecoveryLimit, Revisit, ServiceCalendar, ServiceHours, SlaPolicy
from hotelqa.choices import DepartmentKind, Role
from hotelqa.models import Notification

from .helpers import STEP_DATA, advance, close_complaint, log_complaint

pytestmark = pytest.mark.django_db
S = CaseStatus


@pytest.fixture
def supervisor(property_a, member):
    return member(property_a, Role.SUPERVISOR, department_kind=DepartmentKind.SECURITY)


@pytest.fixture
def front_desk(property_a, member):
    return member(property_a, Role.FRONT_DESK, department_kind=DepartmentKind.FRONT_OFFICE)


def test_quick_log_completes_received_and_recorded_with_timeline(property_a, front_desk):
    case = log_complaint(property_a, front_desk)
    assert case.status == S.RECORDED
    assert case.number.startswith("PA-") and case.number.endswith("-000001")
    steps = list(case.events.values_list("kind", "from_status", "to_status", "actor"))
    assert steps == [(EventKind.CREATED, "", S.RECEIVED, front_desk.pk), (EventKind.TRANSITION, S.RECEIVED, S.RECORDED, front_desk.pk)]


def test_numbers_are_sequential_per_property(property_a, property_b, front_desk, member):
    first = log_complaint(property_a, front_desk)
    second = log_complaint(property_a, front_desk)
    other = log_complaint(property_b, member(property_b, Role.FRONT_DESK))
    assert int(second.number[-6:]) == int(first.number[-6:]) + 1
    assert other.number.endswith("-000001")


def test_keyword_rules_prefill_category_grade_and_department(property_a, front_desk, supervisor):  # security is staffed
    case = services.case_log(property=property_a, actor=front_desk, kind=CaseKind.COMPLAINT, channel=Channel.PHONE,
                             description="Smoke in the corridor, guest injured", apology_confirmed=True, room_number="301")
    assert (case.category, case.grade, case.department.kind) == ("safety", "urgent", DepartmentKind.SECURITY)


def test_received_without_apology_stays_at_step_one(property_a, front_desk):
    case = services.case_log(property=property_a, actor=front_desk, kind=CaseKind.COMPLAINT, channel=Channel.QR, description="Dirty towels", room_number="301")
    assert case.status == S.RECEIVED
    with pytest.raises(ValidationError) as exc:
        services.case_transition(case=case, to_status=S.RECORDED, actor=front_desk, expected_version=case.version, data={})
    assert "apology_confirmed" in exc.value.message_dict
    case = services.case_transition(case=case, to_status=S.RECORDED, actor=front_desk, expected_version=case.version, data={"apology_confirmed": True})
    assert case.status == S.RECORDED


@pytest.mark.parametrize("target", [S.INVESTIGATED, S.SOLUTION, S.CLOSED])
def test_steps_cannot_be_skipped(property_a, supervisor, target):
    case = log_complaint(property_a, supervisor)
    with pytest.raises(ValidationError):
        services.case_transition(case=case, to_status=target, actor=supervisor, expected_version=case.version, data=STEP_DATA[target](case, supervisor))
    assert Case.objects.get(pk=case.pk).status == S.RECORDED


@pytest.mark.parametrize(
    "step,missing",
    [
        (S.CLASSIFIED, "assignee"),
        (S.CLASSIFIED, "category"),
        (S.INVESTIGATED, "root_cause"),
        (S.INVESTIGATED, "findings"),
        (S.SOLUTION, "guest_accepted"),
        (S.CLOSED, "satisfaction"),
        (S.CLOSED, "result_told"),
    ],
)
def test_each_step_requires_its_fields(property_a, supervisor, step, missing):
    case = log_complaint(property_a, supervisor)
    path = [S.CLASSIFIED, S.INVESTIGATED, S.SOLUTION, S.CLOSED]
    case = advance(case, supervisor, *path[: path.index(step)])
    data = STEP_DATA[step](case, supervisor)
    data[missing] = False if missing in ("guest_accepted", "result_told") else None if missing in ("assignee", "satisfaction") else ""
    with pytest.raises(ValidationError) as exc:
        services.case_transition(case=case, to_status=step, actor=supervisor, expected_version=case.version, data=data)
    assert missing in exc.value.message_dict
    assert Case.objects.get(pk=case.pk).status == case.status


def test_only_assigners_may_classify(property_a, member):
    staff = member(property_a, Role.STAFF, department_kind=DepartmentKind.SECURITY)
    case = log_complaint(property_a, staff)
    with pytest.raises(PermissionDenied):
        services.case_transition(case=case, to_status=S.CLASSIFIED, actor=staff, expected_version=case.version, data=STEP_DATA[S.CLASSIFIED](case, staff))


def test_fields_of_other_steps_are_refused(property_a, supervisor):
    case = log_complaint(property_a, supervisor)
    data = {**STEP_DATA[S.CLASSIFIED](case, supervisor), "satisfaction": 5}
    with pytest.raises(ValidationError):
        services.case_transition(case=case, to_status=S.CLASSIFIED, actor=supervisor, expected_version=case.version, data=data)


def test_full_lifecycle_records_who_and_when_and_response_times(property_a, supervisor):
    case = close_complaint(property_a, supervisor)
    transitions = list(case.events.filter(kind=EventKind.TRANSITION).values_list("to_status", flat=True))
    assert transitions == [S.RECORDED, S.CLASSIFIED, S.INVESTIGATED, S.SOLUTION, S.CLOSED]
    assert all(e.actor_id == supervisor.pk for e in case.events.filter(kind=EventKind.TRANSITION))
    assert case.first_response_at is not None and case.resolved_at is not None
    assert case.version == 5


@pytest.mark.parametrize("grade,response,resolution", [("urgent", 15, 240), ("major", 60, 1440), ("general", 1440, 2880)])
def test_default_sla_per_grade(property_a, front_desk, grade, response, resolution):
    case = log_complaint(property_a, front_desk, grade=grade)
    assert case.response_due - case.received_at == dt.timedelta(minutes=response)
    assert case.resolution_due - case.received_at == dt.timedelta(minutes=resolution)


def test_service_request_targets_and_property_override(property_a, front_desk):
    request = services.case_log(property=property_a, actor=front_desk, kind=CaseKind.REQUEST, channel=Channel.PHONE, description="Extra towels", room_number="301")
    assert (request.response_due - request.received_at, request.resolution_due - request.received_at) == (dt.timedelta(minutes=15), dt.timedelta(minutes=30))
    SlaPolicy.objects.create(property=property_a, kind=CaseKind.COMPLAINT, grade="urgent", response_minutes=10, resolution_minutes=120)
    case = log_complaint(property_a, front_desk, grade="urgent")
    assert case.resolution_due - case.received_at == dt.timedelta(hours=2)


def test_deadline_counted_on_department_business_hours(property_a, front_desk):
    department = property_a.departments.get(kind=DepartmentKind.SECURITY)
    calendar = ServiceCalendar.objects.create(property=property_a, department=department, always_open=False)
    for day in range(5):
        ServiceHours.objects.create(calendar=calendar, weekday=day, opens=dt.time(9), closes=dt.time(18))
    friday_5pm = dt.datetime(2026, 11, 20, 17, tzinfo=dt.timezone(dt.timedelta(hours=8)))
    case = log_complaint(property_a, front_desk, grade="urgent", received_at=friday_5pm)
    # 15 min response falls at 17:15 Friday; 4 h resolution = 1 h Friday + 3 h Monday.
    assert case.response_due == friday_5pm + dt.timedelta(minutes=15)
    assert case.resolution_due == dt.datetime(2026, 11, 23, 12, tzinfo=dt.timezone(dt.timedelta(hours=8)))


def test_grade_change_moves_deadlines_and_is_in_history(property_a, supervisor):
    case = log_complaint(property_a, supervisor, grade="general")
    old_due = case.resolution_due
    case = services.case_reassign(case=case, actor=supervisor, expected_version=case.version, department=case.department, assignee=supervisor, grade="urgent")
    assert case.resolution_due < old_due
    changed = set(case.events.filter(kind=EventKind.CHANGE).values_list("field", flat=True))
    assert {"grade", "assignee", "response_due", "resolution_due"} <= changed
    assert Notification.objects.filter(recipient=supervisor, kind="assignment").exists()


def test_stale_version_is_refused(property_a, supervisor):
    case = log_complaint(property_a, supervisor)
    stale = case.version
    services.case_reassign(case=Case.objects.get(pk=case.pk), actor=supervisor, expected_version=stale, department=case.department, assignee=supervisor, grade="major")
    with pytest.raises(services.StaleCaseError):
        services.case_transition(case=Case.objects.get(pk=case.pk), to_status=S.CLASSIFIED, actor=supervisor, expected_version=stale,
                                 data=STEP_DATA[S.CLASSIFIED](case, supervisor))
    assert Case.objects.get(pk=case.pk).status == S.RECORDED


def test_closing_schedules_revisit_after_configured_delay(property_a, supervisor):
    ComplaintSettings.objects.create(property=property_a, revisit_after_hours=24)
    case = close_complaint(property_a, supervisor)
    revisit = Revisit.objects.get(case=case)
    assert revisit.due_at - case.resolved_at == dt.timedelta(hours=24)
    assert revisit.listed_at is None


def test_default_revisit_is_three_days(property_a, supervisor):
    case = close_complaint(property_a, supervisor)
    assert Revisit.objects.get(case=case).due_at - case.resolved_at == dt.timedelta(days=3)


def test_unsatisfied_revisit_reopens_case(property_a, supervisor, front_desk):
    case = close_complaint(property_a, supervisor)
    revisit = case.revisits.get()
    with pytest.raises(ValidationError):
        services.revisit_record(revisit=revisit, actor=front_desk, outcome=RevisitOutcome.NOT_SATISFIED, note="")
    services.revisit_record(revisit=revisit, actor=front_desk, outcome=RevisitOutcome.NOT_SATISFIED, note="Still noisy")
    case.refresh_from_db()
    assert case.status == S.REOPENED and case.reopen_count == 1 and case.resolved_at is None
    assert case.resolution_due > timezone.now()
    # Reopened complaints go back to investigation, then on through the steps again, and a new revisit follows.
    case = advance(case, supervisor, S.INVESTIGATED, S.SOLUTION, S.CLOSED)
    assert case.revisits.filter(done_at__isnull=True).count() == 1


def test_satisfied_revisit_keeps_case_closed_and_cannot_be_recorded_twice(property_a, supervisor, front_desk):
    case = close_complaint(property_a, supervisor)
    revisit = case.revisits.get()
    services.revisit_record(revisit=revisit, actor=front_desk, outcome=RevisitOutcome.SATISFIED)
    assert Case.objects.get(pk=case.pk).status == S.CLOSED
    with pytest.raises(ValidationError):
        services.revisit_record(revisit=Revisit.objects.get(pk=revisit.pk), actor=front_desk, outcome=RevisitOutcome.NOT_SATISFIED, note="x")


def test_manual_reopen_needs_a_reason(property_a, supervisor):
    case = close_complaint(property_a, supervisor)
    with pytest.raises(ValidationError):
        services.case_transition(case=case, to_status=S.REOPENED, actor=supervisor, expected_version=case.version, note=" ")
    case = services.case_transition(case=case, to_status=S.REOPENED, actor=supervisor, expected_version=case.version, note="Guest emailed again")
    assert case.status == S.REOPENED
    assert not case.revisits.filter(done_at__isnull=True).exists()


def test_recovery_above_limit_waits_for_approval(property_a, front_desk, supervisor, member):
    RecoveryLimit.objects.create(property=property_a, role=Role.FRONT_DESK, max_cost=Decimal("100"))
    RecoveryLimit.objects.create(property=property_a, role=Role.SUPERVISOR, max_cost=Decimal("500"))
    manager = member(property_a, Role.MANAGER)
    case = log_complaint(property_a, front_desk)
    small = services.recovery_add(case=case, actor=front_desk, kind="gift", cost=Decimal("80"))
    big = services.recovery_add(case=case, actor=front_desk, kind="refund", cost=Decimal("800"))
    assert small.approval == ApprovalStatus.NOT_NEEDED and small.counts
    assert big.approval == ApprovalStatus.PENDING and not big.counts
    assert Notification.objects.filter(recipient=manager, kind="approval").exists()
    with pytest.raises(PermissionDenied):
        services.recovery_decide(action=big, actor=front_desk, approve=True)
    with pytest.raises(ValidationError):
        services.recovery_decide(action=big, actor=supervisor, approve=True)  # above the supervisor's own limit
    services.recovery_decide(action=big, actor=manager, approve=True)
    big.refresh_from_db()
    assert big.approval == ApprovalStatus.APPROVED and big.decided_by == manager


def test_pending_recovery_blocks_the_solution_step(property_a, front_desk, supervisor):
    case = advance(log_complaint(property_a, supervisor), supervisor, S.CLASSIFIED, S.INVESTIGATED)
    services.recovery_add(case=case, actor=front_desk, kind="refund", cost=Decimal("5000"))
    with pytest.raises(ValidationError):
        services.case_transition(case=case, to_status=S.SOLUTION, actor=supervisor, expected_version=case.version, data=STEP_DATA[S.SOLUTION](case, supervisor))


def test_service_request_task_flow(property_a, front_desk, member):
    staff = member(property_a, Role.STAFF, department_kind=DepartmentKind.HOUSEKEEPING)
    req = services.case_log(property=property_a, actor=front_desk, kind=CaseKind.REQUEST, channel=Channel.PHONE, description="Two towels", room_number="301")
    assert req.status == S.ASSIGNED and req.department.kind == DepartmentKind.HOUSEKEEPING
    with pytest.raises(ValidationError):
        services.case_transition(case=req, to_status=S.DONE, actor=staff, expected_version=req.version, data={"actions_taken": "x"})
    req = services.case_transition(case=req, to_status=S.ACKNOWLEDGED, actor=staff, expected_version=req.version, data={"assignee": None})
    assert req.assignee == staff and req.first_response_at
    req = services.case_transition(case=req, to_status=S.IN_PROGRESS, actor=staff, expected_version=req.version, note="On my way")
    req = services.case_transition(case=req, to_status=S.DONE, actor=staff, expected_version=req.version, data={"actions_taken": "Delivered"})
    assert req.resolved_at
    req = services.case_transition(case=req, to_status=S.CONFIRMED, actor=front_desk, expected_version=req.version, data={"satisfaction": 5})
    assert req.status == S.CONFIRMED and not req.is_open


def test_incident_flow(property_a, supervisor):
    inc = services.case_log(property=property_a, actor=supervisor, kind=CaseKind.INCIDENT, channel=Channel.STAFF, description="Guest slipped in lobby")
    assert inc.status == S.REPORTED
    with pytest.raises(ValidationError):
        services.case_transition(case=inc, to_status=S.CONTAINED, actor=supervisor, expected_version=inc.version, data={"containment": ""})
    inc = services.case_transition(case=inc, to_status=S.CONTAINED, actor=supervisor, expected_version=inc.version,
                                   data={"containment": "Area dried, first aid", "grade": "urgent", "department": inc.department, "assignee": supervisor})
    inc = services.case_transition(case=inc, to_status=S.INVESTIGATED, actor=supervisor, expected_version=inc.version, data={"findings": "Wet floor", "root_cause": "process"})
    inc = services.case_transition(case=inc, to_status=S.CLOSED, actor=supervisor, expected_version=inc.version, data={"actions_taken": "Mats placed"})
    assert inc.status == S.CLOSED and inc.grade == "urgent"
    assert CaseEvent.objects.filter(case=inc, field="grade").exists()


def test_assignee_from_another_property_is_refused(property_a, property_b, supervisor, member):
    outsider = member(property_b, Role.STAFF)
    case = log_complaint(property_a, supervisor)
    data = {**STEP_DATA[S.CLASSIFIED](case, supervisor), "assignee": outsider}
    with pytest.raises(ValidationError):
        services.case_transition(case=case, to_status=S.CLASSIFIED, actor=supervisor, expected_version=case.version, data=data)


def test_sla_policy_grade_rules(property_a):
    with pytest.raises(ValidationError):
        SlaPolicy(property=property_a, kind=CaseKind.REQUEST, grade="urgent", response_minutes=5, resolution_minutes=10).full_clean()
    with pytest.raises(ValidationError):
        SlaPolicy(property=property_a, kind=CaseKind.COMPLAINT, grade="", response_minutes=5, resolution_minutes=10).full_clean()


def test_front_desk_records_and_closes_but_department_investigates(property_a, front_desk, supervisor):
    case = advance(log_complaint(property_a, front_desk), supervisor, S.CLASSIFIED)
    with pytest.raises(PermissionDenied):
        services.case_transition(case=case, to_status=S.INVESTIGATED, actor=front_desk, expected_version=case.version, data=STEP_DATA[S.INVESTIGATED](case, front_desk))
    case = advance(case, supervisor, S.INVESTIGATED, S.SOLUTION)
    case = services.case_transition(case=case, to_status=S.CLOSED, actor=front_desk, expected_version=case.version, data=STEP_DATA[S.CLOSED](case, front_desk))
    assert case.status == S.CLOSED
