"""How long the monthly quality report of one property takes to build (data, PDF, XLSX).

    manage.py monthly_report_time --property harbour --month 2026-10 [--language zh-hans]

The goal at bench size (the data of `manage.py bench`) is under 10 s per property for the PDF."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from hotelqa.models import Property
from hotelqa.reports import Month, build_report
from hotelqa.reports.monthly import last_month, render


class Command(BaseCommand):
    help = "Build one property's monthly quality report and print how long each part took."

    def add_arguments(self, parser):
        parser.add_argument("--property", required=True, help="property code")
        parser.add_argument("--month", help="YYYY-MM; default last month")
        parser.add_argument("--language", default="zh-hans")

    def handle(self, *args, property, month=None, language="zh-hans", **options):
        prop = Property.objects.filter(code=property).first()
        if prop is None:
            raise CommandError(f"No property with the code {property!r}")
        try:
            month = Month.parse(month) if month else last_month()
        except ValueError:
            raise CommandError(f"--month must look like 2026-10, not {month!r}")
        with translation.override(language):
            started = time.monotonic()
            report = build_report(prop, month)
            data = time.monotonic() - started
            pdf = render(report, "pdf")
            pdf_done = time.monotonic() - started
            xlsx = render(report, "xlsx")
            total = time.monotonic() - started
        self.stdout.write(
            f"{prop.code} {month}: data {data:.2f} s, PDF {pdf_done - data:.2f} s ({len(pdf) // 1024} KiB), "
            f"XLSX {total - pdf_done:.2f} s ({len(xlsx) // 1024} KiB); built in {total:.2f} s (goal: under 10 s)"
        )
