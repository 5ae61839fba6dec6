"""The embedded default (SQLite, one file shared by the web server, worker and beat) under real use:
people logging in at the same moment all get in, none gets "database is locked"."""

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent(
    """
    import json, threading
    import django
    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    from hotelqa.models import User

    PEOPLE, ROUNDS = 8, 4
    for i in range(PEOPLE):
        User.objects.create_user(f"desk{i}", password="a-long-password-1")
    connection.close()
    start, results = threading.Barrier(PEOPLE), []

    def logins(i):
        start.wait()
        for _ in range(ROUNDS):
            client = Client(raise_request_exception=False)
            try:
                response = client.post("/accounts/login/", {"username": f"desk{i}", "password": "a-long-password-1"})
                results.append(response.status_code)
            except Exception as exc:
                results.append(repr(exc))
        connection.close()

    threads = [threading.Thread(target=logins, args=(i,)) for i in range(PEOPLE)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(json.dumps(results))
    """
)


@pytest.mark.slow
def test_people_logging_in_at_the_same_moment_all_get_in(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "REDIS_URL")}
    env.update(
        DJANGO_SETTINGS_MODULE="hotelqa.settings.test",
        DATABASE_URL=f"sqlite:///{tmp_path / 'hotelqa.sqlite3'}",
        PYTHONPATH=str(ROOT),
    )
    script = tmp_path / "logins.py"
    script.write_text(SCRIPT)
    result = subprocess.run([sys.executable, str(script)], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    statuses = json.loads(result.stdout.strip().splitlines()[-1])
    assert statuses == [302] * 32, [s for s in statuses if s != 302][:3]
    assert "database is locked" not in result.stderr
    journal = subprocess.run(
        [sys.executable, "-c", "import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute('PRAGMA journal_mode').fetchone()[0])",
         str(tmp_path / "hotelqa.sqlite3")], capture_output=True, text=True,
    )
    assert journal.stdout.strip() == "wal"
