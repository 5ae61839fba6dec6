"""Engineering: the supervisor assigns a work order, the technician repairs it from a phone, the
supervisor verifies it; the history shows every move."""

from playwright.sync_api import expect

from facilities.choices import WorkOrderStatus
from facilities.models import WorkOrder
from hotelqa.models import Property, User
from tests.facilities.factories import LocationFactory, work_order

from .conftest import PHONE, log_in


def test_engineering_assigns_repairs_and_verifies_work_order(open_page, demo_org):
    harbour = Property.objects.get(code="harbour")
    order = work_order(harbour, actor=User.objects.get(username="frontdesk.harbour"), title="Basin tap drips",
                       location=LocationFactory(property=harbour, building="Main", floor="12", name="1208"))

    supervisor = open_page()
    log_in(supervisor, "supervisor.harbour")
    supervisor.goto(order.get_absolute_url())
    supervisor.select_option("#id_assignee", label="Zhang Wei")
    supervisor.get_by_role("button", name="Assign").click()
    expect(supervisor.locator("#messages")).to_contain_text(f"Work order {order.number} is now Assigned.")

    staff = open_page(viewport=PHONE)
    log_in(staff, "staff.harbour")
    staff.goto(order.get_absolute_url())
    staff.get_by_role("button", name="Start work").click()
    expect(staff.locator("#messages")).to_contain_text("is now In progress.")
    staff.get_by_label("Repair done").fill("Cartridge replaced")
    staff.get_by_label("Parts used").fill("Tap cartridge")
    staff.get_by_label("Cost").fill("85")
    assert staff.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    staff.get_by_role("button", name="Mark done").click()
    expect(staff.locator("#messages")).to_contain_text("is now Done.")
    expect(staff.locator("main")).to_contain_text("Cartridge replaced")

    supervisor.reload()
    supervisor.get_by_role("button", name="Verify").click()
    expect(supervisor.locator("#messages")).to_contain_text("is now Verified.")
    history = supervisor.locator(".card", has=supervisor.locator(".card-header", has_text="History")).locator("li")
    expect(history).to_have_count(5)
    for line, who in (("Open → Assigned", "Liu Yang"), ("Assigned → In progress", "Zhang Wei"),
                      ("In progress → Done", "Zhang Wei"), ("Done → Verified", "Liu Yang")):
        expect(history.filter(has_text=line)).to_contain_text(who)
    assert WorkOrder.objects.get(pk=order.pk).status == WorkOrderStatus.VERIFIED
