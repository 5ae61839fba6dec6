"""The API's own records: integration tokens, idempotency keys, webhook subscriptions and deliveries."""

from .idempotency import IdempotencyKey
from .tokens import ApiToken
from .webhooks import WebhookAttempt, WebhookDelivery, WebhookEvent, WebhookStatus, WebhookSubscription

__all__ = ["ApiToken", "IdempotencyKey", "WebhookAttempt", "WebhookDelivery", "WebhookEvent", "WebhookStatus", "WebhookSubscription"]
