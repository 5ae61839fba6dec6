"""Development: debug on unless DEBUG says otherwise, a fixed key so `make run` needs no setup."""

from .base import *  # noqa: F401,F403
from .base import env

DEBUG = env.bool("DEBUG", default=True)
SECRET_KEY = env("SECRET_KEY", default="local-development-key-not-for-production-use-0123456789")
if not DEBUG and SECRET_KEY.startswith("local-development-key"):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

# A webhook receiver tried out on this machine (http://localhost:…).
API_WEBHOOK_ALLOW_PRIVATE_HOSTS = env.bool("API_WEBHOOK_ALLOW_PRIVATE_HOSTS", default=True)
API_WEBHOOK_ALLOW_HTTP = env.bool("API_WEBHOOK_ALLOW_HTTP", default=True)
