"""Revisits: the call-back after a complaint is closed; an unsatisfied guest reopens the case."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from hotelqa.choices import Role
from hotelqa.models import Property, User
from hotelqa.permissions import user_can
from hotelqa.selectors import members_with_role
from hotelqa.services import Message, notification_send

from .. import events as case_events
from ..choices import CaseStatus, EventKind, RevisitOutcome
from ..models import Case, CaseEvent, Revisit
from .common import case_url, settings_for


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
    CaseEvent.objects.create(case=case, kind=EventKind.REVISIT, actor=actor, field="revisit", new_value=outcome, note=note, event=case_events.revisit(outcome), created_at=now)
    if outcome == RevisitOutcome.NOT_SATISFIED and case.status == CaseStatus.CLOSED:
        # The reopen is the system's consequence of the call, so it is recorded without an actor.
        from .cases import case_transition  # cases imports this module to schedule revisits

        case_transition(case=case, to_status=CaseStatus.REOPENED, actor=None, expected_version=None, note=note,
                        event=case_events.event(case_events.REOPENED_BY_REVISIT))
        if case.assignee_id:
            notification_send(recipients=[case.assignee], property=case.property, kind="reopened", url=case_url(case),
                              title=Message(_lazy("%(number)s reopened after the revisit"), {"number": case.number}), body=note)
    return revisit
