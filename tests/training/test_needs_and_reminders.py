"""Training needs from a staff-error complaint (shown on the case page), accept/dismiss,
reminders once per person, item and stage, and effectiveness on fixed data computed by hand."""

import datetime as dt
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from complaints import services as case_services
from complaints.choices import CaseStatus
from complaints.models import Case
from hotelqa.choices import DepartmentKind, Role
from hotelqa.models import Notification
from training import effectiveness, services
from training.models import PlanItem, Proposal, Reminder

from ..complaints.helpers import advance, log_complaint
from .helpers import course, staff


def _staff_error_case(property, actor, person):
    case = log_complaint(property, actor)
    case = advance(case, actor, CaseStatus.CLASSIFIED)
    Case.objects.filter(pk=case.pk).update(category="attitude")
    case.refresh_from_db()
    return case_services.case_transition(case=case, to_status=CaseStatus.INVESTIGATED, actor=actor, expected_version=case.version,
                                         data={"findings": "Rude at the desk", "root_cause": "staff", "staff_members": [person]})


@pytest.mark.django_db(transaction=True)
def test_staff_error_complaint_proposes_retraining_shown_on_the_case(property_a, member, client_for):
    supervisor = member(property_a, Role.SUPERVISOR, department_kind=DepartmentKind.SECURITY)
    etiquette = course(property_a, complaint_categories=["attitude"])
    person = staff(property_a, department=property_a.departments.get(kind=DepartmentKind.SECURITY))[0]
    case = _staff_error_case(property_a, supervisor, person)
    proposal = Proposal.objects.get()
    assert proposal.course == etiquette and list(proposal.staff.all()) == [person] and proposal.origin == case
    client, _ = client_for(Role.MANAGER)
    assert b'data-record-retraining="proposed"' in client.get(f"/complaints/{case.pk}/").content
    trainer = member(property_a, Role.TRAINER)
    services.proposal_accept(proposal=proposal, actor=trainer, due_on=timezone.localdate() + dt.timedelta(days=10))
    assert PlanItem.objects.get(staff=person).proposal == proposal
    assert b'data-record-retraining="planned"' in client.get(f"/complaints/{case.pk}/").content
    s = services.session_create(property=property_a, course=etiquette, date=timezone.localdate(), staff=[person])
    services.scores_record(session=s, rows={a.pk: {"score": 90} for a in s.attendances.all()})
    assert b'data-record-retraining="done"' in client.get(f"/complaints/{case.pk}/").content
    # Proposing again (a second save of the case) adds nothing.
    services.proposals_from_case(case)
    assert Proposal.objects.count() == 1


def test_dismiss_needs_a_reason(db, property_a, member):
    p, _ = services.proposal_create(property=property_a, source="manual", course=course(property_a), key="k1")
    with pytest.raises(Exception):
        services.proposal_dismiss(proposal=p, actor=member(property_a, Role.TRAINER), reason=" ")
    services.proposal_dismiss(proposal=p, actor=None, reason="Already coached")
    p.refresh_from_db()
    assert p.status == "dismissed"


def test_reminders_once_per_person_item_and_stage(db, property_a, member):
    member(property_a, Role.TRAINER)
    today = timezone.localdate()
    c = course(property_a)
    person = staff(property_a, hired=today - dt.timedelta(days=30))[0]
    services.plan_ensure(staff=person, course=c, due_on=today - dt.timedelta(days=1))
    first = services.reminders_send(today=today)
    assert first["overdue"] == 1 and first["pre_job"] == 1
    again = services.reminders_send(today=today)
    late = services.reminders_send(today=today + dt.timedelta(days=3))
    assert sum(again.values()) == 0 and late["overdue"] == 0 and late["pre_job"] == 0
    assert Reminder.objects.count() == 2


def test_reminder_row_is_unique_in_the_database(db, property_a):
    person = staff(property_a)[0]
    Reminder.objects.create(staff=person, kind="overdue", item="plan:1", stage="overdue")
    with pytest.raises(IntegrityError), transaction.atomic():
        Reminder.objects.create(staff=person, kind="overdue", item="plan:1", stage="overdue")


def test_certificate_reminder_stages(db, property_a, member):
    from training.models import Certification

    trainer = member(property_a, Role.TRAINER)
    today = timezone.localdate()
    person = staff(property_a)[0]
    Certification.objects.create(property=property_a, staff=person, name="Fire", issued_on=today - dt.timedelta(days=300), expires_on=today + dt.timedelta(days=30))
    assert services.reminders_send(today=today)["certificate"] == 1
    assert services.reminders_send(today=today + dt.timedelta(days=10))["certificate"] == 0
    assert services.reminders_send(today=today + dt.timedelta(days=31))["certificate"] == 1  # expired: a new stage
    assert Notification.objects.filter(recipient=trainer).count() >= 2


def test_effectiveness_on_fixed_data(db, property_a, member):
    actor = member(property_a, Role.SUPERVISOR, department_kind=DepartmentKind.SECURITY)
    dept = property_a.departments.get(kind=DepartmentKind.SECURITY)
    c = course(property_a, complaint_categories=["attitude"])
    people = staff(property_a, 2, department=dept)
    day = timezone.localdate() - dt.timedelta(days=70)
    s = services.session_create(property=property_a, course=c, date=day, staff=people)
    a1, a2 = s.attendances.order_by("pk")
    services.scores_record(session=s, rows={a1.pk: {"score_before": 50, "score": 80}, a2.pk: {"score_before": 60, "score": 65}})
    # 3 attitude complaints in the 60 days before, 1 in the 60 days after, 1 noise complaint (not counted).
    for offset, category in [(-50, "attitude"), (-20, "attitude"), (-1, "attitude"), (5, "attitude"), (6, "noise")]:
        case = log_complaint(property_a, actor)
        Case.objects.filter(pk=case.pk).update(category=category, received_at=timezone.now() - dt.timedelta(days=70 - offset))
    [row] = effectiveness.course_effectiveness(c)
    assert row["score_before"] == 55.0 and row["score_after"] == 72.5 and row["score_change"] == 17.5
    assert row["pass_rate"] == 50
    assert (row["complaints_before"], row["complaints_after"], row["complaints_change_pct"]) == (3, 1, -67)


def test_one_record_proposes_each_course_it_needs_once(db, property_a, member):
    """An inspection with two failed standards taught by two courses proposes both courses."""
    supervisor = member(property_a, Role.SUPERVISOR, department_kind=DepartmentKind.SECURITY)
    origin = log_complaint(property_a, supervisor)
    grooming, phone = course(property_a, code="GRM-01"), course(property_a, code="TEL-01")
    first, created_first = services.proposal_create(property=property_a, source="inspection", course=grooming, origin=origin, reason="a")
    second, created_second = services.proposal_create(property=property_a, source="inspection", course=phone, origin=origin, reason="b")
    again, created_again = services.proposal_create(property=property_a, source="inspection", course=grooming, origin=origin, reason="a")
    assert created_first and created_second and not created_again
    assert first != second and again == first
    assert sorted(p.course.code for p in Proposal.objects.all()) == ["GRM-01", "TEL-01"]
