"""What CI runs: `make test` on the embedded default and on PostgreSQL + Redis, each from a fresh
clone's state, failing if either fails (so the README's command cannot be red while CI is green)."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FAKE_MAKE = """#!/bin/bash
echo "make $* DATABASE_URL=${DATABASE_URL-unset} REDIS_URL=${REDIS_URL-unset} var=$([ -e var ] && echo left || echo fresh)" >> calls.log
mkdir -p var
[ "${DATABASE_URL-unset}" = "unset" ] && exit ${FAIL_EMBEDDED:-0}
exit 0
"""


def services_up():
    def answers(*command):
        return shutil.which(command[0]) and subprocess.run(command, capture_output=True).returncode == 0

    return answers("pg_isready", "-h", "127.0.0.1", "-p", "5432", "-q") and answers("redis-cli", "-h", "127.0.0.1", "ping") and Path("/usr/bin/chromium").exists()


@pytest.fixture
def checkout(tmp_path):
    if not services_up():
        pytest.skip("CI's services (PostgreSQL, Redis, Chromium) are not running here")
    (tmp_path / ".ci").mkdir()
    shutil.copy(ROOT / ".ci" / "run", tmp_path / ".ci" / "run")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "make").write_text(FAKE_MAKE)
    (bin_dir / "make").chmod(0o755)
    (tmp_path / "var").mkdir()  # left over from an earlier run

    def run(**env):
        environ = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}", "DATABASE_URL": "sqlite:///elsewhere", **env}
        result = subprocess.run(["bash", ".ci/run"], cwd=tmp_path, env=environ, capture_output=True, text=True)
        return result.returncode, (tmp_path / "calls.log").read_text().splitlines()

    return run


def test_ci_runs_make_test_on_the_embedded_default_then_on_postgresql_each_from_a_fresh_clone(checkout):
    status, calls = checkout()
    assert status == 0
    assert calls == [
        "make test DATABASE_URL=unset REDIS_URL=unset var=fresh",
        "make test DATABASE_URL=postgres://postgres@127.0.0.1:5432/hotelqa_ci REDIS_URL=redis://127.0.0.1:6379/15 var=fresh",
    ]


def test_ci_fails_when_only_the_embedded_default_fails(checkout):
    status, calls = checkout(FAIL_EMBEDDED="2")
    assert status != 0 and len(calls) == 2  # the second configuration still runs and reports
