"""Front desk in two languages: a guest found by the name in either script, a case logged with its
text in both; each reader sees their language first and the original a click away."""

import re

from playwright.sync_api import expect

from complaints.models import Case
from hotelqa.models import Property
from tests.crm.factories import GuestFactory, RoomFactory

from .conftest import log_in


def test_a_case_in_both_languages_reads_in_each_readers_language(open_page, demo_org):
    harbour = Property.objects.get(code="harbour")
    RoomFactory(property=harbour, number="1508")
    guest = GuestFactory(property=harbour, name="张伟", other_name="Zhang Wei")

    page = open_page()
    log_in(page, "frontdesk.harbour")
    page.goto("/complaints/new/")
    page.fill("#id_description", "Noise from the corridor all night")
    page.fill("#id_q", "Zhang")
    option = page.locator("#guest-results [data-guest-id]")
    expect(option).to_have_count(1)
    expect(option.locator(".fw-semibold")).to_have_text(re.compile(r"^\s*Zhang Wei\s+张伟\s*$"))
    option.click()
    page.fill("#id_room_number", "1508")
    page.locator("[data-quick-translation] summary").click()
    page.fill("#id_description_translation", "走廊整夜有噪音")
    page.check("#id_apology_confirmed")
    page.get_by_role("button", name="Log case", exact=True).click()

    expect(page).to_have_url(re.compile(r"/complaints/\d+/$"))
    case = Case.objects.get()
    assert case.guest_id == guest.pk and case.description_translation == "走廊整夜有噪音"
    expect(page.locator("[data-description-shown]")).to_have_text("Noise from the corridor all night")
    expect(page.locator("[data-case-guest]")).to_have_text(re.compile(r"^\s*Zhang Wei\s+张伟\s*$"))

    reader = open_page(language="zh-hans")
    log_in(reader, "manager.harbour")
    reader.goto(f"/complaints/{case.pk}/")
    expect(reader.locator("[data-description-shown]")).to_have_text("走廊整夜有噪音")
    expect(reader.locator("[data-case-guest]")).to_have_text(re.compile(r"^\s*张伟\s+Zhang Wei\s*$"))
    original = reader.locator("[data-original]")
    expect(original.get_by_text("Noise from the corridor all night")).to_be_hidden()
    original.locator("summary", has_text="原文").click()
    expect(original.get_by_text("Noise from the corridor all night")).to_be_visible()
