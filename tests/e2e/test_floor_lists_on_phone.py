"""The lists staff use on the floor, at 390 px: each record is a card with its deadline and main
action, nothing scrolls sideways and no cell is squeezed; the same lists on a desktop are tables."""

import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from complaints import demo as complaints_demo

from .conftest import PHONE, log_in
from .test_accessibility import axe_problems

pytestmark = pytest.mark.page_look

# (persona, list, the main action on its cards)
FLOOR_LISTS = [
    ("staff.harbour", "/complaints/mine/", {"en": "Open case", "zh-hans": "打开事项"}),
    ("supervisor.harbour", "/complaints/department/", {"en": "Open case", "zh-hans": "打开事项"}),
    ("staff.harbour", "/facilities/inspections/", {"en": "Fill in", "zh-hans": "填写"}),
    ("supervisor.harbour", "/facilities/work-orders/?open=on", {"en": "Open", "zh-hans": "打开"}),
]


def squeezed_cells(page):
    """Visible cells narrower than 40 px whose text needs more room than they have."""
    return page.evaluate("""() => [...document.querySelectorAll('tr.rows-card > td')]
        .filter(td => td.offsetParent !== null && td.textContent.trim())
        .filter(td => td.getBoundingClientRect().width < 40 && td.scrollWidth > td.clientWidth + 1)
        .map(td => td.dataset.label)""")


@pytest.mark.slow
@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_floor_lists_are_cards_on_a_phone(open_page, demo_org, language):
    call_command("seed_demo", verbosity=0)
    pages = {}
    for persona, url, action in FLOOR_LISTS:
        page = pages.get(persona)
        if page is None:
            page = pages[persona] = open_page(viewport=PHONE, language=language)
            log_in(page, persona)
        page.goto(url)
        cards = page.locator("tr.rows-card")
        expect(cards.first).to_be_visible()
        first = cards.first
        # A card: the record's title and its deadline on top, the main action as a button.
        expect(first.locator("td.rows-title a")).to_be_visible()
        expect(first.locator("td.rows-deadline")).to_be_visible()
        expect(first.locator("td.rows-action a.btn")).to_have_text(action[language])
        expect(page.locator(".rows-container thead")).to_be_hidden()
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], url
        box = first.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], url
        assert not squeezed_cells(page), url
        # The action opens the record.
        href = first.locator("td.rows-action a").get_attribute("href")
        assert href == first.locator("td.rows-title a").get_attribute("href"), url
        assert not axe_problems(page), url
    # Keyboard only: Tab reaches the first card's action, Enter opens the record.
    page = pages["staff.harbour"]
    page.goto("/complaints/mine/")
    action = page.locator("tr.rows-card td.rows-action a").first
    href = action.get_attribute("href")
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('td.rows-action') !== null"):
            break
    assert page.evaluate("document.activeElement.getAttribute('href')") == href
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(href) + "$"))


def test_lists_stay_tables_on_a_desktop(open_page, demo_org):
    complaints_demo.seed(properties=demo_org)  # the cases alone: the queue is the one list looked at
    page = open_page(viewport={"width": 1366, "height": 900})
    log_in(page, "supervisor.harbour")
    page.goto("/complaints/department/")
    expect(page.locator(".rows-container thead")).to_be_visible()
    expect(page.locator("tr.rows-card").first.locator("td.rows-action")).to_be_hidden()
    expect(page.locator(".rows-container th").first).to_have_text("Number")
