import datetime as dt
import re
from decimal import Decimal

from django.utils import timezone
from playwright.sync_api import expect

from complaints.choices import CaseKind, Channel
from complaints.services import case_log
from hotelqa.models import KpiSnapshot, Notification, Property, User

from .conftest import log_in

CODE = "hotelqa.notifications_read_24h"


def test_manager_switches_to_chinese_changes_period_and_drills_down(open_page, demo_org):
    harbour = Property.objects.get(code="harbour")
    today = timezone.localdate()
    KpiSnapshot.objects.bulk_create(
        KpiSnapshot(property=harbour, code=CODE, day=today - dt.timedelta(days=i), value=60 + i, total=Decimal(60 + i) / 20, weight=5)
        for i in range(1, 40)
    )
    Notification.objects.create(
        recipient=User.objects.get(username="staff.harbour"), property=harbour, title="Work order WO-1 assigned",
        created_at=timezone.now() - dt.timedelta(days=1),
    )

    page = open_page()
    log_in(page, "manager.harbour")
    assert page.url.endswith("/dashboard/")
    expect(page.locator("h1")).to_have_text("Quality dashboard")

    page.select_option("#language-switch", "zh-hans")  # submits itself; the reload is not a click's navigation
    expect(page.locator("h1")).to_have_text("质量仪表盘")
    expect(page.locator("#figures-close")).to_contain_text("截至昨日日终")
    expect(page.locator("#today-so-far")).to_contain_text("今日截至目前")

    tile = page.locator(f'[data-kpi="{CODE}"]')
    thirty_days = tile.locator(".kpi-value").inner_text()
    page.select_option("#id_period", "7")
    page.click("form button.btn-primary")
    expect(page).to_have_url(re.compile(r"period=7"))
    seven_days = tile.locator(".kpi-value").inner_text()
    assert seven_days != thirty_days  # the newest days have the lowest values
    expect(tile.locator("canvas")).to_be_visible()

    tile.locator("a.stretched-link").click()
    expect(page).to_have_url(re.compile(r"/dashboard/kpi/"))
    expect(page.locator("h1")).to_have_text("24 小时内确认的通知")
    expect(page.locator("#kpi-formula")).to_contain_text("计算方法")
    expect(page.locator("#kpi-records")).to_contain_text("该数字对应的记录")
    expect(page.locator("#kpi-records tbody tr", has_text="Work order WO-1 assigned")).to_have_count(1)


def test_dashboard_at_phone_width(open_page, demo_org):
    page = open_page(viewport={"width": 390, "height": 844})
    log_in(page, "manager.harbour")
    expect(page.locator(".navbar-toggler")).to_be_visible()
    page.click(".navbar-toggler")
    # The menu slides open; wait for it rather than reading it mid-animation.
    expect(page.locator("#mainnav >> text=Dashboard")).to_be_visible()
    # Nothing is wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_manager_drills_down_from_complaints_tile_to_cases(open_page, demo_org):
    harbour = Property.objects.get(code="harbour")
    today = timezone.localdate()
    KpiSnapshot.objects.bulk_create(
        KpiSnapshot(property=harbour, code="complaints.per_day", day=today - dt.timedelta(days=i), value=1, total=1, weight=1) for i in range(1, 8)
    )
    front_desk = User.objects.get(username="frontdesk.harbour")
    recent, old = (
        case_log(property=harbour, actor=front_desk, kind=CaseKind.COMPLAINT, channel=Channel.PHONE, description=text,
                 apology_confirmed=True, room_number="1208", received_at=timezone.now() - dt.timedelta(days=days))
        for text, days in (("Shower drain blocked", 3), ("Old noise complaint", 60))
    )

    page = open_page()
    log_in(page, "manager.harbour")
    tile = page.locator('[data-kpi="complaints.per_day"]')
    expect(tile).to_be_visible()
    tile.locator("a.stretched-link").click()
    expect(page.locator("h1")).to_have_text("Complaints per day")
    expect(page.locator("#kpi-formula")).to_contain_text("Complaints received in the period ÷ days in the period.")
    records = page.locator("#kpi-records")
    expect(records.locator("tbody tr", has_text=old.number)).to_have_count(0)  # outside the 30-day period
    records.get_by_role("link", name=recent.number).click()
    expect(page.locator("body")).to_contain_text("Shower drain blocked")
