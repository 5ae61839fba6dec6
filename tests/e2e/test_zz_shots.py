import datetime as dt

from django.core.management import call_command
from django.utils import timezone

from hotelqa.models import Property
from hotelqa.services import kpi_snapshot_day

from .conftest import log_in

OUT = "/tmp/kpi/shots"


def test_shots(open_page, transactional_db):
    call_command("seed_demo", verbosity=0)
    harbour = Property.objects.get(code="harbour")
    for i in range(1, 36):
        kpi_snapshot_day(property=harbour, day=timezone.localdate() - dt.timedelta(days=i))
    for lang in ("en", "zh-hans"):
        for width in (1280, 390):
            page = open_page(viewport={"width": width, "height": 900}, language=lang)
            log_in(page, "manager.harbour")
            page.goto("/dashboard/?period=30")
            page.screenshot(path=f"{OUT}/dash-{lang}-{width}.png", full_page=True)
            sw = page.evaluate("document.documentElement.scrollWidth")
            print("scrollWidth", lang, width, sw)
            page.goto("/dashboard/kpi/complaints.median_first_response/?period=30")
            page.screenshot(path=f"{OUT}/median-{lang}-{width}.png", full_page=True)
            print("scrollWidth kpi", lang, width, page.evaluate("document.documentElement.scrollWidth"))
            page.context.close()
