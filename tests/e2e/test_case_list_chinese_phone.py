"""The case list on a phone in Chinese: status and grade stay on one line (the table scrolls instead)."""

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
    row = page.locator("table tbody tr", has_text=case.number)
    expect(row).to_be_visible()
    # How many lines the text of a column's cell takes, the column found by its header (状态, 等级).
    lines = """(row, header) => {
      const index = [...document.querySelectorAll("table thead th")].findIndex(th => th.innerText.trim().startsWith(header));
      const range = document.createRange();
      range.selectNodeContents(row.children[index]);
      return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
    }"""
    for header in ("状态", "等级"):
        assert row.evaluate(lines, header) == 1, f"the {header} column wraps"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # the table scrolls inside its box
