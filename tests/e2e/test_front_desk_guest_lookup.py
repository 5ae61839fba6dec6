"""Front desk: typing a room number finds the guest in that room; picking fills the room and keeps
VIP level and allergies in sight."""

import datetime as dt

from playwright.sync_api import expect

from hotelqa.models import Property
from tests.crm.factories import GuestFactory, RoomFactory, StayFactory

from .conftest import PHONE, log_in


def test_room_number_finds_the_guest_and_picking_fills_the_room(open_page, demo_org):
    harbour = Property.objects.get(code="harbour")
    room = RoomFactory(property=harbour, number="2301")
    guest = GuestFactory(property=harbour, name="Anna Schmidt", vip_level="vip1", allergies="Peanuts")
    today = dt.date.today()
    StayFactory(property=harbour, guest=guest, room=room, arrival=today - dt.timedelta(days=1), departure=today + dt.timedelta(days=2), room_nights=3)
    GuestFactory(property=harbour, name="Other Caller", phone="13923015555")  # the room number inside a phone number

    for viewport, language, room_label in ((None, "en", "Room 2301"), (PHONE, "zh-hans", "2301 房")):
        page = open_page(viewport=viewport, language=language)
        log_in(page, "frontdesk.harbour")
        page.goto("/complaints/new/")
        page.fill("#id_q", "2301")
        option = page.locator("#guest-results [data-guest-id]")
        expect(option).to_have_count(1)
        expect(option).to_contain_text("Anna Schmidt")
        expect(option.locator("[data-stay]")).to_contain_text(room_label)
        expect(option.locator("[data-allergies]")).to_contain_text("Peanuts")
        if viewport:
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

        page.fill("#id_q", "Anna")
        page.locator("#guest-results [data-guest-id]", has_text="Anna Schmidt").click()
        expect(page.locator("#id_room_number")).to_have_value("2301")
        expect(page.locator("#guest-picked [data-guest-alert]")).to_contain_text("Peanuts")
        expect(page.locator("#guest-picked [data-guest-alert]")).to_contain_text("VIP 1" if language == "en" else "VIP")
