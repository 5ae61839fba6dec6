"""The SLA watch: warn before and escalate after each running deadline of every open case."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy as _lazy

from hotelqa.models import User
from hotelqa.selectors import department_supervisors, property_managers
from hotelqa.services import Message, notification_send
from hotelqa.workflow import escalate_once, steps_reached

from ..choices import CaseStatus, DeadlineKind, EscalationLevel, EventKind
from ..models import Case, CaseEvent, ComplaintSettings, Escalation, default_warn_lead
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
            for level in steps_reached(thresholds, now, warning=EscalationLevel.WARNING):
                if (case.pk, deadline, level, cycle) in done:
                    continue
                if _escalate(case=case, deadline=deadline, level=level, due=due, cycle=cycle, now=now):
                    touched += 1
    return touched


def _escalate(*, case, deadline, level, due, cycle, now) -> bool:
    recipients = [u for u in _escalation_recipients(case, level) if u is not None]
    names = ", ".join(str(u) for u in recipients)

    def record():
        Escalation.objects.create(case=case, deadline=deadline, level=level, due=due, cycle=cycle, created_at=now, notified=names[:300])

    def notify():
        labels = {DeadlineKind.RESPONSE: _lazy("first response"), DeadlineKind.RESOLUTION: _lazy("resolution")}
        if level == EscalationLevel.WARNING:
            title = Message(_lazy("%(number)s: %(deadline)s due at %(due)s"), {"number": case.number, "deadline": labels[deadline], "due": timezone.localtime(due).strftime("%H:%M")})
        else:
            title = Message(_lazy("%(number)s overdue (%(deadline)s): %(level)s"), {"number": case.number, "deadline": labels[deadline], "level": EscalationLevel(level).label})
        CaseEvent.objects.create(case=case, kind=EventKind.ESCALATION, field=deadline, new_value=str(int(level)), note=names[:500], created_at=now)
        notification_send(recipients=recipients, property=case.property, kind="escalation", url=case_url(case), title=title, body=case.description[:300])

    return escalate_once(record=record, notify=notify)
