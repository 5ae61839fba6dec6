"""Corrective actions on the workflow engine: the PDCA table, who may make each move, evidence
before checking and closing, the owner never verifies, the lock, and the watch escalating once
per step."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from audits import services
from audits.models import ActionStatus, CorrectiveAction
from hotelqa.choices import Role
from hotelqa import watch
from hotelqa.models import Escalation, Notification
from hotelqa.workflow import StaleEdit
from tests.factories import make_member

from .factories import submitted_audit

pytestmark = pytest.mark.django_db
S = ActionStatus


@pytest.fixture
def world(property_a):
    audit, inspector, supervisor = submitted_audit(property_a)
    action = CorrectiveAction.objects.get()
    return {"audit": audit, "inspector": inspector, "owner": supervisor, "action": action,
            "manager": make_member(property_a, Role.MANAGER), "staff": make_member(property_a, Role.STAFF, department_kind="front_office"),
            "other_supervisor": make_member(property_a, Role.SUPERVISOR, department_kind="housekeeping")}


def move(action, to, actor, **kw):
    return services.action_transition(action=CorrectiveAction.objects.get(pk=action.pk), to_status=to, actor=actor, **kw)


def test_the_full_pdca_cycle_records_each_step(world):
    a, owner, inspector = world["action"], world["owner"], world["inspector"]
    move(a, S.DO, owner, plan="Retrain the shift on the 30-second greeting")
    move(a, S.CHECK, owner, evidence="Briefing held on 3 March, sign-in sheet attached")
    a = move(a, S.ACT, inspector, note="Observed two check-ins: both greeted at once")
    assert a.status == S.ACT and a.verified_by == inspector and a.closed_at is not None
    assert [h.to_status for h in a.history.order_by("pk")] == [S.PLAN, S.DO, S.CHECK, S.ACT]
    assert Notification.objects.filter(recipient=owner, title__contains=a.number).exists()


def test_moves_outside_the_table_are_refused(world):
    a, owner, inspector = world["action"], world["owner"], world["inspector"]
    with pytest.raises(ValidationError):
        move(a, S.CHECK, owner, evidence="x")  # plan → check skips do
    with pytest.raises(ValidationError):
        move(a, S.ACT, inspector)
    assert CorrectiveAction.objects.get(pk=a.pk).status == S.PLAN


@pytest.mark.parametrize("who, allowed", [
    ("owner", True), ("inspector", False), ("manager", False), ("staff", False), ("other_supervisor", False),
])
def test_who_may_plan_and_do(world, who, allowed):
    a = world["action"]
    if allowed:
        assert move(a, S.DO, world[who], plan="Plan").status == S.DO
    else:
        with pytest.raises(PermissionDenied):
            move(a, S.DO, world[who], plan="Plan")


@pytest.mark.parametrize("who, allowed", [("inspector", True), ("manager", True), ("owner", False), ("staff", False)])
def test_who_may_verify(world, who, allowed):
    a, owner = world["action"], world["owner"]
    move(a, S.DO, owner, plan="Plan")
    move(a, S.CHECK, owner, evidence="Done")
    if allowed:
        assert move(a, S.ACT, world[who]).status == S.ACT
    else:
        with pytest.raises(PermissionDenied):
            move(a, S.ACT, world[who])
        assert CorrectiveAction.objects.get(pk=a.pk).status == S.CHECK


def test_the_owner_may_not_verify_even_as_an_inspector(property_a):
    inspector = make_member(property_a, Role.INSPECTOR)
    audit, *_ = submitted_audit(property_a, inspector=inspector)
    a = CorrectiveAction.objects.get()
    services.action_update_plan(action=a, actor=inspector, owner=inspector)
    move(a, S.DO, inspector, plan="Plan")
    move(a, S.CHECK, inspector, evidence="Done")
    with pytest.raises(PermissionDenied):
        move(a, S.ACT, inspector)
    assert services.allowed_moves(action=CorrectiveAction.objects.get(pk=a.pk), user=inspector) == []


def test_no_plan_no_do(world):
    with pytest.raises(ValidationError) as exc:
        move(world["action"], S.DO, world["owner"], plan="  ")
    assert "plan" in exc.value.message_dict


def test_sending_for_checking_or_closing_without_evidence_is_refused(world):
    a, owner = world["action"], world["owner"]
    move(a, S.DO, owner, plan="Plan")
    with pytest.raises(ValidationError) as exc:
        move(a, S.CHECK, owner, evidence="")
    assert exc.value.message_dict["evidence"] == ["Add evidence (a note or a photo) of what was done before sending it for checking."]
    a = CorrectiveAction.objects.get(pk=a.pk)
    assert a.status == S.DO and a.submitted_at is None
    # Evidence removed behind the engine's back still stops the close.
    move(a, S.CHECK, owner, evidence="Done")
    CorrectiveAction.objects.filter(pk=a.pk).update(evidence="")
    with pytest.raises(ValidationError) as exc:
        move(a, S.ACT, world["inspector"])
    assert exc.value.messages == ["An action without evidence cannot be closed."]
    assert CorrectiveAction.objects.get(pk=a.pk).status == S.CHECK


def test_a_photo_is_evidence_enough(world):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from tests.core.test_uploads import png_bytes

    a, owner = world["action"], world["owner"]
    move(a, S.DO, owner, plan="Plan")
    services.action_photo_add(action=a, image=SimpleUploadedFile("p.png", png_bytes(), content_type="image/png"), actor=owner)
    assert move(a, S.CHECK, owner, evidence="").status == S.CHECK


def test_sending_back_needs_a_reason_and_returns_to_do(world):
    a, owner, inspector = world["action"], world["owner"], world["inspector"]
    move(a, S.DO, owner, plan="Plan")
    move(a, S.CHECK, owner, evidence="Done")
    with pytest.raises(ValidationError):
        move(a, S.DO, inspector, note="")
    a = move(a, S.DO, inspector, note="The sign-in sheet is missing")
    assert a.status == S.DO
    assert Notification.objects.filter(recipient=owner, title__contains="sent back").exists()


def test_a_stale_version_is_refused(world):
    a, owner = world["action"], world["owner"]
    version = a.version
    move(a, S.DO, owner, plan="Plan", expected_version=version)
    with pytest.raises(StaleEdit):
        move(a, S.CHECK, owner, evidence="Done", expected_version=version)


def _sent(action):
    """(PDCA step, level) of each warning or escalation the deadline watch stored for the action."""
    return sorted((e.deadline.split("@")[0], e.level) for e in action.escalations.all())


def test_watch_warns_then_escalates_once_per_step(world):
    a, owner = world["action"], world["owner"]
    due = a.due_at
    before = due - dt.timedelta(hours=2)
    assert services.corrective_actions_watch(now=before) == 1
    assert services.corrective_actions_watch(now=before) == 0
    warned = Notification.objects.get(kind="corrective_action", title__contains="is due")
    assert warned.recipient_id == owner.pk
    after = due + dt.timedelta(hours=1)
    assert services.corrective_actions_watch(now=after) == 1
    assert services.corrective_actions_watch(now=after + dt.timedelta(hours=5)) == 0
    assert _sent(a) == [("plan", 0), ("plan", 1)]
    # Moving on to the next step while still overdue escalates that step once.
    move(a, S.DO, owner, plan="Plan")
    assert services.corrective_actions_watch(now=after + dt.timedelta(hours=6)) == 1
    assert services.corrective_actions_watch(now=after + dt.timedelta(hours=7)) == 0
    assert _sent(a) == [("do", 1), ("plan", 0), ("plan", 1)]
    escalated = Notification.objects.filter(kind="corrective_action", title__startswith="Overdue")
    assert escalated.filter(recipient=world["manager"]).count() == 2  # once per step
    assert {n.recipient_id for n in escalated} >= {owner.pk, world["manager"].pk}


def test_the_foundation_job_runs_the_action_watch_once_per_step(world):
    """The one deadline job (every source) and the action-only call share the same rows."""
    a = world["action"]
    after = a.due_at + dt.timedelta(hours=1)
    assert watch.run(now=after)[services.WATCH_SOURCE] == 1
    assert services.corrective_actions_watch(now=after) == 0
    assert watch.run(now=after + dt.timedelta(days=2))[services.WATCH_SOURCE] == 0
    row = Escalation.objects.get()
    assert (row.record, row.level, row.due) == (a, 1, a.due_at)
    assert row.recipients >= 1 and row.property_id == a.property_id
    assert str(row.level_label) == "Overdue" and str(row.deadline_label) == "Plan"


def test_a_new_due_time_is_a_new_deadline(world):
    a = world["action"]
    assert services.corrective_actions_watch(now=a.due_at + dt.timedelta(hours=1)) == 1
    CorrectiveAction.objects.filter(pk=a.pk).update(due_at=a.due_at + dt.timedelta(days=3))
    a.refresh_from_db()
    assert services.corrective_actions_watch(now=a.due_at + dt.timedelta(hours=1)) == 1
    assert a.escalations.count() == 2


def test_a_late_first_run_sends_only_the_escalation(world):
    a = world["action"]
    assert services.corrective_actions_watch(now=a.due_at + dt.timedelta(days=1)) == 1
    assert _sent(a) == [("plan", 1)]


def test_closed_actions_are_not_watched(world):
    a, owner, inspector = world["action"], world["owner"], world["inspector"]
    move(a, S.DO, owner, plan="Plan")
    move(a, S.CHECK, owner, evidence="Done")
    move(a, S.ACT, inspector)
    assert services.corrective_actions_watch(now=timezone.now() + dt.timedelta(days=30)) == 0
