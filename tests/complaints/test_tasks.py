import datetime as dt

import pytest
from django.db import IntegrityError
from django.utils import timezone

from complaints import services, tasks
from complaints.choices import DeadlineKind, EscalationLevel, EventKind
from complaints.models import Revisit
from hotelqa.choices import DepartmentKind, Role
from hotelqa.models import Escalation, JobRun, Notification

from .helpers import close_complaint, log_complaint

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(property_a, member):
    return {
        "front": member(property_a, Role.FRONT_DESK, department_kind=DepartmentKind.FRONT_OFFICE),
        "staff": member(property_a, Role.STAFF, department_kind=DepartmentKind.SECURITY),
        "supervisor": member(property_a, Role.SUPERVISOR, department_kind=DepartmentKind.SECURITY),
        "manager": member(property_a, Role.MANAGER),
    }


@pytest.fixture
def urgent_case(property_a, people):
    case = log_complaint(property_a, people["front"], grade="urgent", assignee=people["staff"])
    Notification.objects.all().delete()
    return case


def levels(case, deadline=DeadlineKind.RESPONSE):
    return sorted(case.escalations.filter(deadline__startswith=f"{deadline}.").values_list("level", flat=True))


def test_nothing_happens_well_before_the_deadline(urgent_case):
    assert services.sla_watch(now=urgent_case.received_at + dt.timedelta(minutes=1)) == 0
    assert not Escalation.objects.exists()


def test_warning_before_response_deadline_goes_to_assignee_once(urgent_case, people):
    # Urgent: 15 min to respond; the warning comes when 20 % (3 min, at least 5) is left.
    now = urgent_case.response_due - dt.timedelta(minutes=4)
    services.sla_watch(now=now)
    services.sla_watch(now=now + dt.timedelta(seconds=30))
    assert levels(urgent_case) == [EscalationLevel.WARNING]
    assert Notification.objects.filter(recipient=people["staff"], kind="escalation").count() == 1


def test_escalation_chain_each_level_once_across_repeated_runs(urgent_case, people):
    due = urgent_case.response_due
    step = services.escalation_step(case=urgent_case, due=due)  # 15 min for a 15 min SLA
    for minutes in (1, 1):  # run twice at the same moment
        services.sla_watch(now=due + dt.timedelta(minutes=minutes))
    assert levels(urgent_case) == [EscalationLevel.ASSIGNEE]
    services.sla_watch(now=due + step + dt.timedelta(minutes=1))
    services.sla_watch(now=due + step + dt.timedelta(minutes=2))
    assert levels(urgent_case) == [EscalationLevel.ASSIGNEE, EscalationLevel.SUPERVISOR]
    services.sla_watch(now=due + 2 * step + dt.timedelta(minutes=1))
    services.sla_watch(now=due + 2 * step + dt.timedelta(minutes=1))
    assert levels(urgent_case) == [EscalationLevel.ASSIGNEE, EscalationLevel.SUPERVISOR, EscalationLevel.MANAGER]
    assert Notification.objects.filter(recipient=people["supervisor"], kind="escalation").count() == 1
    assert Notification.objects.filter(recipient=people["manager"], kind="escalation").count() == 1
    assert urgent_case.events.filter(kind=EventKind.ESCALATION, field=DeadlineKind.RESPONSE).count() == 3


def test_late_run_records_every_missed_level_once_without_warning(urgent_case, people):
    late = urgent_case.resolution_due + dt.timedelta(hours=12)  # the job did not run for half a day
    touched = services.sla_watch(now=late)
    assert levels(urgent_case, DeadlineKind.RESPONSE) == [1, 2, 3]
    assert levels(urgent_case, DeadlineKind.RESOLUTION) == [1, 2, 3]
    assert touched == 6
    assert services.sla_watch(now=late) == 0
    assert services.sla_watch(now=late + dt.timedelta(hours=1)) == 0
    assert Notification.objects.filter(recipient=people["manager"], kind="escalation").count() == 2


def test_met_deadline_is_not_escalated(urgent_case, people):
    case = services.case_transition(case=urgent_case, to_status="classified", actor=people["supervisor"], expected_version=urgent_case.version,
                                    data={"category": "noise", "grade": "urgent", "department": urgent_case.department, "assignee": people["staff"]})
    services.sla_watch(now=case.response_due + dt.timedelta(hours=1))
    assert levels(case, DeadlineKind.RESPONSE) == []


def test_database_refuses_a_second_row_for_the_same_step(urgent_case):
    step = dict(record=urgent_case, property=urgent_case.property, deadline="response.0", level=1, due=urgent_case.response_due)
    Escalation.objects.create(**step)
    with pytest.raises(IntegrityError):
        Escalation.objects.create(**step)


def test_closed_cases_are_not_watched(property_a, people):
    case = close_complaint(property_a, people["supervisor"], grade="urgent")
    assert services.sla_watch(now=timezone.now() + dt.timedelta(days=5)) == 0
    assert not case.escalations.exists()


def test_the_deadline_watch_job_watches_cases_and_is_logged(urgent_case, people):
    from hotelqa.tasks import deadline_watch

    assert deadline_watch.apply().get() == 0
    run = JobRun.objects.get(job="hotelqa.deadline_watch", status="succeeded")
    assert '"complaints.case": 0' in run.detail
    Escalation.objects.all().delete()
    urgent_case.__class__.objects.filter(pk=urgent_case.pk).update(response_due=timezone.now() - dt.timedelta(minutes=1))
    assert deadline_watch.apply().get() == 1  # the job itself sends a case's step
    assert Notification.objects.filter(recipient=people["staff"], kind="escalation").count() == 1


def test_revisits_due_lists_once_and_notifies_front_desk(property_a, people):
    case = close_complaint(property_a, people["supervisor"])
    revisit = Revisit.objects.get(case=case)
    Notification.objects.all().delete()
    assert services.revisits_list_due(now=revisit.due_at - dt.timedelta(minutes=1)) == 0
    assert services.revisits_list_due(now=revisit.due_at + dt.timedelta(minutes=1)) == 1
    assert services.revisits_list_due(now=revisit.due_at + dt.timedelta(hours=1)) == 0
    revisit.refresh_from_db()
    assert revisit.listed_at is not None
    assert Notification.objects.filter(recipient=people["front"], kind="revisit").count() == 1


def test_revisits_job_is_registered_with_its_schedule():
    from hotelqa.jobs import PERIODIC_JOBS

    assert PERIODIC_JOBS["complaints.revisits_due"].schedule._orig_minute == 0
    assert PERIODIC_JOBS["hotelqa.deadline_watch"].schedule._orig_minute == "*/5"
    assert "complaints.sla_watch" not in PERIODIC_JOBS  # one watcher for every app
