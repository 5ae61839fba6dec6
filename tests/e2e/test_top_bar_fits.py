"""Every persona's top bar fits a desk screen in English and Chinese, with its controls on the dark bar."""

import pytest
from playwright.sync_api import expect

from .conftest import log_in

pytestmark = pytest.mark.page_look

PERSONAS = [
    "frontdesk.harbour", "staff.harbour", "supervisor.harbour", "inspector.harbour",
    "trainer.harbour", "manager.harbour", "admin.harbour", "groupmanager",
]
WIDTHS = (390, 1280, 1366)  # a phone and the two desk screens seen in the walk-through


def _inside_bar(page, locator):
    """The control is drawn on the dark bar, fully inside the viewport."""
    box = locator.bounding_box()
    bar = page.locator("nav.navbar").bounding_box()
    width = page.viewport_size["width"]
    assert box is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"control at x={box['x']:.0f}+{box['width']:.0f} is off a {width} px screen"
    assert bar["y"] <= box["y"] and box["y"] + box["height"] <= bar["y"] + bar["height"]


@pytest.mark.parametrize("username", PERSONAS)
def test_top_bar_fits_every_persona_in_both_languages(open_page, demo_org, username):
    for language in ("en", "zh-hans"):
        page = open_page(language=language)
        log_in(page, username)
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            page.goto("/")
            overflow = page.evaluate("document.documentElement.scrollWidth") - width
            assert overflow <= 0, f"{username} ({language}) bar runs {overflow} px past a {width} px screen"
            nav = page.locator("nav.navbar")
            _inside_bar(page, nav.locator("[aria-label=Notifications], [aria-label=通知]").locator("visible=true").first)
            _inside_bar(page, nav.locator("#language-switch"))
            if username == "groupmanager":
                switch = nav.locator("#property-switch")
                _inside_bar(page, switch)
                # The chosen hotel's name is readable, not squeezed to a few letters.
                assert switch.evaluate("s => s.scrollWidth <= s.clientWidth + 2")
            menu = nav.locator("[data-user-menu]")
            _inside_bar(page, menu)
            menu.click()
            expect(nav.get_by_role("button", name="Log out" if language == "en" else "退出登录")).to_be_visible()
            menu.click()
