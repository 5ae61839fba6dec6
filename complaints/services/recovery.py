"""Service recovery: what was given to the guest, and its approval above a role's limit."""

from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from hotelqa.events import Rendered, money_text
from hotelqa.models import Property, User
from hotelqa.permissions import user_can
from hotelqa.selectors import department_supervisors, property_managers
from hotelqa.services import Message, notification_send

from .. import events as case_events
from ..choices import ApprovalStatus, EventKind
from ..models import DEFAULT_RECOVERY_LIMITS, Case, CaseEvent, RecoveryAction, RecoveryLimit
from ..crm_hooks import points_for_recovery
from .common import case_url


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
    if within:
        points_for_recovery(action)
    CaseEvent.objects.create(
        case=case, kind=EventKind.RECOVERY, actor=actor, field="recovery",
        new_value=action.kind, note=description, event=case_events.recovery(action),
    )
    if not within:
        approvers = department_supervisors(property=case.property, department=case.department) + property_managers(property=case.property)
        notification_send(
            recipients=[u for u in approvers if u.pk != actor.pk], property=case.property, kind="approval", url=case_url(case),
            title=Message(_lazy("Approve recovery of %(cost)s on %(number)s"), {"cost": Rendered(lambda: money_text(cost)), "number": case.number}),
        )
    return action


@transaction.atomic
@transaction.atomic
def recovery_decide(*, action: RecoveryAction, actor: User, approve: bool) -> RecoveryAction:
    # The row is locked and read again: of two decisions at the same moment, the second sees the first.
    action = RecoveryAction.objects.select_for_update(of=("self",)).select_related("case", "property").get(pk=action.pk)
    if action.approval != ApprovalStatus.PENDING:
        raise ValidationError(
            _("This recovery has already been decided: %(decision)s.") % {"decision": action.get_approval_display()}
        )
    if not user_can(actor, "complaints.approve_recoveryaction", action.property):
        raise PermissionDenied
    if approve and action.cost > recovery_limit(property=action.property, role=actor.role_in(action.property)):
        raise ValidationError(_("This cost is above your own limit; a manager must approve it."))
    action.approval = ApprovalStatus.APPROVED if approve else ApprovalStatus.REJECTED
    action.decided_by = actor
    action.decided_at = timezone.now()
    action.save(update_fields=["approval", "decided_by", "decided_at"])
    points_for_recovery(action)
    CaseEvent.objects.create(
        case=action.case, kind=EventKind.RECOVERY, actor=actor, field="approval",
        old_value=ApprovalStatus.PENDING, new_value=action.approval, event=case_events.recovery_decision(action),
    )
    return action
