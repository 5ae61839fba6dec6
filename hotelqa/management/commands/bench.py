"""`make bench`: load a large hotel group into PostgreSQL, then time pages over real HTTP and jobs
in-process. Prints p50/p95 server time and SQL queries per request (read from Server-Timing)."""

import http.cookiejar
import re
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from hotelqa import bench
from hotelqa.bench import Figures

TIMING = re.compile(r'app;dur=([\d.]+), db;desc="queries";dur=(\d+)')


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """A POST is timed by its own answer (the redirect), not by the page it leads to."""

    def redirect_request(self, *args, **kwargs):
        return None


class Session:
    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect)

    def csrf(self, path):
        html = self.opener.open(self.base + path).read().decode()
        match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
        return match.group(1) if match else ""

    def login(self, username):
        token = self.csrf("/accounts/login/")
        data = {"username": username, "password": bench.BENCH_PASSWORD, "csrfmiddlewaretoken": token}
        self.request("POST", "/accounts/login/", data)

    def request(self, method, path, data=None):
        body = None
        headers = {"Referer": self.base + path}
        if method == "POST":
            data = dict(data or {})
            data.setdefault("csrfmiddlewaretoken", self.csrf_cookie())
            body = urllib.parse.urlencode(data, doseq=True).encode()
        req = urllib.request.Request(self.base + path, data=body, method=method, headers=headers)
        started = time.perf_counter()
        try:
            response = self.opener.open(req)
            status, timing = response.status, response.headers.get("Server-Timing", "")
            response.read()
        except urllib.error.HTTPError as exc:
            status, timing = exc.code, exc.headers.get("Server-Timing", "")
            exc.read()
        # What the user waits for: from sending the request to the last byte of the answer.
        return status, timing, (time.perf_counter() - started) * 1000

    def csrf_cookie(self):
        return next((c.value for c in self.jar if c.name == settings.CSRF_COOKIE_NAME), "")


class Command(BaseCommand):
    help = "Seed a large hotel group (PostgreSQL) and print p50/p95 server time and SQL queries per page and job."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0, help="1.0 = 20 properties, 1,000,000 cases, …")
        parser.add_argument("--properties", type=int, default=20)
        parser.add_argument("--skip-seed", action="store_true", help="reuse the data of an earlier run")
        parser.add_argument("--requests", type=int, default=40, help="timed requests per page")
        parser.add_argument("--port", type=int, default=8765)
        parser.add_argument("--allow-sqlite", action="store_true")

    def handle(self, *args, scale, properties, skip_seed, requests, port, allow_sqlite, **options):
        if connection.vendor != "postgresql" and not allow_sqlite:
            raise CommandError("Benchmarks need PostgreSQL: set DATABASE_URL (or pass --allow-sqlite for a dry run).")
        modules = list(bench.app_bench_modules())
        started = time.perf_counter()
        props = bench.seed_organisation(properties=properties)
        if not skip_seed:
            for module in modules:
                if hasattr(module, "seed"):
                    phase = time.perf_counter()
                    module.seed(properties=props, scale=scale, stdout=self.stdout)
                    self.stdout.write(f"  seeded {module.__name__} in {time.perf_counter() - phase:.1f} s")
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE") if connection.vendor == "postgresql" else None
        self.stdout.write(f"Data ready in {time.perf_counter() - started:.1f} s")

        target = props[0]
        bench.forget_earlier_posts(property=target, modules=modules)
        figures = []
        for module in modules:
            for label, job in getattr(module, "jobs", lambda **k: [])(property=target):
                figures.append(bench.timed(label, job))

        server = bench.start_gunicorn(port=port, workers=2)
        try:
            figures += self.measure_pages(f"http://127.0.0.1:{port}", target, modules, requests)
        finally:
            server.terminate()
            server.wait(timeout=20)

        self.stdout.write("")
        self.stdout.write(f"scale {scale}, {properties} properties, {requests} requests per page, git {self.commit()}")
        self.stdout.write("Server: time inside Django (Server-Timing). Client: request sent to last byte received.")
        self.stdout.write(Figures.HEADER)
        for figure in figures:
            self.stdout.write(figure.row())

    def measure_pages(self, base, target, modules, count):
        plan = bench.page_plan(property=target, modules=modules)
        sessions = {}
        results = []
        for item in plan:
            session = sessions.get(item.role)
            if session is None:
                session = sessions[item.role] = Session(base)
                if item.role:
                    session.login(bench.bench_username(target, item.role))
            figure = Figures(item.label, [], [], client_times=[])
            for i in range(count + 3):
                status, timing, client = session.request(item.method, item.path, item.data)
                match = TIMING.search(timing)
                if status >= 400 or not match:
                    figure.errors += 1
                    continue
                if i >= 3:  # warm-up requests are not counted
                    figure.times.append(float(match.group(1)))
                    figure.queries.append(int(match.group(2)))
                    figure.client_times.append(client)
            results.append(figure)
        return results

    def commit(self):
        try:
            return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=settings.BASE_DIR, capture_output=True, text=True).stdout.strip()
        except OSError:
            return "unknown"
