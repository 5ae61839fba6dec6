"""Webhook deliveries: which subscriptions an event goes to, the signed request, retries with
exponential backoff for a day, and pausing a subscription that keeps failing.

Signature: `Hotelqa-Signature: sha256=<hex>` where hex = HMAC-SHA256(secret, f"{timestamp}.{body}")
and `Hotelqa-Timestamp` is the Unix time of the attempt (receivers refuse old timestamps).
"""

import hashlib
import hmac
import json
import logging
import time
from datetime import timedelta

import requests
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hotelqa.jobs import enqueue_on_commit
from hotelqa.services import Message, notification_send

from . import receivers
from .models import WebhookAttempt, WebhookDelivery, WebhookStatus, WebhookSubscription

logger = logging.getLogger(__name__)

TIMEOUT = 10  # seconds per attempt
FIRST_RETRY = timedelta(seconds=30)  # doubled after each failed attempt …
MAX_RETRY = timedelta(hours=4)  # … up to this
GIVE_UP_AFTER = timedelta(days=1)
PAUSE_AFTER = 10  # failed attempts in a row (any deliveries) pause the subscription
USER_AGENT = "hotelqa-webhooks/1"
REFUSED = pgettext_lazy("webhook delivery", "Refused")


def sign(secret: str, timestamp: int, body: bytes) -> str:
    mac = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"sha256={mac.hexdigest()}"


def verify(secret: str, timestamp: str, body: bytes, signature: str, *, tolerance: int = 300, now: float | None = None) -> bool:
    """What a receiver does (docs/api.md has the same in a few lines)."""
    try:
        ts = int(timestamp)
    except (TypeError, ValueError):
        return False
    if abs((now or time.time()) - ts) > tolerance:
        return False
    return hmac.compare_digest(sign(secret, ts, body), signature or "")


def backoff(attempts: int) -> timedelta:
    """Wait after the `attempts`-th failed attempt: 30 s, 1 min, 2 min … at most 4 h."""
    return min(FIRST_RETRY * (2 ** max(attempts - 1, 0)), MAX_RETRY)


def emit(*, event: str, property_id: int, payload: dict) -> list[WebhookDelivery]:
    """Queue `event` for every subscription of its property (or of the group) that wants it. Runs in
    the change's transaction; the deliveries go out after the commit through the outbox."""
    subscriptions = WebhookSubscription.objects.filter(
        Q(property_id=property_id) | Q(property__isnull=True), is_active=True, paused_at__isnull=True,
    )
    deliveries = [
        WebhookDelivery(subscription=s, event=event, payload={"event": event, "occurred_at": timezone.now().isoformat(), **payload})
        for s in subscriptions if event in (s.events or [])
    ]
    if not deliveries:
        return []
    WebhookDelivery.objects.bulk_create(deliveries)
    from .tasks import deliver_webhook

    for delivery in deliveries:
        enqueue_on_commit(deliver_webhook, delivery.pk)
    return deliveries


def build_body(delivery: WebhookDelivery) -> str:
    """The JSON sent: the event, its delivery id and the record as the API shows it now (after the
    change committed). Built once; retries and replays send the same body."""
    from .payloads import record_for

    data = dict(delivery.payload)
    data["delivery"] = str(delivery.uid)
    data["data"] = record_for(delivery.payload)
    return json.dumps(data, sort_keys=True, default=str)


def post(url: str, body: bytes, headers: dict):
    """The transport: checks where the URL leads, then sends there (tests replace the network with
    `responses` and DNS with a table)."""
    return receivers.post(url, data=body, headers=headers, timeout=TIMEOUT)


def deliver(delivery_id: int, *, now=None) -> WebhookDelivery | None:
    """One attempt of a due delivery; idempotent: a delivered, given-up, not-yet-due or paused one is left alone."""
    now = now or timezone.now()
    with transaction.atomic():
        delivery = WebhookDelivery.objects.select_for_update().select_related("subscription").filter(pk=delivery_id).first()
        if delivery is None or delivery.status != WebhookStatus.PENDING or delivery.next_attempt_at > now:
            return delivery
        subscription = delivery.subscription
        if not subscription.is_sending:
            return delivery
        if not delivery.body:
            delivery.body = build_body(delivery)
        # Claim the attempt before the network call: a second worker finds it not due.
        delivery.attempts += 1
        delivery.next_attempt_at = min(now + backoff(delivery.attempts), delivery.created_at + GIVE_UP_AFTER)
        delivery.save(update_fields=["body", "attempts", "next_attempt_at"])
    body = delivery.body.encode()
    timestamp = int(now.timestamp())
    headers = {
        "Content-Type": "application/json", "User-Agent": USER_AGENT, "Hotelqa-Event": delivery.event,
        "Hotelqa-Delivery": str(delivery.uid), "Hotelqa-Timestamp": str(timestamp),
        "Hotelqa-Signature": sign(subscription.secret, timestamp, body),
    }
    started = time.monotonic()
    code, error, refused = None, "", False
    try:
        response = post(subscription.url, body, headers)
        code = response.status_code
    except receivers.UnsafeReceiver as exc:
        # Where the URL leads now is refused: retrying would only ask again, so give up at once.
        error, refused = f"{REFUSED}: {exc}"[:300], True
    except receivers.UnresolvedHost as exc:
        error = f"{exc}"[:300]  # DNS may answer later: retried like any failure
    except requests.RequestException as exc:
        error = f"{type(exc).__name__}: {exc}"[:300]
    ok = code is not None and 200 <= code < 300
    duration = int((time.monotonic() - started) * 1000)
    return record_attempt(delivery, ok=ok, code=code, error=error, duration=duration, now=now, give_up=refused)


@transaction.atomic
def record_attempt(delivery, *, ok, code, error, duration, now, give_up=False):
    WebhookAttempt.objects.create(delivery=delivery, at=now, status_code=code, ok=ok, error=error, duration_ms=duration)
    subscription = WebhookSubscription.objects.select_for_update().get(pk=delivery.subscription_id)
    delivery.last_status_code = code
    if ok:
        delivery.status, delivery.delivered_at = WebhookStatus.DELIVERED, now
        subscription.consecutive_failures = 0
        subscription.save(update_fields=["consecutive_failures"])
    else:
        subscription.consecutive_failures += 1
        subscription.save(update_fields=["consecutive_failures"])
        if give_up or now >= delivery.created_at + GIVE_UP_AFTER:  # refused, or retried for a day: give up
            delivery.status = WebhookStatus.FAILED
        if subscription.consecutive_failures >= PAUSE_AFTER and subscription.paused_at is None:
            pause(subscription, now=now)
    delivery.save(update_fields=["status", "delivered_at", "last_status_code"])
    return delivery


def pause(subscription: WebhookSubscription, *, now=None):
    """Stop sending to a receiver that keeps failing, and tell whoever can fix it."""
    subscription.paused_at = now or timezone.now()
    subscription.save(update_fields=["paused_at"])
    from hotelqa.selectors import members_with_role
    from hotelqa.choices import Role
    from hotelqa.models import User

    recipients = [subscription.created_by] if subscription.created_by_id else []
    if subscription.property_id:
        recipients += list(members_with_role(property=subscription.property, role=Role.ADMIN))
    else:
        recipients += list(User.objects.filter(is_group_admin=True, is_active=True))
    notification_send(
        recipients=[u for u in recipients if not u.username.startswith("api-")], property=subscription.property, kind="webhook_paused",
        url=f"/admin/api/webhooksubscription/{subscription.pk}/change/",
        title=Message(_("Webhook “%(name)s” paused: its receiver failed %(count)s times in a row"), {"name": subscription.name, "count": subscription.consecutive_failures}),
        body=Message(_("Deliveries to %(url)s keep failing. Fix the receiver, then resume the subscription in the admin; waiting deliveries are then sent."), {"url": subscription.url}),
    )


def resume(subscription: WebhookSubscription):
    subscription.paused_at = None
    subscription.consecutive_failures = 0
    subscription.save(update_fields=["paused_at", "consecutive_failures"])
    from .tasks import deliver_webhook

    for pk in WebhookDelivery.objects.filter(subscription=subscription, status=WebhookStatus.PENDING).values_list("pk", flat=True):
        WebhookDelivery.objects.filter(pk=pk).update(next_attempt_at=timezone.now())
        enqueue_on_commit(deliver_webhook, pk)


def replay(delivery: WebhookDelivery) -> WebhookDelivery:
    """Send a delivery again as a new one (same event and body), whatever became of the first."""
    copy = WebhookDelivery.objects.create(
        subscription=delivery.subscription, event=delivery.event, payload=delivery.payload, body=delivery.body, replay_of=delivery,
    )
    from .tasks import deliver_webhook

    enqueue_on_commit(deliver_webhook, copy.pk)
    return copy


def due(now=None):
    now = now or timezone.now()
    return WebhookDelivery.objects.filter(
        status=WebhookStatus.PENDING, next_attempt_at__lte=now, subscription__is_active=True, subscription__paused_at__isnull=True,
    ).order_by("next_attempt_at").values_list("pk", flat=True)
