import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from hotelqa.jobs import run_recorded
from hotelqa.services import kpi_snapshot_all


class Command(BaseCommand):
    help = "Store daily KPI values (what the nightly job does). Re-running a day replaces its values."

    def add_arguments(self, parser):
        parser.add_argument("--day", help="ISO date; default yesterday")
        parser.add_argument("--days", type=int, default=1, help="how many days back from --day")

    def handle(self, *args, day=None, days=1, **options):
        try:
            last = dt.date.fromisoformat(day) if day else timezone.localdate() - dt.timedelta(days=1)
        except ValueError:
            raise CommandError(f"--day must be a date like 2026-01-31, not {day!r}")
        if days < 1:
            raise CommandError("--days must be at least 1")

        def snapshot():
            return sum(kpi_snapshot_all(day=last - dt.timedelta(days=i)) for i in range(days))

        total = run_recorded("hotelqa.kpi_snapshot", snapshot)
        self.stdout.write(self.style.SUCCESS(f"{total} KPI values stored for {days} day(s) up to {last}."))
