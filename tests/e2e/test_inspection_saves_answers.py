"""The inspection form on a phone saves answers one by one with htmx, and says so when an answer
given offline did not reach the server."""

from decimal import Decimal

from playwright.sync_api import expect

from facilities.models import ChecklistAnswer
from hotelqa.checklists.choices import AnswerType
from hotelqa.models import Property
from tests.facilities.factories import InspectionFactory, item, published_template

from .conftest import PHONE, log_in


def test_answers_are_saved_as_given(open_page, demo_org):
    harbour = Property.objects.get(code="harbour")
    template = published_template(harbour, [
        item("Lock works"),
        item("Hot water", AnswerType.NUMBER, min_value=Decimal(45), max_value=Decimal(65)),
        item("Clean", AnswerType.SCORE),
    ])
    inspection = InspectionFactory(property=harbour, version=template.current_version)

    page = open_page(viewport=PHONE)
    open_page.allow_errors(r"ERR_INTERNET_DISCONNECTED|htmx:(sendError|afterRequest)")  # the offline answer below
    log_in(page, "staff.harbour")
    page.goto(inspection.get_absolute_url())

    items = page.locator(".answer-item")
    items.nth(0).locator("label.btn-outline-success").click()
    expect(items.nth(0).locator(".save-state")).to_have_text("Saved")
    items.nth(1).locator("input[type=number]").fill("30")
    items.nth(1).locator("input[type=number]").blur()
    expect(page.locator(".answer-item.is-failed")).to_have_count(1)  # 30 is below the minimum

    page.context.set_offline(True)
    items.nth(2).locator("label", has_text="4").click()
    expect(items.nth(2).locator(".save-state")).to_contain_text("Not saved")
    page.context.set_offline(False)

    answers = {a.item.text: a for a in ChecklistAnswer.objects.select_related("item")}
    assert answers["Lock works"].value_bool is True
    assert answers["Hot water"].value_number == Decimal(30) and answers["Hot water"].is_failed
    assert "Clean" not in answers


def test_an_answer_tapped_before_the_page_scripts_ran_is_still_saved(open_page, demo_org):
    # On a slow phone the checklist shows before its scripts run: an answer tapped meanwhile is
    # shown as chosen, so it must be saved once they do.
    harbour = Property.objects.get(code="harbour")
    template = published_template(harbour, [item("Lock works"), item("Clean", AnswerType.SCORE)])
    inspection = InspectionFactory(property=harbour, version=template.current_version)

    page = open_page(viewport=PHONE)
    log_in(page, "staff.harbour")
    held = []
    page.route("**/htmx.min.js", lambda route: held.append(route))
    page.goto(inspection.get_absolute_url(), wait_until="commit")
    lock = page.locator(".answer-item", has_text="Lock works")
    lock.locator("label.btn-outline-danger").click()
    expect(lock.locator("input[type=radio][value='0']")).to_be_checked()
    assert not ChecklistAnswer.objects.exists()
    for route in held:
        route.continue_()

    expect(page.locator(".answer-item.is-failed")).to_have_count(1)
    expect(page.locator(".answer-item", has_text="Lock works").locator(".save-state")).to_have_text("Saved")
    expect(page.locator(".answer-item", has_text="Clean").locator(".save-state")).to_have_text("")  # untouched: not sent
    answer = ChecklistAnswer.objects.get()
    assert answer.item.text == "Lock works" and answer.value_bool is False
