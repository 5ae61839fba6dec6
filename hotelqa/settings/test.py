"""Tests: the same settings as development, with fast hashing and eager-free Celery defaults."""

from .base import *  # noqa: F401,F403

DEBUG = False
SECRET_KEY = "test-key-0123456789-abcdefghijklmnopqrstuvwxyz-0123456789"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
CELERY_TASK_ALWAYS_EAGER = True  # tasks run inline; the worker test turns this off
WHITENOISE_AUTOREFRESH = True  # no collected static files in tests
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}  # fresh per test run
