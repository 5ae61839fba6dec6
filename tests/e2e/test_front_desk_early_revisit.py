"""Front desk: the guest is at the desk before the revisit is due — record it from the upcoming tab
or from the case page."""

import re

from django.urls import reverse
from playwright.sync_api import expect

from complaints.models import Revisit
from hotelqa.choices import DepartmentKind
from hotelqa.models import Property, User
from tests.complaints.helpers import close_complaint

from .conftest import PHONE, log_in


def test_front_desk_records_revisit_before_it_is_due(open_page, demo_org):
    harbour = Property.objects.get(code="harbour")
    supervisor = User.objects.get(username="supervisor.harbour")
    first = close_complaint(harbour, supervisor, department_kind=DepartmentKind.ENGINEERING)
    second = close_complaint(harbour, supervisor, department_kind=DepartmentKind.ENGINEERING)

    page = open_page()
    log_in(page, "frontdesk.harbour")
    page.goto(reverse("complaints:revisit_list"))
    expect(page.get_by_role("link", name=first.number)).to_have_count(0)  # not due yet
    page.get_by_role("link", name="Upcoming").click()
    card = page.locator(".card", has_text=first.number)
    card.get_by_label("Satisfied", exact=True).check()
    card.get_by_role("button", name="Record revisit").click()
    expect(page.locator("#messages")).to_contain_text(f"Revisit of {first.number} recorded.")
    assert Revisit.objects.get(case=first).outcome == "satisfied"

    phone = open_page(viewport=PHONE, language="zh-hans")
    log_in(phone, "frontdesk.harbour")
    phone.goto(reverse("complaints:case_detail", args=[second.pk]))
    form = phone.locator("form[data-revisit-form]")
    form.get_by_label("满意", exact=True).check()
    form.get_by_label("客人反馈").fill("退房时当面回访，已满意")
    form.get_by_role("button", name="记录回访").click()
    expect(phone).to_have_url(re.compile(re.escape(reverse("complaints:case_detail", args=[second.pk])) + "$"))
    expect(phone.locator("form[data-revisit-form]")).to_have_count(0)
    expect(phone.locator("main")).to_contain_text("退房时当面回访，已满意")
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
