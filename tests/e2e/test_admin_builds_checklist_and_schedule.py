"""Admin: build a checklist (sections, items, publish) and a schedule in the browser; the generation
job creates the inspection, which then shows in the inspection list."""

from django.utils import timezone
from playwright.sync_api import expect

from facilities.models import Inspection
from facilities.tasks import generate_due_inspections
from hotelqa.models import Property
from tests.facilities.factories import LocationFactory

from .conftest import confirm_next_dialog, go_to, log_in


def add_item(page, section, text, answer_type, **fields):
    page.locator(".card", has=page.locator(".card-header", has_text=section)).get_by_role("link", name="Add item").click()
    page.fill("#id_text", text)
    page.select_option("#id_answer_type", answer_type)
    for name, value in fields.items():
        if value is True:
            page.check(f"#id_{name}")
        else:
            page.fill(f"#id_{name}", value)
    page.get_by_role("button", name="Save").click()
    expect(page.locator("#messages")).to_contain_text("Item added.")


def test_admin_builds_checklist_and_schedule_then_job_generates_inspection(open_page, demo_org):
    harbour = Property.objects.get(code="harbour")
    LocationFactory(property=harbour, building="Main", floor="3", name="Corridor 3F", area_type="corridor")

    page = open_page()
    log_in(page, "admin.harbour")
    go_to(page, "Checklists")
    page.get_by_role("link", name="New checklist").click()
    page.fill("#id_name", "Corridor round")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("h1")).to_contain_text("draft of version 1")

    for title in ("Safety", "Cleanliness"):
        page.fill("#id_title", title)
        page.get_by_role("button", name="Add section").click()
        expect(page.locator(".card-header", has_text=title)).to_be_visible()
    add_item(page, "Safety", "Fire exit sign lit", "pass_fail", standard="Sign lit and visible from 10 m", critical=True)
    add_item(page, "Safety", "Corridor temperature", "number", min_value="18", max_value="26", unit="°C")
    add_item(page, "Cleanliness", "Carpet clean", "score")
    safety = page.locator(".card", has=page.locator(".card-header", has_text="Safety"))
    expect(safety.locator(".list-group-item")).to_have_count(2)
    expect(safety).to_contain_text("critical")

    confirm_next_dialog(page)
    page.get_by_role("button", name="Publish").click()
    expect(page.locator("#messages")).to_contain_text("Version 1 published.")

    page.goto("/facilities/schedules/")
    page.get_by_role("link", name="New schedule").click()
    page.fill("#id_name", "Nightly corridor round")
    page.select_option("#id_template", label="Corridor round")
    page.select_option("#id_scope_kind", "locations")
    page.select_option("#id_locations", label="Main · 3F · Corridor 3F")
    page.select_option("#id_frequency", "daily")
    page.fill("#id_starts_on", timezone.localdate().isoformat())
    page.fill("#id_window_start", "00:00")
    page.fill("#id_window_hours", "24")
    page.select_option("#id_department", label="Engineering")
    page.get_by_role("button", name="Save").click()
    expect(page.locator("h1")).to_contain_text("Nightly corridor round")

    generate_due_inspections()
    assert generate_due_inspections() == 0  # a second run creates nothing
    inspection = Inspection.objects.get()

    go_to(page, "Inspections")
    row = page.locator("table tbody tr", has_text="Corridor round")
    expect(row).to_have_count(1)
    expect(row).to_contain_text("Corridor 3F")
    row.get_by_role("link").first.click()
    expect(page).to_have_url(f"{page.url.split('/facilities/')[0]}{inspection.get_absolute_url()}")
    expect(page.locator(".answer-item")).to_have_count(3)
