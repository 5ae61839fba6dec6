from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from facilities import scheduling


class Command(BaseCommand):
    help = "Create every inspection due up to now (or --until), then mark overdue ones. Safe to repeat."

    def add_arguments(self, parser):
        parser.add_argument("--until", help="ISO date-time, e.g. 2026-05-01T12:00 (local time when no offset)")

    def handle(self, *args, until=None, **options):
        now = timezone.now()
        if until:
            now = parse_datetime(until)
            if now is None:
                raise CommandError("--until must be an ISO date-time, e.g. 2026-05-01T12:00")
            if timezone.is_naive(now):
                now = timezone.make_aware(now)
        started = timezone.now()
        created = scheduling.inspections_generate(now=now)
        overdue = scheduling.inspections_mark_overdue(now=now)
        seconds = (timezone.now() - started).total_seconds()
        self.stdout.write(f"{created} inspection(s) created, {overdue} marked overdue in {seconds:.1f} s.")
