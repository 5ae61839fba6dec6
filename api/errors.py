"""Every refusal has one machine-readable shape:

    {"error": {"status": 400, "code": "invalid", "message": "…", "fields": {"description": ["…"]}}}
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, serializers, status
from rest_framework.views import exception_handler as drf_handler

from hotelqa.workflow import StaleEdit


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def _flat_fields(detail, prefix=""):
    """{"fields": {"to": [..]}} → {"fields.to": [..]}: one level, a list of messages per field."""
    out = {}
    for key, value in detail.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flat_fields(value, prefix=f"{name}."))
        else:
            out[name] = _messages(value) if isinstance(value, list) else [_messages(value)]
            if any(not isinstance(m, str) for m in out[name]):
                out[name] = [str(m) for m in out[name]]
    return out


def _messages(detail):
    if isinstance(detail, dict):
        return [m for v in detail.values() for m in (_messages(v) if isinstance(_messages(v), list) else [_messages(v)])]
    if isinstance(detail, list):
        flat = []
        for item in detail:
            value = _messages(item)
            flat.extend(value if isinstance(value, list) else [value])
        return flat
    return str(detail)


def from_django(exc: DjangoValidationError) -> exceptions.ValidationError:
    if hasattr(exc, "error_dict"):
        fields = {("non_field_errors" if k == "__all__" else k): [str(m) for m in v.messages] if hasattr(v, "messages") else [str(m) for e in v for m in e.messages] for k, v in exc.error_dict.items()}
        return exceptions.ValidationError(fields)
    return exceptions.ValidationError({"non_field_errors": [str(m) for m in exc.messages]})


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = from_django(exc)
    elif isinstance(exc, StaleEdit):
        exc = Conflict(_("Someone else changed this record meanwhile: read it again and resend with its current version."), code="stale")
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Not found."))
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    response = drf_handler(exc, context)
    if response is None:
        return None
    detail = exc.detail if isinstance(exc, exceptions.APIException) else response.data
    body = {"status": response.status_code, "code": "error", "message": ""}
    if isinstance(exc, exceptions.ValidationError):
        fields = _flat_fields(detail if isinstance(detail, dict) else {"non_field_errors": detail})
        body.update(code="invalid", message=_("The request has errors; see “fields”."), fields=fields)
    else:
        codes = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
        body["code"] = codes if isinstance(codes, str) else "error"
        body["message"] = " ".join(_messages(detail)) if isinstance(detail, (list, dict)) else str(detail)
    response.data = {"error": body}
    return response


class ErrorSerializer(serializers.Serializer):
    """Schema of the error body (documentation only)."""

    class Body(serializers.Serializer):
        status = serializers.IntegerField()
        code = serializers.CharField()
        message = serializers.CharField(allow_blank=True)
        fields = serializers.DictField(child=serializers.ListField(child=serializers.CharField()), required=False)

    error = Body()


def refusals(*codes):
    """The error answers of an operation, for the schema."""
    return {code: ErrorSerializer for code in codes}
