"""Transactional outbox: the tasks a change causes are rows written in the change's own transaction.

    outbox.enqueue(send_notification_emails, [n.pk for n in notifications])

A rolled-back change leaves no row, so it queues nothing. After the commit the row is handed to the
broker at once if it answers; if it does not, the request still succeeds and the relay job
(`hotelqa.outbox_relay`, every minute, and when a worker starts) hands the row over once the broker
is back. Rows are claimed with `SELECT … FOR UPDATE SKIP LOCKED`, so two relays never hand the same
row over together.

Delivery is at least once: a crash after the broker took a message but before its row was marked
sent hands it over again (with the same task id). Every task is therefore idempotent — the e-mail
task marks each notification it sent, so a second delivery sends nothing.
"""

import logging
import time
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

logger = logging.getLogger(__name__)

BATCH = 200
RETRY_BACKOFF = timedelta(seconds=15)  # doubled per failed attempt, up to RETRY_MAX
RETRY_MAX = timedelta(minutes=10)
KEEP_SENT = timedelta(days=7)
# After a failed hand-over, requests stop trying the broker themselves for a while: the relay
# retries, and a broker that is down costs no request a connection timeout.
QUIET_AFTER_FAILURE = 30.0
_broker_quiet_until = 0.0


def enqueue(task, *args, **kwargs):
    """Write `task(*args, **kwargs)` to the outbox in the current transaction (JSON arguments only)."""
    from .models import OutboxMessage

    message = OutboxMessage.objects.create(task=task.name, args=list(args), kwargs=kwargs)
    transaction.on_commit(lambda: _hand_over_now(message.pk), robust=True)
    return message


def _hand_over_now(pk):
    if time.monotonic() < _broker_quiet_until:
        return
    try:
        relay(pks=[pk])
    except Exception:  # the row stays pending; the relay job tries again
        logger.warning("outbox: message %s left for the relay", pk, exc_info=True)


def relay(*, pks=None, limit=BATCH) -> int:
    """Hand pending messages to the broker, oldest first. Returns how many were handed over;
    stops at the first refusal (the broker is down) and schedules those left for a later try."""
    from .models import OutboxMessage

    global _broker_quiet_until
    now = timezone.now()
    handed = 0
    with transaction.atomic():
        pending = OutboxMessage.objects.select_for_update(skip_locked=True).filter(
            sent_at__isnull=True, available_at__lte=now
        )
        if pks is not None:
            pending = pending.filter(pk__in=pks)
        for message in pending.order_by("id")[:limit]:
            try:
                _publish(message)
            except Exception as exc:
                message.attempts += 1
                message.available_at = now + min(RETRY_BACKOFF * 2 ** (message.attempts - 1), RETRY_MAX)
                message.last_error = f"{exc.__class__.__name__}: {exc}"[:300]
                message.save(update_fields=["attempts", "available_at", "last_error"])
                _broker_quiet_until = time.monotonic() + QUIET_AFTER_FAILURE
                logger.warning("outbox: broker refused %s (%s); %d handed over before", message, exc.__class__.__name__, handed)
                break
            message.sent_at = timezone.now()
            message.save(update_fields=["sent_at"])
            handed += 1
    if handed:
        _broker_quiet_until = 0.0
    return handed


def _publish(message):
    from .celery import app

    options = {"task_id": str(message.message_id), "retry": False}
    task = app.tasks.get(message.task)
    if task is not None:  # apply_async honours task_always_eager (tests run tasks inline)
        task.apply_async(args=message.args, kwargs=message.kwargs, **options)
    else:
        app.send_task(message.task, args=message.args, kwargs=message.kwargs, **options)


def relay_all() -> int:
    """The periodic relay: every pending message, then forget those sent long ago."""
    from .models import OutboxMessage

    handed = total = relay()
    while handed == BATCH:
        handed = relay()
        total += handed
    OutboxMessage.objects.filter(sent_at__lt=timezone.now() - KEEP_SENT).delete()
    return total


def pending_count() -> int:
    from .models import OutboxMessage

    return OutboxMessage.objects.filter(sent_at__isnull=True).count()
