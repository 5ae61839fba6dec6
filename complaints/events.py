"""What the case engine writes in a case's timeline and on revisits, as structured events that
are put into words in the reader's language (see `hotelqa.events`)."""

from django.utils.translation import gettext_lazy as _

from hotelqa import events

from .choices import ApprovalStatus, Category, DeadlineKind, EscalationLevel, Grade, RecoveryKind, RevisitOutcome

# One kind per tracked field, so each reads as a sentence of its own in both languages.
CHANGE_KINDS = {
    "assignee": events.register("case.assignee", _("Assignee: %(old)s → %(new)s")).code,
    "department": events.register("case.department", _("Department: %(old)s → %(new)s")).code,
    "grade": events.register("case.grade", _("Grade: %(old)s → %(new)s")).code,
    "category": events.register("case.category", _("Category: %(old)s → %(new)s")).code,
    "response_due": events.register("case.response_due", _("Response due: %(old)s → %(new)s")).code,
    "resolution_due": events.register("case.resolution_due", _("Resolution due: %(old)s → %(new)s")).code,
}
RECOVERY = events.register("case.recovery", _("Service recovery: %(kind)s %(cost)s")).code
RECOVERY_DECISION = events.register("case.recovery_decision", _("Service recovery %(kind)s %(cost)s: %(decision)s")).code
REVISIT = events.register("case.revisit", _("Revisit: %(outcome)s")).code
REOPENED_BY_REVISIT = events.register("case.reopened_by_revisit", _("Revisit: guest not satisfied.")).code
ESCALATION = events.register("case.escalation", _("%(deadline)s: %(level)s")).code
REVISIT_CANCELLED = events.register("revisit.cancelled_by_reopen", _("Case reopened before the revisit.")).code

event = events.event  # so callers need only this module

CHOICE_FIELDS = {"grade": Grade, "category": Category}


def change_value(field, value, obj=None):
    """A tracked field's value as an event parameter ("—" when empty)."""
    if value in (None, ""):
        return "—"
    if field in CHOICE_FIELDS:
        return events.choice(CHOICE_FIELDS[field], value)
    if field in ("response_due", "resolution_due"):
        return events.moment(value)
    return events.name_of(obj) if obj is not None else str(value)


def recovery(action) -> dict:
    return events.event(RECOVERY, kind=events.choice(RecoveryKind, action.kind), cost=events.money(action.cost))


def recovery_decision(action) -> dict:
    return events.event(
        RECOVERY_DECISION, kind=events.choice(RecoveryKind, action.kind), cost=events.money(action.cost),
        decision=events.choice(ApprovalStatus, action.approval),
    )


def revisit(outcome) -> dict:
    return events.event(REVISIT, outcome=events.choice(RevisitOutcome, outcome))


def escalation(deadline, level) -> dict:
    return events.event(ESCALATION, deadline=events.choice(DeadlineKind, deadline), level=events.choice(EscalationLevel, int(level)))
