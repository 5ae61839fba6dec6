"""Scoring with weights and critical items, submission (once), findings, repeats and the
training proposal of a finding that names a standard."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from audits import services
from audits.models import ActionStatus, Audit, AuditStatus, CorrectiveAction, Finding
from hotelqa.choices import Role
from hotelqa.models import Notification
from tests.factories import make_member

from .factories import answer_all, audit_template, open_audit, submitted_audit

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(property_a):
    return make_member(property_a, Role.INSPECTOR), make_member(property_a, Role.SUPERVISOR, department_kind="front_office")


def test_weights_make_the_score(property_a, people):
    inspector, _sup = people
    audit = open_audit(property_a, inspector=inspector)
    answer_all(audit, inspector, greeting=False, id_checked=True, courtesy=4)
    audit = services.audit_submit(audit=audit, actor=inspector)
    # greeting 2×0 + ID 3×1 + courtesy 1×0.8 = 3.8 of 6 points; the text item is not scored
    assert audit.score == Decimal("63.33")
    assert audit.passed is False and audit.critical_failed is False


def test_all_passed_scores_full_marks_and_passes(property_a, people):
    inspector, _sup = people
    audit = open_audit(property_a, inspector=inspector)
    answer_all(audit, inspector)
    audit = services.audit_submit(audit=audit, actor=inspector)
    assert audit.score == Decimal("100.00") and audit.passed is True
    assert not Finding.objects.exists()


def test_a_failed_critical_item_fails_the_audit_whatever_the_score(property_a, people):
    inspector, _sup = people
    template = audit_template(property_a, name="Lenient", pass_mark=40)
    audit = open_audit(property_a, inspector=inspector, template=template)
    answer_all(audit, inspector, id_checked=False)
    audit = services.audit_submit(audit=audit, actor=inspector)
    assert audit.score == Decimal("50.00")  # above the pass mark of 40
    assert audit.passed is False and audit.critical_failed is True
    finding = Finding.objects.get()
    assert finding.critical and finding.action.due_at - audit.submitted_at == dt.timedelta(days=3)


def test_a_score_below_three_fails_the_item(property_a, people):
    inspector, _sup = people
    audit = open_audit(property_a, inspector=inspector)
    answer_all(audit, inspector, courtesy=2)
    audit = services.audit_submit(audit=audit, actor=inspector)
    assert [f.item.text for f in audit.findings.all()] == ["Courtesy"]


def test_each_failed_item_becomes_a_finding_with_an_action_for_the_department_supervisor(property_a, people):
    inspector, supervisor = people
    audit = open_audit(property_a, inspector=inspector)
    answer_all(audit, inspector, greeting=False, id_checked=False)
    audit = services.audit_submit(audit=audit, actor=inspector)
    actions = CorrectiveAction.objects.order_by("pk")
    assert [a.finding.item.text for a in actions] == ["Greeting", "ID checked"]
    assert all(a.owner == supervisor and a.status == ActionStatus.PLAN for a in actions)
    assert all(a.history.get().to_status == ActionStatus.PLAN for a in actions)
    assert Notification.objects.filter(recipient=supervisor, kind="corrective_action").count() == 1


def test_an_unanswered_required_item_stops_submission_and_nothing_changes(property_a, people):
    inspector, _sup = people
    audit = open_audit(property_a, inspector=inspector)
    items = {i.text: i for i in audit.version.items.all()}
    services.audit_answer(audit=audit, item=items["Greeting"], actor=inspector, value=False)
    with pytest.raises(ValidationError) as exc:
        services.audit_submit(audit=audit, actor=inspector)
    assert "“ID checked” is not answered." in exc.value.messages
    audit.refresh_from_db()
    assert audit.status == AuditStatus.IN_PROGRESS and audit.submitted_at is None
    assert not Finding.objects.exists()


def test_an_audit_submitted_twice_is_refused_and_nothing_is_doubled(property_a, people):
    audit, inspector, _sup = submitted_audit(property_a, inspector=people[0], supervisor=people[1])
    with pytest.raises(ValidationError) as exc:
        services.audit_submit(audit=audit, actor=inspector)
    assert exc.value.messages == ["This audit has already been submitted."]
    assert Finding.objects.count() == 1 and CorrectiveAction.objects.count() == 1
    with pytest.raises(ValidationError):
        services.audit_answer(audit=audit, item=audit.version.items.first(), actor=inspector, value=True)


def test_the_same_item_failing_again_in_the_department_is_a_repeat_finding(property_a, people):
    inspector, supervisor = people
    first, *_ = submitted_audit(property_a, inspector=inspector, supervisor=supervisor)
    template = first.version.template
    audit = open_audit(property_a, inspector=inspector, template=template)
    answer_all(audit, inspector, greeting=False)
    services.audit_submit(audit=audit, actor=inspector)
    assert list(Finding.objects.order_by("pk").values_list("is_repeat", flat=True)) == [False, True]


def test_a_finding_naming_a_standard_records_a_training_proposal_for_the_people_involved(property_a, people):
    from hotelqa.models import StaffMember

    audit, inspector, _sup = submitted_audit(property_a, inspector=people[0], supervisor=people[1])
    finding = Finding.objects.get()
    assert finding.training_proposed_at is not None
    assert finding.training_proposal["standard"] == "Greet within 30 s"
    clerk = StaffMember.objects.create(property=property_a, staff_number="F-1", name="Li Na", department=finding.department)
    services.finding_set_staff(finding=finding, staff=[clerk])
    finding.refresh_from_db()
    assert finding.training_proposal["staff"] == [clerk.pk]


def test_a_failed_item_without_a_standard_proposes_no_training(property_a, people):
    inspector, _sup = people
    audit = open_audit(property_a, inspector=inspector)
    answer_all(audit, inspector, courtesy=1)
    services.audit_submit(audit=audit, actor=inspector)
    finding = Finding.objects.get()
    assert finding.training_proposal == {} and finding.training_proposed_at is None


def test_an_unplanned_audit_needs_an_audit_checklist_of_the_property(property_a, property_b, people):
    inspector, _sup = people
    other = audit_template(property_b)
    with pytest.raises(ValidationError):
        services.audit_create(property=property_a, template=other, department=property_a.departments.first(), actor=inspector)
    assert not Audit.objects.exists()


def test_a_finding_naming_a_standard_proposes_training_through_the_training_app(property_a):
    from hotelqa.models import StaffMember
    from training.models import Proposal

    audit, _inspector, _sup = submitted_audit(property_a)
    finding = Finding.objects.get()
    proposal = Proposal.objects.get()
    assert proposal.source == "audit" and proposal.origin == finding and proposal.department == finding.department
    assert finding.training_proposal["proposal"] == proposal.pk
    clerk = StaffMember.objects.create(property=property_a, staff_number="F-2", name="Wang Fang", department=finding.department)
    services.finding_set_staff(finding=finding, staff=[clerk])
    services.finding_set_staff(finding=finding, staff=[clerk])
    assert Proposal.objects.count() == 1 and list(Proposal.objects.get().staff.all()) == [clerk]
