"""Writes of the case engine. Every change of a case goes through a function here."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from hotelqa.choices import DepartmentKind, Role
from hotelqa.models import Department, Membership, Property, User
from hotelqa.permissions import user_can
from hotelqa.selectors import department_supervisors, members_with_role, property_managers
from hotelqa.services import Message, notification_send

from . import workflow
from .business_time import Calendar, add_business_time
from .choices import ApprovalStatus, CaseKind, CaseStatus, DeadlineKind, EscalationLevel, EventKind, Grade, RevisitOutcome
from .models import (
    DEFAULT_RECOVERY_LIMITS,
    DEFAULT_SLA_MINUTES,
    Case,
    CaseCounter,
    CaseEvent,
    CasePhoto,
    ComplaintSettings,
    Escalation,
    RecoveryAction,
    RecoveryLimit,
    Revisit,
    ServiceCalendar,
    SlaPolicy,
    default_warn_lead,
)
from .routing import patterns_for, route
from .rules import CATEGORY_DEPARTMENT, suggest


class StaleCaseError(Exception):
    """The case was changed by someone else since the form was opened."""


# --- numbers, SLAs, calendars -------------------------------------------------------------


def property_prefix(property: Property) -> str:
    words = [w for w in property.name.replace("-", " ").split() if w[:1].isalpha()]
    initials = "".join(w[0] for w in words[:2]).upper()
    return initials or property.code[:3].upper()


def case_number_next(*, property: Property, year: int) -> str:
    counter, _created = CaseCounter.objects.select_for_update().get_or_create(property=property, year=year)
    CaseCounter.objects.filter(pk=counter.pk).update(last=F("last") + 1)
    counter.refresh_from_db(fields=["last"])
    return f"{property_prefix(property)}-{year}-{counter.last:06d}"


def sla_minutes(*, property: Property, kind: str, grade: str) -> tuple[int, int]:
    grade_key = "" if kind == CaseKind.REQUEST else grade
    policy = SlaPolicy.objects.filter(property=property, kind=kind, grade=grade_key).first()
    if policy:
        return policy.response_minutes, policy.resolution_minutes
    return DEFAULT_SLA_MINUTES[(kind, grade_key)]


def calendar_for(*, property: Property, department: Department | None) -> Calendar:
    tz = ZoneInfo(property.time_zone)
    if department is None:
        return Calendar(tz=tz)
    cal = ServiceCalendar.objects.filter(department=department).prefetch_related("hours", "holidays").first()
    if cal is None or cal.always_open:
        return Calendar(tz=tz)
    hours = {}
    for h in cal.hours.all():
        hours.setdefault(h.weekday, []).append((h.opens, h.closes))
    return Calendar(tz=tz, always_open=False, hours=hours, holidays=frozenset(h.date for h in cal.holidays.all()))


def deadlines_for(*, case: Case, start: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    response, resolution = sla_minutes(property=case.property, kind=case.kind, grade=case.grade)
    calendar = calendar_for(property=case.property, department=case.department)
    return (
        add_business_time(start, dt.timedelta(minutes=response), calendar),
        add_business_time(start, dt.timedelta(minutes=resolution), calendar),
    )


def settings_for(property: Property) -> ComplaintSettings:
    return ComplaintSettings.objects.filter(property=property).first() or ComplaintSettings(property=property)


def may_close(*, user: User, case: Case) -> bool:
    """Closing a complaint with the guest's feedback is for the people configured per property
    (by default front desk, guest relations and supervisors), not for whoever did the repair."""
    closers = set(filter(None, settings_for(case.property).closing_roles.split(",")))
    role = user.role_in(case.property)
    if role in closers:
        return True
    if "guest_relations" in closers and role == Role.STAFF:
        membership = user.membership_in(case.property)
        return bool(membership and membership.department_id and membership.department.kind == DepartmentKind.FRONT_OFFICE)
    return False


def case_url(case: Case) -> str:
    return reverse("complaints:case_detail", args=[case.pk])


# --- history --------------------------------------------------------------------------------

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


def _display(case: Case, field: str, value) -> str:
    if value in (None, ""):
        return ""
    if field == "assignee":
        return str(case.assignee if case.assignee_id == value else User.objects.get(pk=value))
    if field == "department":
        return str(case.department if case.department_id == value else Department.objects.get(pk=value))
    if isinstance(value, dt.datetime):
        return value.isoformat()
    return str(value)


def _record_changes(*, case: Case, before: dict, actor, now, note="") -> list[CaseEvent]:
    after = _snapshot(case)
    events = []
    for field in TRACKED_FIELDS:
        if field == "status" or before[field] == after[field]:
            continue
        events.append(
            CaseEvent(
                case=case, kind=EventKind.CHANGE, field=field, actor=actor, created_at=now,
                old_value=_display(case, field, before[field])[:200], new_value=_display(case, field, after[field])[:200],
            )
        )
    CaseEvent.objects.bulk_create(events)
    return events


def _bump_version(case: Case, expected_version: int | None) -> None:
    """Optimistic lock: the write wins only if nobody saved the case since `expected_version`."""
    if expected_version is None:
        Case.objects.filter(pk=case.pk).update(version=F("version") + 1)
        case.version = Case.objects.values_list("version", flat=True).get(pk=case.pk)
        return
    if not Case.objects.filter(pk=case.pk, version=expected_version).update(version=expected_version + 1):
        raise StaleCaseError
    case.version = expected_version + 1


def _notify_assignment(case: Case) -> None:
    if case.assignee_id:
        notification_send(
            recipients=[case.assignee], property=case.property, kind="assignment", url=case_url(case),
            title=Message(_lazy("%(number)s assigned to you: %(text)s"), {"number": case.number, "text": case.description[:80]}),
        )


def _validate_assignee(*, property: Property, assignee: User | None) -> None:
    if assignee is not None and not Membership.objects.filter(user=assignee, property=property).exists():
        raise ValidationError({"assignee": _("This person does not work at this property.")})


# --- logging a case ---------------------------------------------------------------------------


@transaction.atomic
def case_log(
    *,
    property: Property,
    actor: User | None,
    kind: str,
    channel: str,
    description: str,
    apology_confirmed: bool = False,
    guest=None,
    room=None,
    room_number: str = "",
    category: str = "",
    grade: str = "",
    department: Department | None = None,
    assignee: User | None = None,
    staff_involved: str = "",
    received_at: dt.datetime | None = None,
) -> Case:
    """Log a new case. A complaint with the apology confirmed and a description is received and
    recorded in one go (steps 1–2); it lands on the department's queue."""
    now = timezone.now()
    received_at = received_at or now
    hint = suggest(description, patterns_for(property))
    # A category chosen by a person decides the department; the keyword rules only fill blanks.
    department_kind = CATEGORY_DEPARTMENT.get(category) if category else hint.department_kind
    category = category or hint.category
    grade = grade or hint.grade or Grade.GENERAL
    unstaffed = None
    if department is None:
        # Chosen automatically: never a department with nobody in it to take the case.
        routed = route(property=property, kind=department_kind or DepartmentKind.FRONT_OFFICE)
        department, unstaffed = routed.department, routed.unstaffed
        assignee = assignee or routed.assignee
    if department is not None and department.property_id != property.pk:
        raise ValidationError({"department": _("The department belongs to another property.")})
    if guest is not None and guest.property_id != property.pk:
        raise ValidationError({"guest": _("The guest belongs to another property.")})
    _validate_assignee(property=property, assignee=assignee)
    if room is not None and not room_number:
        room_number = room.number
    case = Case(
        property=property, kind=kind, status=workflow.INITIAL_STATUS[kind], channel=channel,
        received_at=received_at, apology_confirmed=apology_confirmed, guest=guest, room=room,
        room_number=room_number, description=description, staff_involved=staff_involved,
        category=category, grade=grade, department=department, assignee=assignee, created_by=actor,
    )
    case.number = case_number_next(property=property, year=timezone.localtime(received_at).year)
    case.response_due, case.resolution_due = deadlines_for(case=case, start=received_at)
    # The related objects were loaded (and checked against the property) above, so re-checking
    # that each one exists would only cost a query apiece on the front desk's busiest form.
    case.full_clean(exclude=["number", "property", "guest", "room", "department", "assignee", "created_by"])
    case.save()
    events = [CaseEvent(case=case, kind=EventKind.CREATED, to_status=case.status, actor=actor, created_at=now)]
    if unstaffed is not None:
        events.append(CaseEvent(
            case=case, kind=EventKind.NOTE, actor=None, created_at=now,
            note=_("%(department)s has nobody in it: the case went to %(fallback)s.") % {"department": unstaffed, "fallback": department},
        ))
    if kind == CaseKind.COMPLAINT and apology_confirmed and (guest or room_number):
        case.status = CaseStatus.RECORDED
        case.save(update_fields=["status"])
        events.append(CaseEvent(case=case, kind=EventKind.TRANSITION, from_status=CaseStatus.RECEIVED, to_status=CaseStatus.RECORDED, actor=actor, created_at=now))
    CaseEvent.objects.bulk_create(events)
    case.routed_from = unstaffed  # read by the form's confirmation message
    if assignee:
        _notify_assignment(case)
    elif unstaffed is not None:
        notification_send(
            recipients=department_supervisors(property=property, department=department) or members_with_role(property=property, role=Role.FRONT_DESK),
            property=property, kind="new_case", url=case_url(case), body=description[:500],
            title=Message(_lazy("%(number)s came to %(department)s: %(unstaffed)s has nobody in it"), {"number": case.number, "department": department, "unstaffed": unstaffed}),
        )
    elif kind == CaseKind.REQUEST or grade != "general":
        notification_send(
            recipients=department_supervisors(property=property, department=department), property=property, kind="new_case", url=case_url(case),
            title=Message(_lazy("New %(kind)s %(number)s for %(department)s"), {"kind": CaseKind(case.kind).label, "number": case.number, "department": department or "-"}),
            body=description[:500],
        )
    return case


def case_photo_add(*, case: Case, image, actor: User | None) -> CasePhoto:
    """Attach a photo (already checked by `hotelqa.uploads.PhotoField`) to a case."""
    return CasePhoto.objects.create(case=case, image=image, uploaded_by=actor)


# --- the one door of the workflow ---------------------------------------------------------------


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
def case_transition(*, case: Case, to_status: str, actor: User | None, expected_version: int | None, data: dict | None = None, note: str = "") -> Case:
    """Move a case one step along its kind's table, filling in that step's fields.

    Refuses moves not in the table, missing required fields, stale versions and roles that may not
    make the move. Writes the timeline, sets response/resolution times and schedules the revisit."""
    from_status = case.status
    kind = case.kind
    if to_status not in workflow.allowed_moves(kind, from_status):
        raise ValidationError(
            _("A case cannot go from “%(from)s” to “%(to)s”.")
            % {"from": CaseStatus(from_status).label, "to": CaseStatus(to_status).label if to_status in CaseStatus.values else to_status}
        )
    key = (kind, to_status)
    if actor is not None:
        if not user_can(actor, workflow.move_permission(kind, to_status), case.property):
            raise PermissionDenied
        if key == (CaseKind.COMPLAINT, CaseStatus.CLOSED) and not may_close(user=actor, case=case):
            raise PermissionDenied
    if key in workflow.NEEDS_NOTE and not note.strip():
        raise ValidationError({"note": _("Give the reason.")})
    data = data or {}
    allowed = set(workflow.STEP_FIELDS.get(key, []))
    unexpected = set(data) - allowed
    if unexpected:
        raise ValidationError(_("Fields not part of this step: %(fields)s") % {"fields": ", ".join(sorted(unexpected))})
    before = _snapshot(case)
    for field, value in data.items():
        setattr(case, field, value)
    if "department" in data and case.department and case.department.property_id != case.property_id:
        raise ValidationError({"department": _("The department belongs to another property.")})
    if "assignee" in data:
        _validate_assignee(property=case.property, assignee=case.assignee)
    if data.get("guest") is not None and case.guest.property_id != case.property_id:
        raise ValidationError({"guest": _("The guest belongs to another property.")})
    if key == (CaseKind.REQUEST, CaseStatus.ACKNOWLEDGED) and case.assignee_id is None and actor is not None:
        case.assignee = actor
    _check_required(case, key)
    _bump_version(case, expected_version)

    now = timezone.now()
    case.status = to_status
    changed = set(data) | {"status", "updated_at", "assignee"}
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
        Revisit.objects.filter(case=case, done_at__isnull=True).update(done_at=now, note=_("Case reopened before the revisit."))
    if {"grade", "department"} & set(data) and (before["grade"], before["department"]) != (case.grade, case.department_id):
        case.response_due, case.resolution_due = deadlines_for(case=case, start=case.received_at if not case.reopen_count else now)
        changed |= {"response_due", "resolution_due"}
    case.full_clean(exclude=["number"])
    case.save(update_fields=sorted(changed))

    CaseEvent.objects.create(case=case, kind=EventKind.TRANSITION, from_status=from_status, to_status=to_status, note=note, actor=actor, created_at=now)
    _record_changes(case=case, before=before, actor=actor, now=now)
    if case.assignee_id and case.assignee_id != before["assignee"]:
        _notify_assignment(case)
    if kind == CaseKind.COMPLAINT and to_status == CaseStatus.CLOSED:
        revisit_schedule(case=case, closed_at=now)
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
    _validate_assignee(property=case.property, assignee=assignee)
    before = _snapshot(case)
    case.department = department
    case.assignee = assignee
    if grade:
        case.grade = grade
    _bump_version(case, expected_version)
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
        _notify_assignment(case)
    return case


def case_add_note(*, case: Case, actor: User, note: str) -> CaseEvent:
    return CaseEvent.objects.create(case=case, kind=EventKind.NOTE, note=note, actor=actor)


# --- service recovery ---------------------------------------------------------------------------


def recovery_limit(*, property: Property, role: str | None) -> Decimal:
    row = RecoveryLimit.objects.filter(property=property, role=role).first()
    if row:
        return row.max_cost
    return Decimal(DEFAULT_RECOVERY_LIMITS.get(role, 0))


@transaction.atomic
def recovery_add(*, case: Case, actor: User, kind: str, cost: Decimal, description: str = "", guest_accepted: bool = False) -> RecoveryAction:
    """Record a recovery; above the actor's limit it waits for a supervisor's or manager's approval."""
    if not user_can(actor, "complaints.add_recoveryaction", case.property):
        raise PermissionDenied
    if cost < 0:
        raise ValidationError({"cost": _("The cost cannot be negative.")})
    within = cost <= recovery_limit(property=case.property, role=actor.role_in(case.property))
    action = RecoveryAction.objects.create(
        property=case.property, case=case, kind=kind, cost=cost, description=description, guest_accepted=guest_accepted,
        approval=ApprovalStatus.NOT_NEEDED if within else ApprovalStatus.PENDING, created_by=actor,
    )
    CaseEvent.objects.create(
        case=case, kind=EventKind.RECOVERY, actor=actor, field="recovery",
        new_value=f"{action.get_kind_display()} {cost}"[:200], note=description,
    )
    if not within:
        approvers = department_supervisors(property=case.property, department=case.department) + property_managers(property=case.property)
        notification_send(
            recipients=[u for u in approvers if u.pk != actor.pk], property=case.property, kind="approval", url=case_url(case),
            title=Message(_lazy("Approve recovery of %(cost)s on %(number)s"), {"cost": cost, "number": case.number}),
        )
    return action


@transaction.atomic
def recovery_decide(*, action: RecoveryAction, actor: User, approve: bool) -> RecoveryAction:
    if action.approval != ApprovalStatus.PENDING:
        raise ValidationError(_("This recovery is not awaiting approval."))
    if not user_can(actor, "complaints.approve_recoveryaction", action.property):
        raise PermissionDenied
    if approve and action.cost > recovery_limit(property=action.property, role=actor.role_in(action.property)):
        raise ValidationError(_("This cost is above your own limit; a manager must approve it."))
    action.approval = ApprovalStatus.APPROVED if approve else ApprovalStatus.REJECTED
    action.decided_by = actor
    action.decided_at = timezone.now()
    action.save(update_fields=["approval", "decided_by", "decided_at"])
    CaseEvent.objects.create(
        case=action.case, kind=EventKind.RECOVERY, actor=actor, field="approval",
        old_value=ApprovalStatus.PENDING, new_value=action.approval, note=f"{action.get_kind_display()} {action.cost}",
    )
    return action


# --- revisits -----------------------------------------------------------------------------------


def revisit_schedule(*, case: Case, closed_at: dt.datetime) -> Revisit:
    delay = dt.timedelta(hours=settings_for(case.property).revisit_after_hours)
    revisit, _created = Revisit.objects.get_or_create(
        case=case, done_at__isnull=True, defaults={"property": case.property, "due_at": closed_at + delay}
    )
    return revisit


def revisits_list_due(*, now: dt.datetime, property: Property | None = None) -> int:
    """Put revisits whose time has come on the front desk's list and tell the front desk (once).
    The hourly job sweeps every property; closing a case sweeps its property at once."""
    touched = 0
    due = Revisit.objects.filter(listed_at__isnull=True, done_at__isnull=True, due_at__lte=now).select_related("case", "property")
    if property is not None:
        due = due.filter(property=property)
    due = list(due)
    by_property = {}
    for revisit in due:
        # The filtered update is what makes a second, concurrent run a no-op for this row.
        if Revisit.objects.filter(pk=revisit.pk, listed_at__isnull=True).update(listed_at=now):
            touched += 1
            by_property.setdefault(revisit.property, []).append(revisit)
    for property, revisits in by_property.items():
        front_desk = members_with_role(property=property, role=Role.FRONT_DESK)
        notification_send(
            recipients=front_desk, property=property, kind="revisit", url=reverse("complaints:revisit_list"),
            title=Message(_lazy("%(count)d revisit call(s) due"), {"count": len(revisits)}),
            body=", ".join(r.case.number for r in revisits),
        )
    return touched


@transaction.atomic
def revisit_record(*, revisit: Revisit, actor: User, outcome: str, note: str = "") -> Revisit:
    """Record the call; an unsatisfied guest reopens the case."""
    if revisit.done_at is not None:
        raise ValidationError(_("This revisit has already been recorded."))
    if not user_can(actor, "complaints.change_revisit", revisit.property):
        raise PermissionDenied
    if outcome not in RevisitOutcome.values:
        raise ValidationError({"outcome": _("Choose an outcome.")})
    if outcome == RevisitOutcome.NOT_SATISFIED and not note.strip():
        raise ValidationError({"note": _("Write down what the guest is not satisfied with.")})
    now = timezone.now()
    updated = Revisit.objects.filter(pk=revisit.pk, done_at__isnull=True).update(outcome=outcome, note=note, done_by=actor, done_at=now)
    if not updated:
        raise ValidationError(_("This revisit has already been recorded."))
    revisit.refresh_from_db()
    case = revisit.case
    CaseEvent.objects.create(case=case, kind=EventKind.REVISIT, actor=actor, field="revisit", new_value=outcome, note=note, created_at=now)
    if outcome == RevisitOutcome.NOT_SATISFIED and case.status == CaseStatus.CLOSED:
        # The reopen is the system's consequence of the call, so it is recorded without an actor.
        case_transition(case=case, to_status=CaseStatus.REOPENED, actor=None, expected_version=None, note=_("Revisit: guest not satisfied. %(note)s") % {"note": note})
        if case.assignee_id:
            notification_send(recipients=[case.assignee], property=case.property, kind="reopened", url=case_url(case),
                              title=Message(_lazy("%(number)s reopened after the revisit"), {"number": case.number}), body=note)
    return revisit


# --- SLA watch ----------------------------------------------------------------------------------


def escalation_step(*, case: Case, due: dt.datetime) -> dt.timedelta:
    """Time between escalation levels: half the allowed time, at least 15 minutes, at most 4 hours."""
    allowed = due - case.received_at
    return min(max(allowed / 2, dt.timedelta(minutes=15)), dt.timedelta(hours=4))


def _escalation_recipients(case: Case, level: int) -> list[User]:
    if level in (EscalationLevel.WARNING, EscalationLevel.ASSIGNEE):
        return [case.assignee] if case.assignee_id else department_supervisors(property=case.property, department=case.department)
    if level == EscalationLevel.SUPERVISOR:
        return department_supervisors(property=case.property, department=case.department) or property_managers(property=case.property)
    return property_managers(property=case.property)


def sla_watch(*, now: dt.datetime | None = None) -> int:
    """Warn before and escalate after each running deadline of every open case. Each (case,
    deadline, level, cycle) happens once: a unique constraint stops a second or concurrent run."""
    now = now or timezone.now()
    open_cases = (
        Case.objects.exclude(status__in=[CaseStatus.CLOSED, CaseStatus.CONFIRMED])
        .select_related("property", "assignee", "department")
    )
    warn_percent = {s.property_id: s.warn_before_percent for s in ComplaintSettings.objects.all()}
    done = set(Escalation.objects.filter(case__in=open_cases).values_list("case_id", "deadline", "level", "cycle"))
    touched = 0
    for case in open_cases.iterator(chunk_size=500):
        for deadline, due, met in (
            (DeadlineKind.RESPONSE, case.response_due, case.first_response_at),
            (DeadlineKind.RESOLUTION, case.resolution_due, case.resolved_at),
        ):
            if due is None or met is not None:
                continue
            cycle = case.reopen_count if deadline == DeadlineKind.RESOLUTION else 0
            step = escalation_step(case=case, due=due)
            thresholds = [
                (EscalationLevel.WARNING, due - default_warn_lead(case.received_at, due, warn_percent.get(case.property_id, 20))),
                (EscalationLevel.ASSIGNEE, due),
                (EscalationLevel.SUPERVISOR, due + step),
                (EscalationLevel.MANAGER, due + 2 * step),
            ]
            reached = [level for level, at in thresholds if now >= at]
            # A late run skips the warning once the deadline has passed: it would only be noise.
            if len(reached) > 1:
                reached = [lv for lv in reached if lv != EscalationLevel.WARNING]
            for level in reached:
                if (case.pk, deadline, level, cycle) in done:
                    continue
                if _escalate(case=case, deadline=deadline, level=level, due=due, cycle=cycle, now=now):
                    touched += 1
    return touched


def _escalate(*, case, deadline, level, due, cycle, now) -> bool:
    recipients = [u for u in _escalation_recipients(case, level) if u is not None]
    try:
        with transaction.atomic():
            Escalation.objects.create(
                case=case, deadline=deadline, level=level, due=due, cycle=cycle, created_at=now,
                notified=", ".join(str(u) for u in recipients)[:300],
            )
            labels = {DeadlineKind.RESPONSE: _lazy("first response"), DeadlineKind.RESOLUTION: _lazy("resolution")}
            if level == EscalationLevel.WARNING:
                title = Message(_lazy("%(number)s: %(deadline)s due at %(due)s"), {"number": case.number, "deadline": labels[deadline], "due": timezone.localtime(due).strftime("%H:%M")})
            else:
                title = Message(_lazy("%(number)s overdue (%(deadline)s): %(level)s"), {"number": case.number, "deadline": labels[deadline], "level": EscalationLevel(level).label})
            CaseEvent.objects.create(case=case, kind=EventKind.ESCALATION, field=deadline, new_value=str(int(level)), note=", ".join(str(u) for u in recipients)[:500], created_at=now)
            notification_send(recipients=recipients, property=case.property, kind="escalation", url=case_url(case), title=title, body=case.description[:300])
    except IntegrityError:
        return False  # another run recorded this step first
    return True
