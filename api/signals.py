"""Webhook events from the other apps' records, without those apps knowing the API exists: the
rows their one-door services write (a case, its timeline, its escalations, a work order's history)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_save
from django.dispatch import receiver

from complaints.choices import EscalationLevel, EventKind
from complaints.models import Case, CaseEvent
from crm.models import Survey
from facilities.choices import WorkOrderStatus
from facilities.models import WorkOrderHistory
from hotelqa.models import Escalation

from .models import WebhookEvent
from .webhooks import emit


@receiver(post_save, sender=Case, dispatch_uid="api_case_created")
def case_created(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        emit(event=WebhookEvent.CASE_CREATED, property_id=instance.property_id, payload={"case": instance.pk, "number": instance.number})


@receiver(post_save, sender=CaseEvent, dispatch_uid="api_case_step")
def case_step(sender, instance, created, raw=False, **kwargs):
    if created and not raw and instance.kind == EventKind.TRANSITION:
        case = instance.case
        emit(event=WebhookEvent.CASE_STEP, property_id=case.property_id,
             payload={"case": case.pk, "number": case.number, "from_status": instance.from_status, "to_status": instance.to_status})


@receiver(post_save, sender=Escalation, dispatch_uid="api_case_overdue")
def case_overdue(sender, instance, created, raw=False, **kwargs):
    """A case's step sent by the deadline watch (hotelqa.watch), past the deadline, each once."""
    if not created or raw or instance.level == EscalationLevel.WARNING:
        return
    if instance.content_type_id != ContentType.objects.get_for_model(Case).pk:
        return
    case = instance.record
    emit(event=WebhookEvent.CASE_OVERDUE, property_id=case.property_id,
         payload={"case": case.pk, "number": case.number, "deadline": instance.deadline.split(".")[0], "level": instance.level})


@receiver(post_save, sender=WorkOrderHistory, dispatch_uid="api_work_order_done")
def work_order_done(sender, instance, created, raw=False, **kwargs):
    if created and not raw and instance.to_status == WorkOrderStatus.DONE:
        work_order = instance.work_order
        emit(event=WebhookEvent.WORK_ORDER_DONE, property_id=work_order.property_id, payload={"work_order": work_order.pk, "number": work_order.number})


@receiver(post_save, sender=Survey, dispatch_uid="api_survey_low_score")
def survey_low_score(sender, instance, created, raw=False, update_fields=None, **kwargs):
    """A guest's answer at or under the template's low score: the survey service saves the
    complaint it opened in the same save that records the answer."""
    if raw or not update_fields or "answered_at" not in update_fields or "low_score_case" not in update_fields:
        return
    emit(event=WebhookEvent.SURVEY_LOW_SCORE, property_id=instance.property_id,
         payload={"survey": instance.pk, "overall": instance.overall, "nps": instance.nps, "case_number": instance.low_score_case or None})
