"""The one door of the case workflow: moves along the kind's table, reassignment, the timeline."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hotelqa.models import Department, User
from hotelqa.permissions import user_can
from hotelqa.workflow import StaleEdit, bump_version

from .. import events as case_events
from .. import workflow
from ..choices import ApprovalStatus, CaseKind, CaseStatus, EventKind
from ..models import Case, CaseEvent, Revisit
from .common import deadlines_for, may_close, notify_assignment, validate_assignee
from .revisits import revisit_schedule, revisits_list_due


# Kept under the name the views and tests know; the lock is the engine's.
StaleCaseError = StaleEdit


TRACKED_FIELDS = ["status", "assignee", "department", "grade", "category", "response_due", "resolution_due"]


def _snapshot(case: Case) -> dict:
    return {
        "status": case.status,
        "assignee": case.assignee_id,
        "department": case.department_id,
        "grade": case.grade,
        "category": case.category,
        "response_due": case.response_due,
        "resolution_due": case.resolution_due,
    }


def _related(case: Case, field: str, value):
    if value in (None, "") or field not in ("assignee", "department"):
        return None
    if getattr(case, f"{field}_id") == value:
        return getattr(case, field)
    return (User if field == "assignee" else Department).objects.get(pk=value)


def _raw(value) -> str:
    return value.isoformat() if isinstance(value, dt.datetime) else ("" if value is None else str(value))


def _record_changes(*, case: Case, before: dict, actor, now, note="") -> list[CaseEvent]:
    after = _snapshot(case)
    events = []
    for field in TRACKED_FIELDS:
        if field == "status" or before[field] == after[field]:
            continue
        events.append(
            CaseEvent(
                case=case, kind=EventKind.CHANGE, field=field, actor=actor, created_at=now,
                old_value=_raw(before[field])[:200], new_value=_raw(after[field])[:200],
                event=case_events.event(
                    case_events.CHANGE_KINDS[field],
                    old=case_events.change_value(field, before[field], _related(case, field, before[field])),
                    new=case_events.change_value(field, after[field], _related(case, field, after[field])),
                ),
            )
        )
    CaseEvent.objects.bulk_create(events)
    return events


def _check_required(case: Case, key) -> None:
    errors = {}
    for field in workflow.REQUIRED.get(key, []):
        value = getattr(case, field if field not in ("guest", "department", "assignee") else f"{field}_id")
        if value in (None, "", False):
            errors[field] = _("This step needs this field.")
    if key == (CaseKind.COMPLAINT, CaseStatus.RECORDED) and not (case.guest_id or case.room_number):
        errors["guest"] = _("Give the guest or at least the room.")
    if key == (CaseKind.COMPLAINT, CaseStatus.SOLUTION) and case.recovery_actions.filter(approval=ApprovalStatus.PENDING).exists():
        errors["__all__"] = _("A service recovery still awaits approval.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def case_transition(*, case: Case, to_status: str, actor: User | None, expected_version: int | None, data: dict | None = None, note: str = "", event: dict | None = None) -> Case:
    """Move a case one step along its kind's table, filling in that step's fields.

    The workflow engine refuses moves not in the table, roles that may not make the move and stale
    versions; this step refuses missing required fields. Writes the timeline, sets
    response/resolution times and schedules the revisit."""
    kind = case.kind
    key = (kind, to_status)
    engine = workflow.ENGINES[kind]
    engine.check(case, to_status, actor)
    if actor is not None and key == (CaseKind.COMPLAINT, CaseStatus.CLOSED) and not may_close(user=actor, case=case):
        raise PermissionDenied  # the desk, guest relations or a supervisor closes, not the repairer
    if key in workflow.NEEDS_NOTE and not note.strip():
        raise ValidationError({"note": _("Give the reason.")})
    data = data or {}
    allowed = set(workflow.STEP_FIELDS.get(key, []))
    unexpected = set(data) - allowed
    if unexpected:
        raise ValidationError(_("Fields not part of this step: %(fields)s") % {"fields": ", ".join(sorted(unexpected))})
    before = _snapshot(case)
    data = dict(data)
    staff_members = data.pop("staff_members", None)  # many-to-many: set after the move
    if staff_members is not None and any(s.property_id != case.property_id for s in staff_members):
        raise ValidationError({"staff_members": _("A staff member belongs to another property.")})

    def prepare(case, from_status, now):
        for field, value in data.items():
            setattr(case, field, value)
        if "department" in data and case.department and case.department.property_id != case.property_id:
            raise ValidationError({"department": _("The department belongs to another property.")})
        if "assignee" in data:
            validate_assignee(property=case.property, assignee=case.assignee)
        if data.get("guest") is not None and case.guest.is_anonymized:
            raise ValidationError({"guest": _("This guest's profile was anonymized.")})
        if key == (CaseKind.REQUEST, CaseStatus.ACKNOWLEDGED) and case.assignee_id is None and actor is not None:
            case.assignee = actor
        _check_required(case, key)
        changed = set(data) | {"assignee"}
        if to_status == workflow.FIRST_RESPONSE[kind] and case.first_response_at is None:
            case.first_response_at = now
            changed.add("first_response_at")
        if to_status == workflow.RESOLUTION[kind]:
            case.resolved_at = now
            changed.add("resolved_at")
        if to_status == CaseStatus.REOPENED:
            case.reopen_count += 1
            case.resolved_at = None
            case.result_told = False
            case.satisfaction = None
            _response, case.resolution_due = deadlines_for(case=case, start=now)
            changed |= {"reopen_count", "resolved_at", "resolution_due", "result_told", "satisfaction"}
            # A pending call-back makes no sense while the case is being worked again.
            Revisit.objects.filter(case=case, done_at__isnull=True).update(done_at=now, event=case_events.event(case_events.REVISIT_CANCELLED))
        if {"grade", "department"} & set(data) and (before["grade"], before["department"]) != (case.grade, case.department_id):
            case.response_due, case.resolution_due = deadlines_for(case=case, start=case.received_at if not case.reopen_count else now)
            changed |= {"response_due", "resolution_due"}
        case.full_clean(exclude=["number"])
        return changed

    now = timezone.now()
    engine.move(case, to_status, actor=actor, note=note, expected_version=expected_version, prepare=prepare, now=now,
                history_extra={"event": event} if event else None)
    if staff_members is not None:
        case.staff_members.set(staff_members)
    _record_changes(case=case, before=before, actor=actor, now=now)
    if case.assignee_id and case.assignee_id != before["assignee"]:
        notify_assignment(case)
    if kind == CaseKind.COMPLAINT and to_status == CaseStatus.CLOSED:
        revisit_schedule(case=case, closed_at=now)
        from ..crm_hooks import survey_after_close

        survey_after_close(case)  # the guest's survey of how the complaint was handled
        # A revisit due at once (a delay of 0 hours) is on the desk's list now, not at the next hourly run.
        transaction.on_commit(lambda: revisits_list_due(now=timezone.now(), property=case.property))
    return case


@transaction.atomic
def case_reassign(*, case: Case, actor: User, expected_version: int | None, department=None, assignee=None, grade: str | None = None, note: str = "") -> Case:
    """Change department, assignee or grade of an open case (supervisors); deadlines follow the grade."""
    if not user_can(actor, "complaints.assign_case", case.property):
        raise PermissionDenied
    if not case.is_open:
        raise ValidationError(_("A closed case cannot be reassigned; reopen it first."))
    if department is not None and department.property_id != case.property_id:
        raise ValidationError({"department": _("The department belongs to another property.")})
    validate_assignee(property=case.property, assignee=assignee)
    before = _snapshot(case)
    case.department = department
    case.assignee = assignee
    if grade:
        case.grade = grade
    bump_version(case, expected_version)
    now = timezone.now()
    changed = ["department", "assignee", "grade", "updated_at"]
    if (before["grade"], before["department"]) != (case.grade, case.department_id):
        case.response_due, case.resolution_due = deadlines_for(case=case, start=case.received_at if not case.reopen_count else now)
        changed += ["response_due", "resolution_due"]
    case.save(update_fields=changed)
    events = _record_changes(case=case, before=before, actor=actor, now=now)
    if note and events:
        CaseEvent.objects.create(case=case, kind=EventKind.NOTE, note=note, actor=actor, created_at=now)
    if case.assignee_id and case.assignee_id != before["assignee"]:
        notify_assignment(case)
    return case


@transaction.atomic
def case_translation_save(*, case: Case, actor: User, text: str, expected_version: int | None) -> Case:
    """Save what happened in the other language, as a person typed it (never machine-made); the
    original description stays as it was typed. Needs the right to work cases."""
    if not user_can(actor, "complaints.change_case", case.property):
        raise PermissionDenied
    text = text.strip()
    if len(text) > 4000:
        raise ValidationError({"description_translation": _("Keep the translation under 4,000 characters.")})
    case.description_translation = text
    bump_version(case, expected_version)
    case.save(update_fields=["description_translation", "updated_at"])
    return case


@transaction.atomic
def case_note_add(*, case: Case, actor: User, note: str) -> CaseEvent:
    """Add a note to the case's timeline (the API's "add a note"); needs the right to work cases."""
    if not user_can(actor, "complaints.change_case", case.property):
        raise PermissionDenied
    note = note.strip()
    if not note:
        raise ValidationError({"note": _("Write the note.")})
    return CaseEvent.objects.create(case=case, kind=EventKind.NOTE, note=note, actor=actor, created_at=timezone.now())
