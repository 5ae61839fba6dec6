"""The audit trail: one function writes it; signal handlers feed logins and lockouts."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .models import AuditAction, AuditEvent


def client_address(request):
    """The client's address: REMOTE_ADDR, or with TRUSTED_PROXY_COUNT = N proxies in front, the
    address the outermost trusted proxy saw (the N-th entry from the right of X-Forwarded-For)."""
    from django.conf import settings

    if request is None:
        return None
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if a.strip()]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or None


def audit_record(*, action, request=None, actor=None, username="", property=None, obj=None):
    """Append one event. `obj` is named by type and id only; no field of it is copied."""
    user = actor
    if user is None and request is not None and getattr(request, "user", None) is not None:
        user = request.user if request.user.is_authenticated else None
    return AuditEvent.objects.create(
        action=action,
        actor=user,
        username=(username or (user.get_username() if user else ""))[:150],
        ip_address=client_address(request),
        property=property if property is not None else getattr(obj, "property", None),
        path=(request.get_full_path()[:300] if request is not None else ""),
        object_type=obj._meta.label if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
    )


@receiver(user_logged_in, dispatch_uid="audit_login")
def _logged_in(sender, request, user, **kwargs):
    audit_record(action=AuditAction.LOGIN, request=request, actor=user)


@receiver(user_logged_out, dispatch_uid="audit_logout")
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        audit_record(action=AuditAction.LOGOUT, request=request, actor=user)


@receiver(user_login_failed, dispatch_uid="audit_login_failed")
def _login_failed(sender, credentials, request=None, **kwargs):
    # `credentials` has the password scrubbed by Django; only the username is kept.
    audit_record(action=AuditAction.LOGIN_FAILED, request=request, username=credentials.get("username", ""))


def _locked_out(sender, request, username=None, ip_address=None, **kwargs):
    audit_record(action=AuditAction.LOCKED_OUT, request=request, username=username or "")


def connect_lockout_signal():
    from axes.signals import user_locked_out

    user_locked_out.connect(_locked_out, dispatch_uid="audit_locked_out")
