"""Staff on a phone: scan a room's QR label, fill the checklist with a failure and a photo, submit;
engineering finds the work order it opened."""

import io
import re

from PIL import Image
from playwright.sync_api import expect

from facilities.models import ChecklistAnswer, WorkOrder
from hotelqa.checklists.choices import AnswerType
from hotelqa.models import Property
from tests.facilities.factories import LocationFactory, item, published_template

from .conftest import PHONE, confirm_next_dialog, go_to, log_in


def png_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 40, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


def fits_screen(page):
    return page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]


def test_staff_inspects_room_from_qr_on_phone(open_page, demo_org):
    harbour = Property.objects.get(code="harbour")
    room = LocationFactory(property=harbour, building="Main", floor="12", name="1208")
    published_template(harbour, [
        item("Air conditioning cools to the set temperature", critical=True),
        item("Bathroom clean", AnswerType.SCORE),
    ], name="Guest room")

    page = open_page(viewport=PHONE)
    page.goto(room.get_absolute_url())  # what the QR label encodes; not logged in yet
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next="))
    page.fill("#id_username", "staff.harbour")
    page.fill("#id_password", "hotelqa-demo")
    page.click("main form button")
    expect(page).to_have_url(re.compile(re.escape(room.get_absolute_url()) + "$"))
    expect(page.locator("h1")).to_have_text("1208")
    assert fits_screen(page)

    page.select_option("#id_template", label="Guest room")
    page.get_by_role("button", name="Start", exact=True).click()
    expect(page.locator("h1")).to_contain_text("Guest room")
    # No wait for the page's scripts: an answer tapped before they run is saved once they do.
    assert fits_screen(page)

    aircon = page.locator(".answer-item", has_text="Air conditioning cools")
    aircon.get_by_text("Fail", exact=True).click()
    expect(page.locator(".answer-item.is-failed")).to_have_count(1)
    aircon = page.locator(".answer-item", has_text="Air conditioning cools")
    aircon.locator("input[type=file]").set_input_files(files=[{"name": "aircon.png", "mimeType": "image/png", "buffer": png_bytes()}])
    expect(aircon.locator("img.answer-photo")).to_be_visible()
    expect(aircon.locator(".save-state")).to_have_text("Saved")
    expect(aircon).to_contain_text("A work order will be opened for this item")

    problems = page.locator("#inspection-problems li")
    expect(problems).to_have_text(["“Bathroom clean” is not answered."])  # kept up to date as answers are saved

    bathroom = page.locator(".answer-item", has_text="Bathroom clean")
    bathroom.get_by_text("5", exact=True).click()
    expect(bathroom.locator(".save-state")).to_have_text("Saved")
    expect(problems).to_have_count(0)
    assert fits_screen(page)

    confirm_next_dialog(page)
    page.get_by_role("button", name="Submit inspection").click()
    expect(page.locator("#messages")).to_contain_text("Inspection submitted: failed")
    expect(page.locator("#messages")).to_contain_text("1 work order(s) opened.")
    order = WorkOrder.objects.get()
    expect(page.locator(".card", has_text="Work orders opened")).to_contain_text(order.number)

    # Engineering sees the order in its work-order list and opens it.
    engineering = open_page()
    log_in(engineering, "supervisor.harbour")
    go_to(engineering, "Work orders")
    row = engineering.locator("table tbody tr", has_text=order.number)
    expect(row).to_be_visible()
    row.get_by_role("link", name=order.number).click()
    expect(engineering.locator("h1")).to_contain_text(order.number)
    expect(engineering.locator("main")).to_contain_text("Air conditioning cools")
    expect(engineering.locator("main")).to_contain_text("1208")
    assert order.department.kind == "engineering" and order.priority == "high"  # a critical item failed
    assert ChecklistAnswer.objects.get(item__text__startswith="Air conditioning").photo
