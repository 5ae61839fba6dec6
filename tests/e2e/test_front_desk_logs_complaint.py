"""Front desk: log a complaint for a returning guest in one form; it lands on the department's queue."""

import datetime as dt
import re

from django.utils import timezone
from playwright.sync_api import expect

from complaints.models import Case
from crm.models import Guest
from hotelqa.models import Property
from tests.crm.factories import GuestFactory, RoomFactory, StayFactory

from .conftest import PHONE, go_to, log_in


def test_front_desk_logs_complaint_for_returning_guest(open_page, demo_org):
    harbour = Property.objects.get(code="harbour")
    room = RoomFactory(property=harbour, number="1208")
    guest = GuestFactory(property=harbour, name="Chen Mei", phone="13812345678")
    last_month = timezone.localdate() - dt.timedelta(days=40)
    StayFactory(property=harbour, guest=guest, room=room, arrival=last_month, room_nights=2)

    page = open_page()
    log_in(page, "frontdesk.harbour")
    page.get_by_role("link", name="Log a case").first.click()
    expect(page.locator("h1")).to_have_text("Log a case")

    page.fill("#id_description", "The air conditioning does not cool the room")
    page.fill("#id_q", "Chen")
    option = page.locator("#guest-results [data-guest-id]")
    expect(option).to_have_count(1)
    expect(option).to_contain_text("Chen Mei")
    option.click()
    expect(page.locator("#guest-picked")).to_contain_text("Chen Mei")
    expect(page.locator("#id_room_number")).to_be_focused()  # picking a guest moves on to the room
    page.fill("#id_room_number", "1208")
    page.check("#id_apology_confirmed")  # starts unticked: staff confirm it
    page.get_by_role("button", name="Log case", exact=True).click()

    expect(page).to_have_url(re.compile(r"/complaints/\d+/$"))
    case = Case.objects.get()
    expect(page.locator("h1")).to_contain_text(case.number)
    expect(page.locator("main")).to_contain_text("Chen Mei")
    expect(page.locator(".case-steps [aria-current=step]")).to_contain_text("Recorded")
    assert case.guest_id == guest.pk and Guest.objects.count() == 1  # the stored guest, not a new duplicate
    assert case.department.kind == "engineering" and case.room_id == room.pk

    # The engineering staff see it on their department queue.
    staff = open_page()
    log_in(staff, "staff.harbour")
    go_to(staff, "Department queue")
    row = staff.locator("table tbody tr", has_text=case.number)
    expect(row).to_be_visible()
    expect(row).to_contain_text("Chen Mei")
    row.get_by_role("link", name=case.number).click()
    expect(staff.locator("h1")).to_contain_text(case.number)


def test_a_guest_typed_before_the_page_scripts_ran_is_still_looked_up(open_page, demo_org):
    # On a slow connection (or a busy test machine) the page shows before its scripts run; what
    # the front desk types meanwhile must still reach the type-ahead.
    GuestFactory(property=Property.objects.get(code="harbour"), name="Chen Mei", phone="13812345678")
    page = open_page()
    log_in(page, "frontdesk.harbour")
    held = []
    page.route("**/htmx.min.js", lambda route: held.append(route))
    page.goto("/complaints/new/", wait_until="commit")
    page.fill("#id_description", "The air conditioning does not cool the room")
    page.fill("#id_q", "Chen")
    expect(page.locator("#guest-results")).to_be_empty()
    for route in held:
        route.continue_()
    expect(page.locator("#guest-results [data-guest-id]")).to_contain_text("Chen Mei")
    expect(page.locator("#suggestion")).not_to_be_empty()


def test_quick_log_form_fits_a_phone_and_its_buttons_are_legible(open_page, demo_org):
    page = open_page(viewport=PHONE)
    log_in(page, "frontdesk.harbour")
    page.goto("/complaints/new/")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    for name in ("Log case", "Log and start another"):
        button = page.get_by_role("button", name=name, exact=True)
        expect(button).to_be_visible()
        text, background = button.evaluate("b => [getComputedStyle(b).color, getComputedStyle(b).backgroundColor]")
        assert text != background, f"{name}: text and background are both {text}"
