"""Production: no defaults for secrets, HTTPS everywhere. A missing SECRET_KEY fails at start-up."""

from django.core.exceptions import ImproperlyConfigured

from . import chosen_by_default
from .base import *  # noqa: F401,F403
from .base import env

if chosen_by_default:
    raise ImproperlyConfigured(
        "DJANGO_SETTINGS_MODULE is not set. Set it explicitly: hotelqa.settings.production on a server, "
        "hotelqa.settings.local for development (make run sets it)."
    )

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY")  # required: ImproperlyConfigured when unset

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
X_FRAME_OPTIONS = "DENY"
