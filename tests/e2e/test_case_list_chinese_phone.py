"""The case list in Chinese: on a phone each case is a card whose status reads on one line; on a tablet the
table's status and grade columns stay on one line."""

from playwright.sync_api import expect

from hotelqa.choices import DepartmentKind
from hotelqa.models import Property, User
from tests.complaints.helpers import log_complaint

from .conftest import PHONE, log_in


def test_status_and_grade_do_not_wrap_one_character_per_line(open_page, demo_org):
    harbour = Property.objects.get(code="harbour")
    case = log_complaint(harbour, User.objects.get(username="frontdesk.harbour"), department_kind=DepartmentKind.ENGINEERING, grade="major")
    page = open_page(viewport=PHONE, language="zh-hans")
    log_in(page, "frontdesk.harbour")
    page.goto("/complaints/")
    card = page.locator("table tbody tr", has_text=case.number)
    expect(card).to_be_visible()
    lines_of = """cell => {
      const range = document.createRange();
      range.selectNodeContents(cell);
      return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
    }"""
    status = card.locator('td[data-label="状态"]')
    expect(status).to_be_visible()
    assert status.evaluate(lines_of) == 1, "the card's status wraps"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    page.set_viewport_size({"width": 820, "height": 1000})
    row = page.locator("table tbody tr", has_text=case.number)
    for header in ("状态", "等级"):
        cell = row.locator(f'td[data-label="{header}"]')
        expect(cell).to_be_visible()
        assert cell.evaluate(lines_of) == 1, f"the {header} column wraps"
