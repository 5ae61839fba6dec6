"""`make load`: concurrent users against gunicorn on the benchmark data (seed it first with
`make bench`), driven by Locust headless on 127.0.0.1. Prints requests/s, p50/p95, errors per
page and in all, and each gunicorn worker's memory (RSS) over the run."""

import csv
import dataclasses
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test.utils import override_settings

from hotelqa import bench
from hotelqa.models import Property, User

MAX_USERS = 100
MAX_SECONDS = 900
SPAWN_RATE = 5  # users per second
SETTLE = 5  # seconds after the last user started before the figures start


def bounded(low, high):
    def parse(text):
        value = int(text)
        if not low <= value <= high:
            raise ValueError(text)
        return value

    parse.__name__ = f"a number from {low} to {high}"
    return parse


def signed_in_session(user):
    """A session key as `login()` would leave it (the load test skips the login form)."""
    from importlib import import_module

    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def worker_pids(master):
    """gunicorn's workers: the processes whose parent is the master."""
    pids = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended meanwhile
            continue
        if int(fields[1]) == master:
            pids.append(int(stat.parent.name))
    return pids


def rss_mib(pid):
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


class Command(BaseCommand):
    help = "Load-test gunicorn on the bench data with Locust (headless, 127.0.0.1) and print throughput, latency and worker memory."

    def add_arguments(self, parser):
        parser.add_argument("--users", type=bounded(1, MAX_USERS), default=20)
        parser.add_argument("--seconds", type=bounded(10, MAX_SECONDS), default=60, help="measured run, after the users have logged in")
        parser.add_argument("--workers", type=bounded(1, 16), default=2, help="gunicorn workers")
        parser.add_argument("--port", type=int, default=0, help="gunicorn's port on 127.0.0.1 (0: any free one)")
        parser.add_argument("--allow-sqlite", action="store_true")

    def handle(self, *args, users, seconds, workers, port, allow_sqlite, **options):
        if connection.vendor != "postgresql" and not allow_sqlite:
            raise CommandError("The load test runs on the bench data in PostgreSQL: set DATABASE_URL and run `make bench` once.")
        target = Property.objects.filter(code="bench-01").first()
        if target is None:
            raise CommandError("No bench data: run `make bench` (or `manage.py bench`) on this database first.")
        modules = list(bench.app_bench_modules())
        bench.forget_earlier_posts(property=target, modules=modules)
        plan = bench.page_plan(property=target, modules=modules)
        requests = [dataclasses.asdict(p) for p in plan if p.role]
        roles = {p["role"] for p in requests}
        users_by_role = {role: User.objects.get(username=bench.bench_username(target, role)) for role in roles}
        # Sessions and their auth hashes are signed: the server gets the key they were made with.
        secret_key = "load-only-" + secrets.token_urlsafe(40)
        with override_settings(SECRET_KEY=secret_key):
            sessions = {role: [signed_in_session(user) for _ in range(users)] for role, user in users_by_role.items()}
        with tempfile.TemporaryDirectory() as tmp:
            plan_file = Path(tmp) / "plan.json"
            plan_file.write_text(json.dumps({
                "settle_seconds": SETTLE,
                "session_cookie": settings.SESSION_COOKIE_NAME,
                "sessions": sessions,
                "requests": requests,
            }))
            server = bench.start_gunicorn(port=port, workers=workers, secret_key=secret_key)
            try:
                samples = self.run_locust(server.port, users, seconds, plan_file, Path(tmp) / "run", server.pid)
                stats = list(csv.DictReader(open(Path(tmp) / "run_stats.csv", encoding="utf-8")))
                failures = list(csv.DictReader(open(Path(tmp) / "run_failures.csv", encoding="utf-8")))
            finally:
                server.terminate()
                server.wait(timeout=30)
        self.report(stats, failures, samples, users=users, seconds=seconds, workers=workers)

    def run_locust(self, port, users, seconds, plan_file, csv_prefix, master):
        """Run Locust for the ramp-up and `seconds`; sample the workers' RSS every 5 s meanwhile."""
        ramp = users // SPAWN_RATE + SETTLE
        locust = os.path.join(os.path.dirname(sys.executable), "locust")
        env = dict(os.environ, HOTELQA_LOAD_PLAN=str(plan_file))
        command = [
            locust, "-f", str(Path(__file__).resolve().parents[2] / "locustfile.py"), "--headless", "--only-summary",
            "--host", f"http://127.0.0.1:{port}", "-u", str(users), "-r", str(SPAWN_RATE),
            "-t", f"{seconds + ramp}s", "--csv", str(csv_prefix), "--loglevel", "WARNING",
        ]
        process = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env, stdout=subprocess.DEVNULL)
        samples, started = [], time.monotonic()
        while process.poll() is None:
            time.sleep(5)
            samples.append((time.monotonic() - started, {pid: rss_mib(pid) for pid in worker_pids(master)}))
        if process.returncode not in (0, 1):  # 1: some requests failed, reported below
            raise CommandError(f"locust exited with {process.returncode}")
        return samples

    def report(self, stats, failures, samples, *, users, seconds, workers):
        write = self.stdout.write
        write(f"{users} users for {seconds} s (after {users // SPAWN_RATE} s to start them and {SETTLE} s to settle; signed in beforehand), gunicorn with {workers} workers on 127.0.0.1, {os.cpu_count()} CPU cores")
        write("| page | requests | failures | req/s | p50 ms | p95 ms |")
        write("|---|---|---|---|---|---|")
        total = None
        for row in stats:
            if row["Name"] == "Aggregated":
                total = row
                continue
            write(f"| {row['Name']} | {row['Request Count']} | {row['Failure Count']} | {float(row['Requests/s']):.1f} | {row['50%']} | {row['95%']} |")
        if total:
            write(f"| **all** | {total['Request Count']} | {total['Failure Count']} | {float(total['Requests/s']):.1f} | {total['50%']} | {total['95%']} |")
        for failure in failures:
            write(f"  error: {failure['Method']} {failure['Name']}: {failure['Error']} ×{failure['Occurrences']}")
        write("")
        write("Worker memory (RSS, MiB) over the run:")
        pids = sorted({pid for _t, sample in samples for pid in sample})
        write("| s | " + " | ".join(f"worker {pid}" for pid in pids) + " |")
        write("|---|" + "---|" * len(pids))
        for at, sample in samples[:: max(1, len(samples) // 12)] + samples[-1:] if samples else []:
            write(f"| {at:.0f} | " + " | ".join(f"{sample.get(pid):.1f}" if sample.get(pid) else "—" for pid in pids) + " |")
        if total:
            write("")
            write(f"Throughput {float(total['Requests/s']):.1f} requests/s, p50 {total['50%']} ms, p95 {total['95%']} ms, "
                  f"{total['Failure Count']} errors of {total['Request Count']} requests.")
