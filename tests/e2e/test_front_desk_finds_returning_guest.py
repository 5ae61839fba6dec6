"""Front desk of West Lake: a guest who stayed at Harbour (another property of the group) calls.
Typing the name finds them with their last visit and allergies; the case is logged on the same
profile (no duplicate), and the profile shows their preferences but not Harbour's stay details."""

import datetime as dt
import re

from playwright.sync_api import expect

from complaints.models import Case
from crm.models import Guest, PreferenceOption
from hotelqa.models import Property
from tests.crm.factories import GuestFactory, RoomFactory, StayFactory

from .conftest import PHONE, log_in


def test_front_desk_finds_a_returning_guest_from_another_property(open_page, demo_org):
    harbour, westlake = Property.objects.get(code="harbour"), Property.objects.get(code="westlake")
    pillow = PreferenceOption.objects.get_or_create(category="pillow", name="Buckwheat pillow", defaults={"name_zh": "荞麦枕"})[0]
    guest = GuestFactory(property=harbour, name="Marta Kowalska", phone="13811112222", allergies="Seafood", vip_level="vip2")
    guest.preferences.add(pillow)
    today = dt.date.today()
    StayFactory(property=harbour, guest=guest, room=RoomFactory(property=harbour, number="1808"), reservation_number="HB-77",
                arrival=today - dt.timedelta(days=30), departure=today - dt.timedelta(days=28), room_nights=2)
    RoomFactory(property=westlake, number="612")

    for viewport, language, texts in ((None, "en", ("Seafood", "Buckwheat pillow", "1 stay at another property of the group.", harbour.name)),
                                      (PHONE, "zh-hans", ("Seafood", "荞麦枕", "集团其他酒店还有 1 次入住。", harbour.name_zh))):
        page = open_page(viewport=viewport, language=language)
        log_in(page, "frontdesk.westlake")
        page.goto("/complaints/new/")
        page.fill("#id_q", "Marta")
        option = page.locator("#guest-results [data-guest-id]", has_text="Marta Kowalska")
        expect(option).to_have_count(1)
        expect(option.locator("[data-allergies]")).to_contain_text("Seafood")
        expect(option.locator("[data-stay]")).to_contain_text(texts[3])  # where the last visit was
        if viewport:
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        option.click()
        expect(page.locator("#guest-picked [data-guest-alert]")).to_contain_text("Seafood")
        page.screenshot(path=f"test-artifacts/e2e/returning-guest-quicklog-{language}.png", full_page=True)

        page.goto(f"/crm/guests/{guest.pk}/")
        alerts = page.locator("[data-guest-alerts]")
        expect(alerts).to_contain_text(texts[0])
        expect(page.locator("[data-preferences]")).to_contain_text(texts[1])
        expect(page.locator("[data-stays-elsewhere]")).to_contain_text(texts[2])
        expect(page.get_by_text("1808")).to_have_count(0)  # Harbour's room stays Harbour's
        if viewport:
            assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        page.screenshot(path=f"test-artifacts/e2e/returning-guest-profile-{language}.png", full_page=True)

    # Logging the case on the picked profile: no second guest.
    page = open_page()
    log_in(page, "frontdesk.westlake")
    page.goto("/complaints/new/")
    page.fill("#id_description", "Asks for seafood-free breakfast again")
    page.fill("#id_q", "Marta")
    page.locator("#guest-results [data-guest-id]", has_text="Marta Kowalska").click()
    page.fill("#id_room_number", "612")
    page.check("#id_apology_confirmed")
    page.get_by_role("button", name="Log case", exact=True).click()
    expect(page).to_have_url(re.compile(r"/complaints/\d+/$"))
    case = Case.objects.get()
    assert case.guest_id == guest.pk and case.property == westlake and Guest.objects.count() == 1
    page.goto(f"/complaints/{case.pk}/")
    expect(page.locator("[data-guest-alerts]")).to_contain_text("Seafood")
