"""What a server process needs to start: an explicit settings module; and `make run` stays on
this machine unless told otherwise."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVER_ENV = {"SECRET_KEY": "a-production-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz", "DEBUG": "false"}


def _python(code, **env_overrides):
    env = {k: v for k, v in os.environ.items() if k not in ("DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL", "DEBUG", "SECRET_KEY")}
    env.update(SERVER_ENV, **env_overrides)
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


STARTS = {
    "wsgi": "import hotelqa.wsgi",
    "celery": "from hotelqa.celery import app; import django; django.setup(); print(app.conf.broker_url)",
}


@pytest.mark.parametrize("entry_point", sorted(STARTS))
def test_a_server_process_refuses_to_start_without_an_explicit_settings_module(entry_point):
    result = _python(STARTS[entry_point])
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "DJANGO_SETTINGS_MODULE" in result.stderr


@pytest.mark.parametrize("entry_point", sorted(STARTS))
def test_a_server_process_starts_with_the_production_settings_named(entry_point):
    result = _python(STARTS[entry_point], DJANGO_SETTINGS_MODULE="hotelqa.settings.production")
    assert result.returncode == 0, result.stderr[-2000:]


def _procfile_command(name, **env):
    line = next(line for line in (ROOT / "Procfile").read_text().splitlines() if line.startswith(f"{name}:"))
    shell_env = {k: v for k, v in os.environ.items() if k not in ("HOST", "PORT")}
    shell_env.update(env)
    return subprocess.run(["sh", "-c", f"echo {line.split(':', 1)[1]}"], env=shell_env, capture_output=True, text=True).stdout


def test_make_run_binds_to_this_machine_unless_told_otherwise():
    assert "runserver 127.0.0.1:8000" in _procfile_command("web")
    assert "runserver 0.0.0.0:8001" in _procfile_command("web", HOST="0.0.0.0", PORT="8001")
    makefile = (ROOT / "Makefile").read_text()
    assert "HOST ?= 127.0.0.1" in makefile and "HOST=$(HOST)" in makefile
