"""A staff member reads their own training record on a phone, in English and in Chinese:
upcoming session, plan, certificate, pre-job days; nothing scrolls sideways."""

import datetime as dt

from django.utils import timezone
from playwright.sync_api import expect

from hotelqa.models import Property, StaffMember
from training import services
from training.models import Certification, Course

from .conftest import PHONE, go_to, log_in


def _record():
    harbour = Property.objects.get(code="harbour")
    me = StaffMember.objects.get(property=harbour, user__username="staff.harbour")
    today = timezone.localdate()
    fire = Course.objects.create(property=harbour, code="SAF-01", name="Fire safety and evacuation drill", name_zh="消防安全与疏散演练",
                                 category="safety", pass_mark=80, validity_months=12)
    manner = Course.objects.create(property=harbour, code="ETQ-02", name="Speech and manner", name_zh="言谈举止", category="etiquette")
    services.plan_ensure(staff=me, course=manner, due_on=today + dt.timedelta(days=20))
    services.session_create(property=harbour, course=manner, date=today + dt.timedelta(days=2), place="Training room", staff=[me])
    Certification.objects.create(property=harbour, staff=me, course=fire, name="Fire safety and evacuation drill",
                                 issued_on=today - dt.timedelta(days=340), expires_on=today + dt.timedelta(days=25))


def fits(page):
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_staff_reads_their_training_record_on_phone(open_page, demo_org):
    _record()
    page = open_page(viewport=PHONE)
    log_in(page, "staff.harbour")
    page.goto("/")
    expect(page.locator("[data-panel-my-training]")).to_contain_text("Speech and manner")
    page.goto("/training/me/")
    expect(page.locator("h1")).to_have_text("My training")
    expect(page.locator("[data-upcoming]")).to_contain_text("Training room")
    expect(page.locator("main")).to_contain_text("Fire safety and evacuation drill")
    expect(page.locator("[data-rules]")).to_contain_text("Rotation training due")
    assert fits(page)


def test_staff_reads_their_training_record_on_phone_in_chinese(open_page, demo_org):
    _record()
    page = open_page(viewport=PHONE, language="zh-hans")
    log_in(page, "staff.harbour")
    page.goto("/training/me/")
    expect(page.locator("h1")).to_have_text("我的培训")
    expect(page.locator("[data-upcoming]")).to_contain_text("言谈举止")
    expect(page.locator("[data-rules]")).to_contain_text("岗位轮训到期")
    assert fits(page)
