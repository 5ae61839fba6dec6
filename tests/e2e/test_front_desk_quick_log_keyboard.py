"""Front desk: the quick-log form works with the keyboard only (type-ahead, Enter takes the first
match, Enter in the text box saves)."""

import re

from playwright.sync_api import expect

from complaints.models import Case
from crm.models import Guest
from hotelqa.models import Property

from .conftest import log_in


def test_quick_log_with_keyboard_and_type_ahead(open_page, demo_org):
    harbour = Property.objects.get(code="harbour")
    Guest.objects.create(home_property=harbour, name="Wang Xiu", phone="13800001234")

    page = open_page()
    log_in(page, "frontdesk.harbour")
    page.goto("/complaints/new/")
    expect(page.locator("#id_description")).to_be_focused()
    page.keyboard.type("The shower has no hot water")
    page.keyboard.press("Tab")
    page.keyboard.type("Wang")
    expect(page.locator("#guest-results [data-guest-id]")).to_have_count(1)
    page.keyboard.press("Enter")  # takes the first match
    expect(page.locator("#id_room_number")).to_be_focused()
    page.keyboard.type("1203")
    page.check("#id_apology_confirmed")  # starts unticked: staff confirm it
    page.focus("#id_description")
    page.keyboard.press("Enter")  # saves

    expect(page).to_have_url(re.compile(r"/complaints/\d+/$"))
    case = Case.objects.get()
    expect(page.locator("h1")).to_contain_text(case.number)
    assert case.guest.name == "Wang Xiu" and case.room_number == "1203" and case.status == "recorded"
    assert case.category == "room" and case.department.kind == "engineering"
