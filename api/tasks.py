from celery import shared_task
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from hotelqa.jobs import enqueue_on_commit, periodic_job

from . import webhooks

SWEEP_BATCH = 200


@shared_task(name="api.deliver_webhook", ignore_result=True)
def deliver_webhook(delivery_id):
    """One attempt of a webhook delivery (idempotent: a delivered or not-yet-due one is left alone)."""
    webhooks.deliver(delivery_id)


@periodic_job(
    "api.webhook_retry", crontab(minute="*"), title=_("Webhook retries"), quiet=True,
    description=_("Sends webhook deliveries whose retry time has come (exponential backoff, for a day)."),
)
def webhook_retry():
    ids = list(webhooks.due()[:SWEEP_BATCH])
    for pk in ids:
        enqueue_on_commit(deliver_webhook, pk)
    return len(ids)
