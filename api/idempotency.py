"""`Idempotency-Key` on create calls: the first answer is stored, a retry with the same key gets it
again (header `Idempotent-Replayed: true`) and nothing is created twice. The same key with another
body is a 422. A retry sent while the first call still runs waits on the key's unique index until
that call's transaction ends, then gets its answer (or runs, if the first call failed); the 409 is
for a key row left without an answer."""

import functools
import hashlib
import json
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.response import Response

from .errors import Conflict
from .models import IdempotencyKey

HEADER = "Idempotency-Key"
KEEP = timedelta(days=1)
MAX_KEY = 200


class KeyReused(exceptions.APIException):
    status_code = 422
    default_code = "idempotency_key_reused"


def _fingerprint(request) -> str:
    try:
        body = json.dumps(request.data, sort_keys=True, default=str)
    except Exception:  # noqa: BLE001 - a body that cannot be read is refused by the view itself
        body = ""
    return hashlib.sha256(f"{request.method} {request.path}\n{body}".encode()).hexdigest()


def idempotent(view_method):
    """Decorate a create method (`post`) of an APIView."""

    @functools.wraps(view_method)
    def wrapper(self, request, *args, **kwargs):
        key = request.headers.get(HEADER, "").strip()
        if not key:
            return view_method(self, request, *args, **kwargs)
        if len(key) > MAX_KEY or not key.isprintable():
            raise exceptions.ValidationError({HEADER: [_("At most %(n)d printable characters.") % {"n": MAX_KEY}]})
        fingerprint = _fingerprint(request)
        IdempotencyKey.objects.filter(user=request.user, created_at__lt=timezone.now() - KEEP).delete()
        try:
            with transaction.atomic():
                record = IdempotencyKey.objects.create(user=request.user, key=key, fingerprint=fingerprint)
        except IntegrityError:
            first = IdempotencyKey.objects.filter(user=request.user, key=key).first()
            if first is None or first.status_code is None:
                raise Conflict(_("A request with this Idempotency-Key is still being processed."), code="idempotency_in_progress")
            if first.fingerprint != fingerprint:
                raise KeyReused(_("This Idempotency-Key was used for another request."))
            response = Response(first.response, status=first.status_code)
            response["Idempotent-Replayed"] = "true"
            return response
        response = view_method(self, request, *args, **kwargs)
        if response.status_code < 500:
            record.status_code, record.response = response.status_code, response.data
            record.save(update_fields=["status_code", "response"])
        return response

    return wrapper
