"""Engineering works a logged complaint through the remaining steps of 000 §8.2 and closes it."""

from playwright.sync_api import expect

from complaints import services
from complaints.choices import CaseKind, CaseStatus, Channel
from complaints.models import Case
from hotelqa.models import Property, User
from tests.crm.factories import GuestFactory

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

    # Step 3: the engineering supervisor classifies it and assigns it to a technician.
    page = open_page()
    log_in(page, "supervisor.harbour")
    go_to(page, "Department queue")
    page.locator("table tbody tr", has_text=case.number).get_by_role("link", name=case.number).click()
    expect(page.locator(".card-header", has_text="Next step")).to_contain_text("Classify and assign")
    page.select_option("#id_category", "room")
    page.select_option("#id_grade", "major")
    page.select_option("#id_assignee", label="Zhang Wei")
    page.get_by_role("button", name="Classify and assign").click()
    expect(page.locator("#messages")).to_contain_text("Saved: Classify and assign")

    # Steps 4–6: the technician finds it in their queue, investigates, agrees a solution and closes it.
    staff = open_page()
    log_in(staff, "staff.harbour")
    go_to(staff, "My queue")
    staff.locator("table tbody tr", has_text=case.number).get_by_role("link", name=case.number).click()

    staff.fill("#id_findings", "Compressor relay burnt out")
    staff.select_option("#id_root_cause", "process")
    staff.get_by_role("button", name="Record investigation").click()
    expect(staff.locator("#messages")).to_contain_text("Saved: Record investigation")

    staff.fill("#id_actions_taken", "Relay replaced; fruit basket sent to the room")
    staff.get_by_label("The guest accepted the solution").check()
    staff.get_by_role("button", name="Record solution").click()
    expect(staff.locator("#messages")).to_contain_text("Saved: Record solution")

    staff.get_by_label("The result was told to the guest").check()
    staff.get_by_label("5", exact=True).check()
    staff.get_by_role("button", name="Close with feedback").click()
    expect(staff.locator("#messages")).to_contain_text("Saved: Close with feedback")

    # What the user sees: every step done, and one timeline line per step with who made it.
    expect(staff.locator(".case-steps li.text-bg-success")).to_have_count(5)
    expect(staff.locator(".case-steps [aria-current=step]")).to_have_text("6. Closed")
    timeline = staff.locator("#timeline li")
    expect(timeline.filter(has_text="Case logged (Received)")).to_contain_text("Wang Fang")
    expect(timeline.filter(has_text="Received → Recorded")).to_contain_text("Wang Fang")
    expect(timeline.filter(has_text="Recorded → Classified")).to_contain_text("Liu Yang")
    for step in ("Classified → Investigated", "Investigated → Solution agreed", "Solution agreed → Closed"):
        expect(timeline.filter(has_text=step)).to_contain_text("Zhang Wei")
    expect(staff.locator("main")).to_contain_text("5/5")
    expect(staff.locator("main")).to_contain_text("Compressor relay burnt out")

    case = Case.objects.get(pk=case.pk)
    assert case.status == CaseStatus.CLOSED and case.satisfaction == 5 and case.resolved_at is not None
    assert case.revisits.filter(done_at__isnull=True).count() == 1  # closing schedules the revisit
