"""axe-core (vendored under static/vendor/axe/, loaded from the app's own static files) finds no
serious or critical violation on any page a persona reaches: every menu entry, the first record
each list links to, and the forms its buttons open."""

import re
from urllib.parse import urlparse

import pytest
from django.core.management import call_command

from hotelqa.demo import ROLE_USERS

from .conftest import log_in

SKIP = re.compile(r"^/(accounts/logout|admin/|i18n/|static/|media/)|\.csv|/labels?/|/export|/photo|/file|/run/|/open/$|/read-all/$|/rotate/|[?&](sort|page)=")
AXE = "/static/vendor/axe/axe.min.js"


def axe_problems(page):
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(url=AXE)
    found = page.evaluate("""async () => {
        const result = await axe.run(document, {resultTypes: ["violations"]});
        return result.violations.filter(v => ["serious", "critical"].includes(v.impact))
            .map(v => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(" | ")}`);
    }""")
    return [f"{urlparse(page.url).path}: {line}" for line in found]


def links(page, selector):
    hrefs = page.eval_on_selector_all(selector, "els => els.map(e => e.getAttribute('href'))")
    return [h for h in hrefs if h and h.startswith("/") and not SKIP.search(h)]


def persona_pages(page):
    """The persona's landing page, its menu entries, and from each of those the first record and
    up to three forms or pages its buttons open; one page per URL shape (ids replaced)."""
    seen = set()
    queue = [urlparse(page.url).path] + links(page, "nav a[href]")
    menu = set(queue)
    while queue:
        url = queue.pop(0)
        shape = re.sub(r"\d+", "N", url)
        if shape in seen:
            continue
        seen.add(shape)
        response = page.goto(url)
        if response is None or response.status >= 400:
            continue
        yield url
        if url in menu:
            queue += links(page, "main table a[href], main .list-group a[href], main .card a[href]")[:1]
            queue += links(page, "main a.btn[href]")[:3]


# Every persona in English; the personas on the floor also in Chinese (longer and shorter labels).
RUNS = [(prefix, "en") for prefix, _kind in ROLE_USERS.values()] + [("frontdesk", "zh-hans"), ("staff", "zh-hans")]
# In two parts of about the same number of pages, which the test processes check side by side.
OFFICE = {"manager", "admin", "inspector", "trainer"}
PARTS = {
    "floor": [run for run in RUNS if run[0] not in OFFICE],
    "office": [run for run in RUNS if run[0] in OFFICE],
}


def test_the_parts_cover_every_persona():
    assert sorted(PARTS["floor"] + PARTS["office"]) == sorted(RUNS)
    assert {prefix for prefix, _language in RUNS} == {prefix for prefix, _kind in ROLE_USERS.values()}


@pytest.mark.slow
@pytest.mark.page_look
@pytest.mark.parametrize("part", PARTS)
def test_no_serious_accessibility_violation_on_any_persona_page(open_page, demo_org, part):
    call_command("seed_demo", verbosity=0)
    problems = []
    for prefix, language in PARTS[part]:
        page = open_page(language=language)
        log_in(page, f"{prefix}.harbour")
        for _url in persona_pages(page):
            problems += [f"{prefix} ({language}): {p}" for p in axe_problems(page)]
    assert not problems, "axe found:\n" + "\n".join(problems)
