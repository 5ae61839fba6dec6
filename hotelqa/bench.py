"""Benchmark plumbing shared by the apps' `bench.py` modules.

An app's `bench.py` may define:
    seed(*, properties, scale, stdout)   bulk-load its share of a large hotel group
    requests(*, property)                -> [BenchRequest(...)]   pages to time over HTTP
    jobs(*, property)                    -> [(label, callable)]    jobs to time in-process
    clear_guest_records(property_ids)    delete its rows that point at guests (cases, ledger …)
                                         before the CRM reloads the guests of those properties
"""

import importlib
import statistics
import time
from dataclasses import dataclass, field

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.db import connection

from . import services
from .choices import Role
from .models import Membership, Property, User

BENCH_PASSWORD = "hotelqa-bench"


@dataclass(frozen=True)
class BenchRequest:
    label: str
    path: str
    role: str | None = Role.FRONT_DESK  # None: not logged in
    method: str = "GET"
    data: dict = field(default_factory=dict)


def app_bench_modules():
    for config in apps.get_app_configs():
        try:
            yield importlib.import_module(f"{config.name}.bench")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.bench":
                raise


def page_plan(*, property, modules):
    """Every page `make bench` times (and `manage.py load` mixes): the shell's and each app's."""
    plan = [
        BenchRequest("login page", "/accounts/login/", role=None),
        BenchRequest("front-desk landing", "/", role=Role.FRONT_DESK),
        BenchRequest("manager dashboard", "/dashboard/?period=30", role=Role.MANAGER),
        BenchRequest("notifications", "/notifications/", role=Role.SUPERVISOR),
        BenchRequest("department list", "/departments/", role=Role.MANAGER),
    ]
    for module in modules:
        plan += getattr(module, "requests", lambda **k: [])(property=property)
    return plan


def forget_earlier_posts(*, property, modules):
    """Remove what earlier runs' POSTs added (each app's `forget_posted`), so every run times the
    same data: the quick-log POSTs add open cases, which the open-case list and export would
    otherwise read more of run after run."""
    for module in modules:
        if hasattr(module, "forget_posted"):
            module.forget_posted(property=property)


def bench_username(property, role):
    return f"bench-{role}-{property.code}"


def seed_organisation(*, properties: int) -> list[Property]:
    """`properties` hotels with departments and one user per role each (idempotent)."""
    password = make_password(BENCH_PASSWORD)
    result = []
    for i in range(1, properties + 1):
        prop, _ = Property.objects.get_or_create(
            code=f"bench-{i:02d}", defaults={"name": f"Bench Hotel {i:02d}", "name_zh": f"测试酒店{i:02d}", "room_count": 300}
        )
        services.property_ensure_default_departments(property=prop)
        for role in Role:
            user, created = User.objects.get_or_create(
                username=bench_username(prop, role), defaults={"password": password, "display_name": f"{role} {i:02d}"}
            )
            if created or not Membership.objects.filter(user=user, property=prop).exists():
                department = prop.departments.filter(kind="engineering").first() if role in (Role.STAFF, Role.SUPERVISOR) else None
                services.membership_set(user=user, property=prop, role=role, department=department)
        result.append(prop)
    return result


TEAM = 38  # department staff per property besides the bench's own logins, who share the cases and work
LOGIN_SHARE = 0.1  # of a property's cases or inspections, what each bench login did: a busy person's share


TEAM_PREFIX = "bench-team-"


def seed_team(property) -> list[int]:
    """The user ids of the property's bench team (staff in its departments, round the departments;
    they never sign in), created once. A hotel's cases are spread over its people: a bench that
    gave two logins all of them made every per-person figure a two-person hotel's."""
    prefix = f"{TEAM_PREFIX}{property.code}-"
    have = list(User.objects.filter(username__startswith=prefix).order_by("username").values_list("pk", flat=True))
    if len(have) >= TEAM:
        return have[:TEAM]
    departments = list(property.departments.order_by("pk"))
    users = User.objects.bulk_create(
        User(username=f"{prefix}{i:02d}", display_name=f"Team {i:02d}", password="!") for i in range(len(have), TEAM)
    )
    Membership.objects.bulk_create(
        Membership(user=user, property=property, role=Role.STAFF, department=departments[i % len(departments)] if departments else None)
        for i, user in enumerate(users)
    )
    return have + [u.pk for u in users]


def shared_with_team(queryset) -> bool:
    """Whether loaded work (`queryset`: rows with an assignee) is shared with the team; a bench
    seeded before the team gave all of it to the logins, and its rows are loaded again."""
    return queryset.filter(assignee__username__startswith=TEAM_PREFIX).exists()


def share_weights(logins, team):
    """`random.choices` weights for who did a piece of work: each login LOGIN_SHARE, the team the rest."""
    return [LOGIN_SHARE] * len(logins) + [(1 - LOGIN_SHARE * len(logins)) / len(team)] * len(team)


def copy_rows(model, columns, rows):
    """Load rows into `model`'s table with PostgreSQL COPY (columns are database column names).
    `rows` must not query the database (the connection is busy with the COPY).
    Ids are given by the caller (see `next_ids`) so related rows can point at them; the identity
    sequence is moved past them afterwards. Returns the number of rows."""
    table = model._meta.db_table
    n = 0
    with connection.cursor() as cursor:
        with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
                n += 1
        if "id" in columns:
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT COALESCE(MAX(id), 1) FROM {table}))")
    return n


def next_id(model):
    """First free id of `model`'s table (the caller loads with explicit ids, in one process)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {model._meta.db_table}")
        return cursor.fetchone()[0]


def seeded(have, expected):
    """Whether a table already holds an earlier seed at this scale (pages timed since then, such
    as the quick-log POST, add a few rows)."""
    return expected <= have <= expected + max(1000, expected // 100)


def delete_rows(table, where, params=()):
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE {where}", params)


def seed(*, properties, scale, stdout):
    """Daily KPI snapshots for the last 120 days, so the dashboard reads a realistic summary table:
    for every KPI, property and department the parts a period is added up from (total, weight,
    and a histogram of about 20–80 response times for a quantile KPI)."""
    import datetime as dt
    import json
    import random
    from fractions import Fraction

    from django.utils import timezone

    from . import kpi_histogram, kpi_registry
    from .models import KpiSnapshot

    start = timezone.localdate() - dt.timedelta(days=120)
    if KpiSnapshot.objects.filter(property__in=properties, day=start).exists():
        return
    rng = random.Random("bench-kpi")
    now = timezone.now()
    kpis = kpi_registry.all_kpis()

    # Read before COPY starts: the connection cannot run queries while a COPY is open.
    departments_of = {prop.pk: [None] + list(prop.departments.values_list("pk", flat=True)) for prop in properties}

    def parts(kpi):
        """(value, total, weight, histogram) of one plausible day."""
        if kpi.aggregate == kpi_registry.Aggregate.QUANTILE:
            minutes = [rng.lognormvariate(4, 1.2) for _ in range(rng.randint(20, 80))]
            histogram = kpi_histogram.histogram_of(minutes, kpi.ladder)
            value, _bound = kpi_histogram.quantile(histogram, kpi.ladder, kpi.quantile)
            return round(value, 4), len(minutes), len(minutes), json.dumps(histogram)
        value = float(kpi.target or 10) * rng.uniform(0.7, 1.2)
        if kpi.aggregate in (kpi_registry.Aggregate.SUM, kpi_registry.Aggregate.LAST):
            return round(value, 4), round(value, 4), rng.randint(1, 60), None
        weight = rng.randint(1, 60)
        if kpi.unit == "%":
            value = min(value, 100)
        total = round(value * weight / float(Fraction(str(kpi.scale))), 4)
        return round(value, 4), total, weight, None

    def rows():
        for prop in properties:
            for kpi in kpis:
                for dep in departments_of[prop.pk] if kpi.by_department else [None]:
                    for offset in range(120):
                        day = start + dt.timedelta(days=offset)
                        if kpi.breakdown is not None:  # one row per key (e.g. complaint category) and day
                            for key in kpi.extra.get("keys", []):
                                n = rng.randint(0, 6 if dep is None else 2)
                                yield (prop.pk, dep, kpi.code, key, day, n, n, 1, None, now)
                            continue
                        value, total, weight, histogram = parts(kpi)
                        yield (prop.pk, dep, kpi.code, "", day, value, total, weight, histogram, now)

    KpiSnapshot.objects.filter(property__in=properties, day__gte=start).delete()
    columns = ["property_id", "department_id", "code", "key", "day", "value", "total", "weight", "histogram", "computed_at"]
    n = copy_rows(KpiSnapshot, columns, rows())
    stdout.write(f"  {n} KPI snapshots")


def percentile(values, share):
    if not values:
        return None
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


@dataclass
class Figures:
    """Timings of one page or job: server time (or a job's run time), and for pages the client-side
    time to the full response."""

    HEADER = ("| what | server p50 ms | server p95 ms | client p50 ms | client p95 ms | SQL queries (max) | samples | errors |\n"
              "|---|---|---|---|---|---|---|---|")

    label: str
    times: list
    queries: list
    errors: int = 0
    client_times: list = field(default_factory=list)

    def row(self):
        fmt = lambda v: "—" if v is None else f"{v:.1f}"
        median = lambda values: statistics.median(values) if values else None
        q = max(self.queries) if self.queries else None
        return (f"| {self.label} | {fmt(median(self.times))} | {fmt(percentile(self.times, 0.95))} | {fmt(median(self.client_times))} | "
                f"{fmt(percentile(self.client_times, 0.95))} | {q if q is not None else '—'} | {len(self.times)} | {self.errors} |")


def start_gunicorn(*, port, workers, secret_key=None):
    """gunicorn on 127.0.0.1 with production-like settings (DEBUG off, static files collected,
    Server-Timing on); returns the master's Popen once it answers. Port 0: any free port
    (`server.port` tells which)."""
    import os
    import socket
    import subprocess
    import sys
    import urllib.request

    from django.conf import settings
    from django.core.management import call_command
    from django.core.management.base import CommandError

    with socket.socket() as probe:  # another server on the port would answer in our place
        # As gunicorn binds: the closed connections of a run just before (TIME_WAIT) do not count.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            raise CommandError(f"Port {port} on 127.0.0.1 is in use: pass another --port.") from None
        port = probe.getsockname()[1]
    call_command("collectstatic", interactive=False, verbosity=0)
    env = dict(os.environ, SERVER_TIMING="1", DEBUG="false", ALLOWED_HOSTS="127.0.0.1,localhost")
    if secret_key:
        env["SECRET_KEY"] = secret_key
    env.setdefault("SECRET_KEY", "bench-only-secret-key-" + "x" * 40)
    env["DJANGO_SETTINGS_MODULE"] = "hotelqa.settings.local"
    gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
    server = subprocess.Popen(
        [gunicorn, "hotelqa.wsgi", "-w", str(workers), "-b", f"127.0.0.1:{port}", "--log-level", "warning"],
        cwd=settings.BASE_DIR,
        env=env,
    )
    server.port = port
    for _ in range(100):
        if server.poll() is not None:
            break
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5)
            return server
        except OSError:  # refused, reset or timed out while the workers start
            time.sleep(0.2)
    server.terminate()
    raise CommandError("gunicorn did not start")


def timed(label, func, repeat=1):
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        func()
        times.append((time.perf_counter() - started) * 1000)
    return Figures(label, times, [])


def jobs(*, property):
    """The organisation's own job: the nightly KPI snapshot of one day for one property."""
    import datetime as dt

    from django.utils import timezone

    day = timezone.localdate() - dt.timedelta(days=1)

    def monthly_report():
        # The goal is under 10 s: data from every section, the PDF (Chinese, charts) and the XLSX.
        from django.utils import translation

        from .reports import build_report
        from .reports.monthly import last_month, render

        with translation.override("zh-hans"):
            report = build_report(property, last_month())
            render(report, "pdf")
            render(report, "xlsx")

    return [
        ("KPI snapshot job, one property, one day", lambda: services.kpi_snapshot_day(property=property, day=day)),
        ("monthly quality report (PDF and XLSX), one property", monthly_report),
    ]


def requests(*, property):
    """The KPI page of the quantile KPI: period value from summed histograms, and its records."""
    return [
        BenchRequest("KPI page: median first response, 90 days", "/dashboard/kpi/complaints.median_first_response/?period=90", role=Role.MANAGER),
        BenchRequest("manager dashboard, one department, 90 days", f"/dashboard/?period=90&department={property.departments.get(kind='engineering').pk}", role=Role.MANAGER),
    ]
