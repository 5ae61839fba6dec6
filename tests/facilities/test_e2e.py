"""Browser check of the inspection form: answers are saved one by one with htmx and an answer
given offline is reported as not saved. Run with `pytest -m e2e tests/facilities/test_e2e.py`."""

import os
import shutil
from decimal import Decimal

import pytest

from facilities.checklists.choices import AnswerType
from facilities.models import ChecklistAnswer
from hotelqa.choices import Role

from .factories import InspectionFactory, item, published_template

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(not shutil.which("chromium"), reason="needs Debian's chromium")]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture
def browser_page(live_server):
    from playwright.sync_api import sync_playwright

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # the ORM is used between browser steps
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": 390, "height": 844})
        yield context, context.new_page()
        browser.close()


def test_answers_are_saved_as_given(transactional_db, live_server, browser_page, property_a, member):
    user = member(property_a, Role.STAFF, department_kind="engineering", username="inspector1")
    user.set_password("pw-e2e-123")
    user.save()
    template = published_template(property_a, [
        item("Lock works"),
        item("Hot water", AnswerType.NUMBER, min_value=Decimal(45), max_value=Decimal(65)),
        item("Clean", AnswerType.SCORE),
    ])
    inspection = InspectionFactory(property=property_a, version=template.current_version)
    context, page = browser_page

    page.goto(live_server.url + "/accounts/login/")
    page.fill("input[name=username]", "inspector1")
    page.fill("input[name=password]", "pw-e2e-123")
    page.press("input[name=password]", "Enter")
    page.wait_for_load_state("networkidle")
    page.goto(live_server.url + inspection.get_absolute_url())

    items = page.locator(".answer-item")
    items.nth(0).locator("label.btn-outline-success").click()
    items.nth(0).locator(".save-state", has_text="Saved").wait_for()
    items.nth(1).locator("input[type=number]").fill("30")
    items.nth(1).locator("input[type=number]").blur()
    page.locator(".answer-item.is-failed").wait_for()  # 30 is below the minimum: a failed item

    context.set_offline(True)
    items.nth(2).locator("label", has_text="4").click()
    items.nth(2).locator(".save-state", has_text="Not saved").wait_for()
    context.set_offline(False)

    answers = {a.item.text: a for a in ChecklistAnswer.objects.select_related("item")}
    assert answers["Lock works"].value_bool is True
    assert answers["Hot water"].value_number == Decimal(30) and answers["Hot water"].is_failed
    assert "Clean" not in answers
