"""Engineering works a logged complaint through the steps of 000 §8.2; the front desk closes it
with the guest's feedback (not the technician who did the repair)."""

from playwright.sync_api import expect

from complaints import services
from complaints.choices import CaseKind, CaseStatus, Channel
from complaints.models import Case
from facilities.models import WorkOrder
from hotelqa.models import Property, User
from tests.crm.factories import GuestFactory
from tests.facilities.factories import AssetFactory, LocationFactory

from .conftest import go_to, log_in


def logged_complaint():
    """A complaint as the front desk's quick log leaves it: received and recorded, on engineering's queue."""
    harbour = Property.objects.get(code="harbour")
    return services.case_log(
        property=harbour, actor=User.objects.get(username="frontdesk.harbour"), kind=CaseKind.COMPLAINT,
        channel=Channel.IN_PERSON, description="The air conditioning does not cool the room", apology_confirmed=True,
        guest=GuestFactory(property=harbour, name="Chen Mei"), room_number="1208",
    )


def test_department_works_complaint_through_all_steps(open_page, demo_org):
    case = logged_complaint()
    assert case.status == CaseStatus.RECORDED
    harbour = case.property
    AssetFactory(property=harbour, name="Split AC 1208", location=LocationFactory(property=harbour, name="1208", area_type="guest_room"))

    # Step 3: the engineering supervisor classifies it and assigns it to a technician.
    page = open_page()
    log_in(page, "supervisor.harbour")
    go_to(page, "Department queue")
    page.locator("table tbody tr", has_text=case.number).get_by_role("link", name=case.number).click()
    expect(page.locator(".card-header", has_text="Next step")).to_contain_text("Classify and assign")
    page.select_option("#id_category", "room")
    page.select_option("#id_grade", "major")
    # The list offers engineering's people with their role, not the whole hotel.
    options = page.locator("#id_assignee option").all_inner_texts()
    assert "Zhang Wei · Department staff" in options and "Liu Yang · Supervisor" in options
    assert not any(o.startswith(("Wang Fang", "Chen Jing")) for o in options)  # front desk, inspector
    page.select_option("#id_assignee", label="Zhang Wei · Department staff")
    page.get_by_role("button", name="Classify and assign").click()
    expect(page.locator("#messages")).to_contain_text("Saved: Classify and assign")

    # Steps 4–5: the technician finds it in their queue, investigates, opens a repair for the room's
    # air conditioner and agrees a solution.
    staff = open_page()
    log_in(staff, "staff.harbour")
    go_to(staff, "My queue")
    staff.locator("table tbody tr", has_text=case.number).get_by_role("link", name=case.number).click()

    staff.fill("#id_findings", "Compressor relay burnt out")
    staff.select_option("#id_root_cause", "equipment")
    staff.get_by_role("button", name="Record investigation").click()
    expect(staff.locator("#messages")).to_contain_text("Saved: Record investigation")
    panel = staff.locator("[data-record-work-orders]")
    expect(panel.locator("#wo-asset")).to_contain_text("Split AC 1208")
    panel.get_by_role("button", name="Create a work order").click()
    order = WorkOrder.objects.get()
    expect(staff.locator("#messages")).to_contain_text(f"Work order {order.number} opened.")
    expect(staff.locator("[data-record-work-orders]")).to_contain_text(order.number)
    assert order.origin == case and order.asset.name == "Split AC 1208"

    staff.fill("#id_actions_taken", "Relay replaced; fruit basket sent to the room")
    staff.get_by_label("The guest accepted the solution").check()
    staff.get_by_role("button", name="Record solution").click()
    expect(staff.locator("#messages")).to_contain_text("Saved: Record solution")

    expect(staff.get_by_role("button", name="Close with feedback")).to_have_count(0)
    expect(staff.locator("[data-closing-hint]")).to_be_visible()

    # Step 6: the front desk tells the guest and closes with the guest's satisfaction.
    desk = open_page()
    log_in(desk, "frontdesk.harbour")
    desk.goto(f"/complaints/{case.pk}/")
    desk.get_by_label("The result was told to the guest").check()
    desk.get_by_label("5", exact=True).check()
    desk.get_by_role("button", name="Close with feedback").click()
    expect(desk.locator("#messages")).to_contain_text("Saved: Close with feedback")

    # What the user sees: every step done, and one timeline line per step with who made it.
    expect(desk.locator(".case-steps li.text-bg-success")).to_have_count(5)
    expect(desk.locator(".case-steps [aria-current=step]")).to_have_text("6. Closed")
    timeline = desk.locator("#timeline li")
    expect(timeline.filter(has_text="Case logged (Received)")).to_contain_text("Wang Fang")
    expect(timeline.filter(has_text="Received → Recorded")).to_contain_text("Wang Fang")
    expect(timeline.filter(has_text="Recorded → Classified")).to_contain_text("Liu Yang")
    for step in ("Classified → Investigated", "Investigated → Solution agreed"):
        expect(timeline.filter(has_text=step)).to_contain_text("Zhang Wei")
    expect(timeline.filter(has_text="Solution agreed → Closed")).to_contain_text("Wang Fang")
    expect(desk.locator("main")).to_contain_text("5/5")
    expect(desk.locator("main")).to_contain_text("Compressor relay burnt out")

    # The work order links back to the complaint.
    desk.goto(order.get_absolute_url())
    desk.locator("[data-origin]").click()
    expect(desk.locator("h1")).to_contain_text(case.number)

    case = Case.objects.get(pk=case.pk)
    assert case.status == CaseStatus.CLOSED and case.satisfaction == 5 and case.resolved_at is not None
    assert case.revisits.filter(done_at__isnull=True).count() == 1  # closing schedules the revisit
