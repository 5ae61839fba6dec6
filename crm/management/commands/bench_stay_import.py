"""Time the PMS stay import on a generated file: `manage.py bench_stay_import --rows 100000`.

Builds a CSV (GBK, as Excel on Chinese Windows saves it) of N arrivals at one property, half of
the guests already known to the group, then reads, checks and saves it the way an import does,
and prints each phase's time. Everything is rolled back afterwards unless --keep is given.
The goal: 100,000 rows in under a minute."""

import io
import random
import time
import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from crm import importing
from crm.models import Guest, Room
from crm.services.stays import write_rows
from hotelqa.models import Property


class Rollback(Exception):
    pass


class Command(BaseCommand):
    help = "Time the PMS stay import on a generated file of N rows (rolled back unless --keep)."

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=100_000)
        parser.add_argument("--property", help="property code (default: the first with rooms)")
        parser.add_argument("--keep", action="store_true", help="keep the imported stays")

    def handle(self, *args, rows, property=None, keep=False, **options):
        prop = Property.objects.filter(code=property).first() if property else Property.objects.filter(pk__in=Room.objects.values("property_id")).first()
        if prop is None:
            raise CommandError("No property with rooms: run seed_demo or bench first.")
        rooms = list(Room.objects.filter(property=prop).values_list("number", flat=True)[:500])
        known = list(Guest.objects.active().exclude(phone="").values_list("phone", flat=True)[: rows // 2])
        rng = random.Random(7)
        start = dt.date.today() - dt.timedelta(days=400)
        stamp = int(time.time())
        lines = ["预订号,客人姓名,手机,房号,入住日期,离店日期,消费"]
        for i in range(rows):
            phone = known[i // 2 % len(known)] if known and i % 2 else f"17{stamp % 1000:03d}{i:06d}"
            arrival = start + dt.timedelta(days=rng.randrange(365))
            lines.append(f"B{stamp}-{i},客人{i},{phone},{rng.choice(rooms) if rooms else ''},{arrival:%Y-%m-%d},"
                         f"{arrival + dt.timedelta(days=rng.randint(1, 4)):%Y-%m-%d},{rng.randint(300, 3000)}.00")
        content = "\n".join(lines).encode("gbk")
        self.stdout.write(f"{prop.code}: {rows} rows, {len(content) / 1e6:.1f} MB")
        t0 = time.perf_counter()
        table = importing.read_table(io.BytesIO(content), "bench.csv")
        t1 = time.perf_counter()
        checked = importing.check(table, importing.guess_mapping(table.header), property=prop)
        t2 = time.perf_counter()
        if checked.error_count:
            raise CommandError(f"{checked.error_count} rows refused: {checked.errors[:3]}")
        try:
            with transaction.atomic():
                written = write_rows(property=prop, rows=checked.rows)
                t3 = time.perf_counter()
                if not keep:
                    raise Rollback
        except Rollback:
            pass
        total = t3 - t0
        self.stdout.write(f"  read   {t1 - t0:6.2f} s")
        self.stdout.write(f"  check  {t2 - t1:6.2f} s")
        self.stdout.write(f"  save   {t3 - t2:6.2f} s  ({written.created} stays, {written.guests_created} new guests)")
        verdict = "OK" if total < 60 * rows / 100_000 else "SLOWER than 100,000 rows a minute"
        self.stdout.write(f"  total  {total:6.2f} s = {rows / total:,.0f} rows/s  [{verdict}]{'' if keep else ' (rolled back)'}")
