"""Benchmark plumbing shared by the apps' `bench.py` modules.

An app's `bench.py` may define:
    seed(*, properties, scale, stdout)   bulk-load its share of a large hotel group
    requests(*, property)                -> [BenchRequest(...)]   pages to time over HTTP
    jobs(*, property)                    -> [(label, callable)]    jobs to time in-process
"""

import statistics
import time
from dataclasses import dataclass, field

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
    label: str
    times: list
    queries: list
    errors: int = 0

    def row(self):
        p50 = statistics.median(self.times) if self.times else None
        p95 = percentile(self.times, 0.95)
        q = max(self.queries) if self.queries else None
        fmt = lambda v: "—" if v is None else f"{v:.1f}"
        return f"| {self.label} | {fmt(p50)} | {fmt(p95)} | {q if q is not None else '—'} | {len(self.times)} | {self.errors} |"


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
    return [("KPI snapshot job, one property, one day", lambda: services.kpi_snapshot_day(property=property, day=day))]


def requests(*, property):
    """The KPI page of the quantile KPI: period value from summed histograms, and its records."""
    return [
        BenchRequest("KPI page: median first response, 90 days", "/dashboard/kpi/complaints.median_first_response/?period=90", role=Role.MANAGER),
        BenchRequest("manager dashboard, one department, 90 days", f"/dashboard/?period=90&department={property.departments.get(kind='engineering').pk}", role=Role.MANAGER),
    ]
