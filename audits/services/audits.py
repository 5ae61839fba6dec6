"""Writes of audits: plans, starting, answering and submitting an audit (which turns each failed
item into a finding with its corrective action), and the mystery guest's one-time link."""

import datetime as dt
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from hotelqa.checklists.choices import TemplateKind
from hotelqa.checklists.services import checklist_answer_save, checklist_response_complete, checklist_response_start
from hotelqa.services import Message, notification_send

from ..models import Audit, AuditMethod, AuditPlan, AuditStatus, MysteryGuestLink
from ..scheduling import plan_resume_cursor
from .corrective import findings_create

MYSTERY_LINK_DAYS = 30


def plan_set_active(*, plan: AuditPlan, active: bool) -> AuditPlan:
    """Pause or resume a plan. Resuming does not create the periods missed while paused."""
    if plan.is_active == active:
        return plan
    plan.is_active = active
    fields = ["is_active"]
    if active:
        cursor = plan_resume_cursor(today=timezone.localdate())
        plan.generated_until = max(filter(None, [plan.generated_until, cursor]))
        fields.append("generated_until")
    plan.save(update_fields=fields)
    return plan


def _lock(audit):
    return Audit.objects.select_for_update(of=("self",)).select_related("response", "version", "property").get(pk=audit.pk)


@transaction.atomic
def audit_create(*, property, template, department, actor, method=AuditMethod.ON_SITE, area="", process="", due_at=None) -> Audit:
    """An unplanned audit (a spot check, a mystery-guest visit arranged outside the plan)."""
    if template.kind != TemplateKind.AUDIT:
        raise ValidationError({"template": _("Choose an audit checklist.")})
    if template.property_id != property.pk or department.property_id != property.pk:
        raise ValidationError(_("This checklist or department belongs to another property."))
    if template.current_version_id is None:
        raise ValidationError({"template": _("This checklist has no published version yet.")})
    now = timezone.now()
    return Audit.objects.create(
        property=property, version_id=template.current_version_id, method=method, department=department, area=area,
        process=process, period_start=timezone.localdate(now), due_at=due_at or now + dt.timedelta(days=7), inspector=actor,
    )


@transaction.atomic
def audit_start(*, audit: Audit, actor) -> Audit:
    """Open the checklist for answering (idempotent). An overdue audit may still be done late."""
    audit = _lock(audit)
    if audit.status == AuditStatus.SUBMITTED:
        raise ValidationError(_("This audit has already been submitted."))
    if audit.response_id is None:
        audit.response = checklist_response_start(version=audit.version, property=audit.property, actor=actor)
        if audit.inspector_id is None and actor is not None:
            audit.inspector = actor
        if audit.status == AuditStatus.DUE:
            audit.status = AuditStatus.IN_PROGRESS
        audit.save(update_fields=["response", "inspector", "status"])
    return audit


@transaction.atomic
def audit_answer(*, audit: Audit, item, actor, **answer):
    audit = audit_start(audit=audit, actor=actor)
    return checklist_answer_save(response=audit.response, item=item, actor=actor, **answer)


@transaction.atomic
def audit_submit(*, audit: Audit, actor, visited_at=None, auditor_name="") -> Audit:
    """Score and freeze the audit; every failed item becomes a finding with a corrective action.
    A second submission is refused and changes nothing."""
    audit = _lock(audit)
    if audit.status == AuditStatus.SUBMITTED:
        raise ValidationError(_("This audit has already been submitted."))
    if audit.response_id is None:
        audit = audit_start(audit=audit, actor=actor)
    result = checklist_response_complete(response=audit.response)
    now = timezone.now()
    audit.score, audit.passed = audit.response.score, audit.response.passed
    audit.critical_failed = audit.response.critical_failed
    audit.status, audit.submitted_at, audit.submitted_by = AuditStatus.SUBMITTED, now, actor
    fields = ["score", "passed", "critical_failed", "status", "submitted_at", "submitted_by"]
    if visited_at is not None:
        audit.visited_at, audit.auditor_name = visited_at, auditor_name
        fields += ["visited_at", "auditor_name"]
    audit.save(update_fields=fields)
    findings_create(audit=audit, failed_items=result.failed_items, now=now)
    return audit


# ---------------------------------------------------------------------------- mystery guest


@transaction.atomic
def mystery_link_create(*, audit: Audit, actor, days=MYSTERY_LINK_DAYS) -> MysteryGuestLink:
    """The one-time link for the visiting auditor (a new one replaces an unused one)."""
    if audit.method != AuditMethod.MYSTERY_GUEST:
        raise ValidationError(_("Only a mystery-guest audit is filled through a link."))
    if audit.status == AuditStatus.SUBMITTED:
        raise ValidationError(_("This audit has already been submitted."))
    MysteryGuestLink.objects.filter(audit=audit).delete()
    return MysteryGuestLink.objects.create(
        audit=audit, token=secrets.token_urlsafe(32), created_by=actor, expires_at=timezone.now() + dt.timedelta(days=days)
    )


def mystery_link_for_token(token) -> MysteryGuestLink | None:
    if not isinstance(token, str) or not 20 <= len(token) <= 64:
        return None
    return MysteryGuestLink.objects.select_related("audit__version__template", "audit__property", "audit__department").filter(token=token).first()


@transaction.atomic
def mystery_submit(*, token, answers, auditor_name, visited_at) -> Audit:
    """The visiting auditor's whole questionnaire in one go: every answer saved, the audit
    submitted and the link used up, or nothing at all. `answers` is [(item, {value, photo, note})]."""
    link = MysteryGuestLink.objects.select_for_update().filter(token=token).first()
    if link is None or not link.is_usable:
        raise ValidationError(_("This link has already been used or has expired."))
    audit = audit_start(audit=link.audit, actor=None)
    for item, answer in answers:
        checklist_answer_save(response=audit.response, item=item, actor=None, **answer)
    audit = audit_submit(audit=audit, actor=None, visited_at=visited_at, auditor_name=auditor_name.strip())
    link.used_at = timezone.now()
    link.save(update_fields=["used_at"])
    if audit.inspector_id:
        notification_send(
            recipients=[audit.inspector], property=audit.property, kind="audit",
            title=Message(_lazy("Mystery-guest audit %(number)s was filled in: score %(score)s%%"),
                          {"number": audit.number, "score": f"{audit.score:.0f}" if audit.score is not None else "—"}),
            url=reverse("audits:audit_detail", args=[audit.pk]),
        )
    return audit
