"""Findings and corrective actions (PDCA) on the foundation's workflow engine.

    plan  → do     the owner (or a supervisor of the department) has planned the measure
    do    → check  the owner sends it for checking, with evidence (text or photo)
    check → act    the inspector verifies it: closed (never the action's own owner)
    check → do     the inspector sends it back, saying why

Overdue actions warn the owner a day before and escalate to the department's supervisors and the
managers once the due time passes, once per step and due time: the foundation's deadline watch
(`hotelqa.watch`, source `audits.corrective_action`, registered in `audits/tasks.py`).
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from hotelqa.models import Membership
from hotelqa.permissions import user_can
from hotelqa.selectors import department_supervisors, property_managers
from hotelqa.services import Message, notification_send
from hotelqa import watch
from hotelqa.workflow import Workflow

from ..models import (
    ActionStatus,
    CorrectiveAction,
    CorrectiveActionHistory,
    CorrectiveActionPhoto,
    EscalationLevel,
    Finding,
)

S = ActionStatus
WORK, VERIFY = "audits.change_correctiveaction", "audits.verify_correctiveaction"
TRANSITIONS = {
    S.PLAN: {S.DO: WORK},
    S.DO: {S.CHECK: WORK},
    S.CHECK: {S.ACT: VERIFY, S.DO: VERIFY},
    S.ACT: {},
}
REPEAT_LOOKBACK_DAYS = 90
DAYS_TO_CORRECT = 14
DAYS_TO_CORRECT_CRITICAL = 3
WARN_HOURS = 24


def _may(user, permission, action):
    if not user_can(user, permission, action.property):
        return False
    if permission == VERIFY:
        return user.pk != action.owner_id  # nobody verifies their own action
    if action.owner_id == user.pk:
        return True
    membership = user.membership_in(action.property)
    return bool(membership and membership.role == "supervisor" and membership.department_id == action.department_id)


WORKFLOW = Workflow(
    transitions=TRANSITIONS,
    history=lambda action, **row: CorrectiveActionHistory(action=action, **row),
    status_label=lambda status: S(status).label,
    refused=_lazy("A corrective action cannot go from “%(from)s” to “%(to)s”."),
    may=_may,
)


def allowed_moves(*, action, user) -> list:
    return WORKFLOW.allowed_moves(action, user)


def default_owner(audit):
    """Who a new action goes to: the department's supervisor, else a manager, else the inspector."""
    people = department_supervisors(property=audit.property, department=audit.department) or property_managers(property=audit.property)
    return people[0] if people else audit.inspector


def findings_create(*, audit, failed_items, now) -> list:
    """A finding, and a corrective action in its plan step, for every failed item of `audit`."""
    if not failed_items:
        return []
    answers = {a.item_id: a for a in audit.response.answers.filter(item_id__in=[i.pk for i in failed_items])}
    since = now - dt.timedelta(days=REPEAT_LOOKBACK_DAYS)
    repeated = set(
        Finding.objects.filter(department_id=audit.department_id, created_at__gte=since, item__text__in=[i.text for i in failed_items])
        .values_list("item__text", flat=True)
    )
    owner = default_owner(audit)
    if owner is None:
        raise ValidationError(_("Nobody can own the corrective actions: the department has no supervisor and the property no manager."))
    findings = []
    for item in failed_items:
        proposal = {}
        if item.standard or item.standard_zh:
            proposal = {"standard": item.standard, "standard_zh": item.standard_zh, "department": audit.department_id, "staff": []}
        finding = Finding.objects.create(
            property_id=audit.property_id, audit=audit, answer=answers[item.pk], item=item, department_id=audit.department_id,
            critical=item.critical, is_repeat=item.text in repeated, created_at=now,
            training_proposal=proposal, training_proposed_at=now if proposal else None,
        )
        if proposal:
            _propose_training(finding, staff=[])
        days = DAYS_TO_CORRECT_CRITICAL if item.critical else DAYS_TO_CORRECT
        action = CorrectiveAction.objects.create(
            property_id=audit.property_id, finding=finding, department_id=audit.department_id, owner=owner,
            due_at=now + dt.timedelta(days=days), created_at=now,
        )
        WORKFLOW.record(action, from_status="", to_status=S.PLAN, actor=audit.submitted_by, at=now)
        findings.append(finding)
    notification_send(
        recipients=[owner], property=audit.property, kind="corrective_action",
        title=Message(_lazy("Audit %(number)s: %(count)s corrective action(s) for you to plan"),
                      {"number": audit.number, "count": len(findings)}),
        url=reverse("audits:action_list") + "?mine=on",
    )
    return findings


@transaction.atomic
def finding_set_staff(*, finding: Finding, staff) -> Finding:
    """Name the people involved; the training proposal of a finding naming a standard lists them."""
    staff = list(staff)
    if any(s.property_id != finding.property_id for s in staff):
        raise ValidationError({"staff": _("Choose people of this property.")})
    finding.staff.set(staff)
    if finding.training_proposal:
        finding.training_proposal = {**finding.training_proposal, "staff": sorted(s.pk for s in staff)}
        finding.save(update_fields=["training_proposal"])
        _propose_training(finding, staff=staff)
    return finding


def _propose_training(finding, *, staff):
    """The training app's proposal for this finding (one per finding; named people are added to
    it while it is open). Its id is kept with what the finding records."""
    from training.choices import ProposalSource
    from training.services import proposal_create

    item = finding.item
    reason = _("%(audit)s: “%(item)s” failed (%(standard)s)") % {
        "audit": finding.audit.number, "item": item.text, "standard": item.standard or item.standard_zh}
    proposal, _created = proposal_create(
        property=finding.property, source=ProposalSource.AUDIT, staff=staff, department=finding.department, origin=finding,
        standard=" ".join(t for t in (item.standard, item.standard_zh, item.text, item.text_zh) if t), reason=reason)
    if finding.training_proposal.get("proposal") != proposal.pk:
        finding.training_proposal = {**finding.training_proposal, "proposal": proposal.pk}
        finding.save(update_fields=["training_proposal"])
    return proposal


@transaction.atomic
def action_update_plan(*, action: CorrectiveAction, actor, owner=None, due_at=None) -> CorrectiveAction:
    """The verifier (inspector, manager) hands the action to someone else or moves its due time
    while it is still being planned or done."""
    action = CorrectiveAction.objects.select_for_update(of=("self",)).select_related("property").get(pk=action.pk)
    if not user_can(actor, VERIFY, action.property):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    if action.status not in (S.PLAN, S.DO):
        raise ValidationError(_("Only an action being planned or done can be handed over or given more time."))
    fields = []
    if owner is not None and owner.pk != action.owner_id:
        if not Membership.objects.filter(user=owner, property_id=action.property_id).exists():
            raise ValidationError({"owner": _("The owner does not work at this property.")})
        action.owner = owner
        fields.append("owner")
    if due_at is not None and due_at != action.due_at:
        action.due_at = due_at
        fields.append("due_at")
    if fields:
        action.save(update_fields=fields)
    return action


@transaction.atomic
def action_transition(*, action: CorrectiveAction, to_status, actor, note="", plan=None, evidence=None,
                      expected_version=None) -> CorrectiveAction:
    """The one way a corrective action changes step."""
    action = CorrectiveAction.objects.select_for_update(of=("self",)).select_related("property").get(pk=action.pk)

    def prepare(action, from_status, now):
        fields = set()
        if to_status == S.DO and from_status == S.PLAN:
            text = (plan if plan is not None else action.plan).strip()
            if not text:
                raise ValidationError({"plan": _("Say what will be done to correct the finding.")})
            action.plan = text
            fields.add("plan")
        if to_status == S.CHECK:
            if evidence is not None:
                action.evidence = evidence.strip()
                fields.add("evidence")
            if not action.evidence and not action.photos.exists():
                raise ValidationError({"evidence": _("Add evidence (a note or a photo) of what was done before sending it for checking.")})
            action.submitted_at = now
            fields.add("submitted_at")
        if to_status == S.ACT:
            if not action.evidence and not action.photos.exists():
                raise ValidationError(_("An action without evidence cannot be closed."))
            action.verified_by, action.closed_at = actor, now
            fields |= {"verified_by", "closed_at"}
        if to_status == S.DO and from_status == S.CHECK and not note.strip():
            raise ValidationError({"note": _("Say why the action is sent back.")})
        return fields

    WORKFLOW.move(action, to_status, actor=actor, note=note, prepare=prepare, expected_version=expected_version)
    _notify_move(action, to_status, actor)
    return action


def action_photo_add(*, action: CorrectiveAction, image, actor) -> CorrectiveActionPhoto:
    if action.status not in (S.PLAN, S.DO):
        raise ValidationError(_("Evidence is added while the action is being done."))
    if not WORKFLOW.may(actor, WORK, action):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied
    return CorrectiveActionPhoto.objects.create(action=action, image=image, uploaded_by=actor)


def _verifiers(action):
    from ..models import Audit

    audit = Audit.objects.select_related("inspector").get(pk=action.finding.audit_id)
    people = [audit.inspector] if audit.inspector else property_managers(property=action.property)
    return [p for p in people if p and p.pk != action.owner_id]


def _notify_move(action, to_status, actor):
    url = reverse("audits:action_detail", args=[action.pk])
    if to_status == S.CHECK:
        recipients = _verifiers(action)
        title = Message(_lazy("Corrective action %(number)s is ready to verify"), {"number": action.number})
    elif to_status == S.DO and actor and actor.pk != action.owner_id:
        recipients, title = [action.owner], Message(_lazy("Corrective action %(number)s was sent back"), {"number": action.number})
    elif to_status == S.ACT:
        recipients, title = [action.owner], Message(_lazy("Corrective action %(number)s was verified and closed"), {"number": action.number})
    else:
        return
    if recipients:
        notification_send(recipients=recipients, property=action.property, kind="corrective_action", url=url, title=title)


WATCH_SOURCE = "audits.corrective_action"


def watch_key(status, due_at) -> str:
    """The watch's deadline key of an action: its PDCA step and due time, so an action still
    overdue in its next step, or given a new due time, is warned and escalated again."""
    return f"{status}@{due_at.astimezone(dt.UTC).isoformat()}"


def action_deadlines(now):
    """Open actions due within a day: the warning a day before, the escalation at the due time."""
    lead = dt.timedelta(hours=WARN_HOURS)
    due_soon = CorrectiveAction.objects.filter(status__in=S.open_values(), due_at__lte=now + lead)
    for action in due_soon.select_related("property", "owner", "department").iterator(chunk_size=500):
        yield watch.Deadline(record=action, key=watch_key(action.status, action.due_at), due=action.due_at, steps=[
            (EscalationLevel.WARNING, action.due_at - lead),
            (EscalationLevel.ESCALATION, action.due_at),
        ])


def action_notify(step) -> list:
    """Warn the owner, or tell the department's supervisors and the managers it is overdue."""
    action = step.record
    url = reverse("audits:action_detail", args=[action.pk])
    due = timezone.localtime(action.due_at).strftime("%Y-%m-%d %H:%M")
    if step.level == EscalationLevel.WARNING:
        recipients = [action.owner]
        title = Message(_lazy("Corrective action %(number)s is due %(due)s"), {"number": action.number, "due": due})
    else:
        people = department_supervisors(property=action.property, department=action.department) + property_managers(property=action.property)
        recipients = list({p.pk: p for p in people}.values())
        title = Message(_lazy("Overdue corrective action %(number)s (due %(due)s, step: %(step)s)"),
                        {"number": action.number, "due": due, "step": S(action.status).label})
    notification_send(recipients=recipients, property=action.property, kind="corrective_action", url=url, title=title)
    return recipients


def deadline_label(key):
    """The deadline's name in the reader's language: the PDCA step it was due in ("plan@…": Plan)."""
    status = key.split("@", 1)[0]
    return S(status).label if status in S.values else key


def corrective_actions_watch(*, now=None) -> int:
    """Warn owners a day before an action's due time; escalate overdue ones to the department's
    supervisors and the managers. Each (action, step, due time, level) is sent once however often
    or late the job runs: the deadline watch (`hotelqa.watch`) for corrective actions only."""
    return watch.run(now=now, sources=[WATCH_SOURCE])[WATCH_SOURCE]
