"""Configuration comes from the environment, with embedded fallbacks when nothing is set."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROBE = (
    "import django, json; django.setup(); from django.conf import settings as s; "
    "print(json.dumps({'engine': s.DATABASES['default']['ENGINE'], 'name': str(s.DATABASES['default']['NAME']), "
    "'broker': s.CELERY_BROKER_URL, 'debug': s.DEBUG, 'tz': s.TIME_ZONE, 'email': s.EMAIL_BACKEND, "
    "'hosts': s.ALLOWED_HOSTS, 'sessions': s.SESSION_ENGINE}))"
)
CONFIG_VARS = ("DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "TIME_ZONE", "EMAIL_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")


def run_with(env_overrides, settings_module="hotelqa.settings.local", code=PROBE, args=None):
    env = {k: v for k, v in os.environ.items() if k not in CONFIG_VARS and k != "DJANGO_SETTINGS_MODULE"}
    env.update(env_overrides)
    env["DJANGO_SETTINGS_MODULE"] = settings_module
    command = [sys.executable] + (args or ["-c", code])
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


def test_without_environment_uses_sqlite_and_a_serverless_broker():
    result = run_with({})
    assert result.returncode == 0, result.stderr
    config = json.loads(result.stdout)
    assert config["engine"] == "django.db.backends.sqlite3"
    assert config["name"].endswith("var/hotelqa.sqlite3")
    assert config["broker"] == "filesystem://"
    assert config["tz"] == "Asia/Shanghai"
    assert config["email"] == "django.core.mail.backends.console.EmailBackend"
    # Each process would keep its own copy of a cached session: a log-out must reach them all.
    assert config["sessions"] == "hotelqa.sessions"


def test_environment_selects_postgresql_and_redis():
    result = run_with(
        {
            "DATABASE_URL": "postgres://hq:pw@db.example:5432/hq",
            "REDIS_URL": "redis://cache.example:6379/1",
            "TIME_ZONE": "Europe/Paris",
            "ALLOWED_HOSTS": "hotel.example,www.hotel.example",
        }
    )
    assert result.returncode == 0, result.stderr
    config = json.loads(result.stdout)
    assert config["engine"] == "django.db.backends.postgresql"
    assert config["name"] == "hq"
    assert config["broker"] == "redis://cache.example:6379/1"
    assert config["tz"] == "Europe/Paris"
    assert config["hosts"] == ["hotel.example", "www.hotel.example"]
    # Sessions stay in the database with Redis too: pages keep working while Redis is down.
    assert config["sessions"] == "hotelqa.sessions"


def test_debug_off_without_secret_key_refuses_to_start():
    for module in ("hotelqa.settings.production", "hotelqa.settings.local"):
        result = run_with({"DEBUG": "false"}, settings_module=module)
        assert result.returncode != 0, module
        assert "SECRET_KEY" in result.stderr


def test_production_settings_pass_the_deploy_check():
    result = run_with(
        {"SECRET_KEY": "a-long-random-production-secret-" + "x9Q" * 20, "ALLOWED_HOSTS": "hotel.example"},
        settings_module="hotelqa.settings.production",
        args=["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr


def test_the_wsgi_server_never_runs_development_settings_by_default():
    """Without DJANGO_SETTINGS_MODULE the WSGI module falls back to production settings, which
    refuse to start on a fallback; with it named, they start with DEBUG off."""
    env = {k: v for k, v in os.environ.items() if k not in CONFIG_VARS and k != "DJANGO_SETTINGS_MODULE"}
    env.update(SECRET_KEY="a-long-enough-secret-for-this-probe-0123456789-abcdefghij", ALLOWED_HOSTS="hotel.example")
    code = ("import gc, os, hotelqa.wsgi; from django.conf import settings; "
            "print(os.environ['DJANGO_SETTINGS_MODULE'], settings.DEBUG, gc.get_freeze_count() > 10_000, gc.get_threshold()[0])")
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "DJANGO_SETTINGS_MODULE is not set" in result.stderr and "hotelqa.settings.production" in result.stderr
    env["DJANGO_SETTINGS_MODULE"] = "hotelqa.settings.production"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    # Loaded, the worker's start-up objects are left out of the collector's walks (hotelqa/garbage.py).
    assert result.stdout.split() == ["hotelqa.settings.production", "False", "True", "10000"]


def test_postgresql_queries_run_without_parallel_workers_unless_configured():
    code = "import django; django.setup(); from django.conf import settings as s; print(s.DATABASES['default']['OPTIONS']['options'])"
    default = run_with({"DATABASE_URL": "postgres://hq:pw@db.example:5432/hq"}, code=code)
    assert default.returncode == 0, default.stderr
    assert default.stdout.strip() == "-c max_parallel_workers_per_gather=0"
    configured = run_with({"DATABASE_URL": "postgres://hq:pw@db.example:5432/hq", "DB_PARALLEL_WORKERS_PER_QUERY": "2"}, code=code)
    assert configured.stdout.strip() == "-c max_parallel_workers_per_gather=2"


@pytest.mark.django_db
def test_the_database_connection_applies_the_parallel_worker_setting():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting")
    with connection.cursor() as cursor:
        cursor.execute("SHOW max_parallel_workers_per_gather")
        assert cursor.fetchone()[0] == "0"
