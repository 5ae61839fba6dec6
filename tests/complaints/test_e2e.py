"""The front desk logs a complaint with the keyboard only, in a real browser (run with -m e2e)."""

import os
import re

import pytest

from complaints.models import Case
from crm.models import Guest
from hotelqa.choices import Role

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture
def page():
    playwright = pytest.importorskip("playwright.sync_api")
    if not os.path.exists("/usr/bin/chromium"):
        pytest.skip("Debian's Chromium is not installed")
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        yield browser.new_page()
        browser.close()


def test_quick_log_with_keyboard_and_type_ahead(live_server, page, property_a, member):
    user = member(property_a, Role.FRONT_DESK, password="pw-e2e-123")
    Guest.objects.create(property=property_a, name="Wang Fang", phone="13800001234")
    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", "pw-e2e-123")
    page.click("main form button")
    page.goto(live_server.url + "/complaints/new/")
    page.keyboard.type("The shower has no hot water")  # the text box has the focus
    page.keyboard.press("Tab")
    page.keyboard.type("Wang")
    page.wait_for_selector("[data-guest-id]")
    page.keyboard.press("Enter")  # takes the first match
    page.keyboard.type("1203")  # focus moved to the room
    page.focus("textarea[name=description]")
    page.keyboard.press("Enter")  # saves
    page.wait_for_url(re.compile(r"/complaints/\d+/$"))
    case = Case.objects.get()
    assert case.guest.name == "Wang Fang" and case.room_number == "1203" and case.status == "recorded"
    assert case.category == "room" and case.department.kind == "engineering"
