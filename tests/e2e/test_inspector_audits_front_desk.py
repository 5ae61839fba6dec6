"""An inspector audits the front desk on a tablet; the failed item becomes a corrective action
that its owner plans and does from a phone; the inspector verifies it and it closes."""

import io
from pathlib import Path

from playwright.sync_api import expect

from audits import scheduling
from audits.demo_audits import templates_ensure
from audits.models import ActionStatus, Audit, AuditPlan, CorrectiveAction
from hotelqa.models import Property, User

from .conftest import ARTIFACTS, PHONE, confirm_next_dialog, log_in

TABLET = {"width": 820, "height": 1180}


def _png(path):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, "PNG")
    path.write_bytes(buffer.getvalue())
    return str(path)


def shot(page, name):
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"audits-{name}.png"), full_page=True)


def test_inspector_audits_front_desk_on_a_tablet_through_to_a_verified_action(open_page, demo_org, tmp_path):
    harbour = Property.objects.get(code="harbour")
    inspector = User.objects.get(username="inspector.harbour")
    templates = templates_ensure(property=harbour)
    AuditPlan.objects.create(property=harbour, name="Front desk check-in", template=templates["Check-in and check-out"],
                             department=harbour.departments.get(kind="front_office"), area="Front desk", process="Check-in",
                             frequency="weekly", inspector=inspector)
    scheduling.audits_generate()
    audit = Audit.objects.get(plan__name="Front desk check-in")

    tablet = open_page(viewport=TABLET)
    log_in(tablet, "inspector.harbour")
    panel = tablet.locator(".card", has=tablet.locator(".card-header", has_text="My audits due"))
    panel.get_by_role("link", name="Check-in and check-out").click()
    expect(tablet.locator("h1")).to_contain_text("Check-in and check-out")
    items = tablet.locator(".answer-item")
    for i in range(items.count()):
        item = items.nth(i)
        text = item.locator(".fw-semibold").first.inner_text()
        if "within 5 minutes" in text:
            item.get_by_text("Fail", exact=True).click()
            item.locator("summary").click()
            item.get_by_label("Note").fill("Guest waited 9 minutes at peak time")
            item.locator("input[type=file]").set_input_files(_png(tmp_path / "queue.png"))
        elif item.get_by_text("Pass", exact=True).count():
            item.get_by_text("Pass", exact=True).click()
        else:
            item.get_by_text("4", exact=True).click()
    assert tablet.evaluate("document.documentElement.scrollWidth") <= TABLET["width"]
    shot(tablet, "tablet-audit-form")
    confirm_next_dialog(tablet)
    tablet.get_by_role("button", name="Submit audit").click()
    expect(tablet.locator("#messages")).to_contain_text("Audit submitted: passed, score 89%.")
    expect(tablet.locator("#messages")).to_contain_text("1 finding(s) with corrective actions.")
    shot(tablet, "tablet-audit-report")

    action = CorrectiveAction.objects.get(finding__audit=audit)
    owner = open_page(viewport=PHONE)
    open_page.allow_errors(r"/move/: Failed to load resource: the server responded with a status of 400")  # the refusal below
    log_in(owner, action.owner.username)
    owner.goto(action.get_absolute_url())
    expect(owner.locator("main")).to_contain_text("Check-in completed within 5 minutes")
    owner.get_by_label("Planned measure").fill("Open a second counter when more than three guests queue")
    owner.get_by_role("button", name="Start doing").click()
    expect(owner.locator("#messages")).to_contain_text("Action moved to “Do”.")
    owner.get_by_role("button", name="Send for checking").click()  # without evidence: refused
    expect(owner.locator("main")).to_contain_text("Add evidence (a note or a photo)")
    owner.get_by_label("Evidence: what was done").fill("Second counter staffed 17:00–20:00 from 3 March")
    owner.get_by_role("button", name="Send for checking").click()
    expect(owner.locator("#messages")).to_contain_text("Sent for checking.")
    assert owner.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(owner, "phone-action")

    tablet.goto("/")
    verify = tablet.locator(".card", has=tablet.locator(".card-header", has_text="Corrective actions to verify"))
    verify.get_by_role("link", name=action.number).click()
    tablet.get_by_label("Note").fill("Checked at 18:30: two counters open")
    tablet.get_by_role("button", name="Verify and close").click()
    expect(tablet.locator("#messages")).to_contain_text("Verified and closed.")
    history = tablet.locator(".card", has=tablet.locator(".card-header", has_text="History")).locator("li")
    expect(history).to_have_count(4)
    shot(tablet, "tablet-action-closed")
    assert CorrectiveAction.objects.get(pk=action.pk).status == ActionStatus.ACT

    zh = open_page(viewport=PHONE, language="zh-hans")
    log_in(zh, "inspector.harbour")
    zh.goto(audit.get_absolute_url())
    expect(zh.locator("main")).to_contain_text("问题与整改")
    shot(zh, "phone-zh-report")
    zh.goto("/audits/actions/")
    shot(zh, "phone-zh-actions")
    assert Path(ARTIFACTS / "audits-phone-zh-actions.png").exists()
