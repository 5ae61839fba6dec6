"""The SLA watch: warn before and escalate after each running deadline of every open case, as a
source of the foundation's deadline watch (`hotelqa.watch`, registered in `complaints/tasks.py`)."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy as _lazy

from hotelqa import watch
from hotelqa.models import User
from hotelqa.selectors import department_supervisors, property_managers
from hotelqa.services import Message, notification_send
from hotelqa.watch import Deadline, Step

from .. import events as case_events
from ..choices import CaseStatus, DeadlineKind, EscalationLevel, EventKind
from ..models import Case, CaseEvent, ComplaintSettings, default_warn_lead
from .common import case_url


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


def case_deadlines(now: dt.datetime):
    """The running deadlines of every open case, with their steps: a warning before the due time,
    then assignee → supervisor → manager. A reopened case's resolution deadline is a new cycle
    (key "resolution.<cycle>"), escalated afresh."""
    open_cases = (
        Case.objects.exclude(status__in=[CaseStatus.CLOSED, CaseStatus.CONFIRMED])
        .select_related("property", "assignee", "department")
    )
    warn_percent = {s.property_id: s.warn_before_percent for s in ComplaintSettings.objects.all()}
    for case in open_cases.iterator(chunk_size=500):
        for deadline, due, met in (
            (DeadlineKind.RESPONSE, case.response_due, case.first_response_at),
            (DeadlineKind.RESOLUTION, case.resolution_due, case.resolved_at),
        ):
            if due is None or met is not None:
                continue
            cycle = case.reopen_count if deadline == DeadlineKind.RESOLUTION else 0
            step = escalation_step(case=case, due=due)
            yield Deadline(record=case, key=deadline_key(deadline, cycle), due=due, context=deadline, steps=[
                (EscalationLevel.WARNING, due - default_warn_lead(case.received_at, due, warn_percent.get(case.property_id, 20))),
                (EscalationLevel.ASSIGNEE, due),
                (EscalationLevel.SUPERVISOR, due + step),
                (EscalationLevel.MANAGER, due + 2 * step),
            ])


def deadline_key(deadline: str, cycle: int = 0) -> str:
    return f"{deadline}.{cycle}"


def deadline_label(key: str):
    """The deadline's name in the reader's language, from its key ("resolution.1": Resolution)."""
    deadline = key.split(".", 1)[0]
    return DeadlineKind(deadline).label if deadline in DeadlineKind.values else key


def notify_case_step(step: Step) -> list[User]:
    """Tell the step's people, and write it in the case's timeline."""
    case, deadline, level = step.record, step.context, EscalationLevel(step.level)
    recipients = [u for u in _escalation_recipients(case, level) if u is not None]
    names = ", ".join(str(u) for u in recipients)
    labels = {DeadlineKind.RESPONSE: _lazy("first response"), DeadlineKind.RESOLUTION: _lazy("resolution")}
    if level == EscalationLevel.WARNING:
        title = Message(_lazy("%(number)s: %(deadline)s due at %(due)s"), {"number": case.number, "deadline": labels[deadline], "due": timezone.localtime(step.due).strftime("%H:%M")})
    else:
        title = Message(_lazy("%(number)s overdue (%(deadline)s): %(level)s"), {"number": case.number, "deadline": labels[deadline], "level": level.label})
    CaseEvent.objects.create(case=case, kind=EventKind.ESCALATION, field=deadline, new_value=str(int(level)), event=case_events.escalation(deadline, level), note=names[:500], created_at=step.now)
    notification_send(recipients=recipients, property=case.property, kind="escalation", url=case_url(case), title=title, body=case.description[:300])
    return recipients


SOURCE = "complaints.case"


def sla_watch(*, now: dt.datetime | None = None) -> int:
    """Warn before and escalate after each running deadline of every open case, each (case,
    deadline, cycle, level) once: the deadline watch (`hotelqa.watch`) for cases only."""
    return watch.run(now=now, sources=[SOURCE])[SOURCE]

