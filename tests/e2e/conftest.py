"""Browser tests: Playwright driving Debian's Chromium against the live test server.

Every page a test visits must load without console errors (a Content-Security-Policy violation
is one); a failing test leaves a screenshot in test-artifacts/e2e/.
"""

import os
import re
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.servers.basehttp import WSGIServer
from django.test.testcases import LiveServerThread

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "e2e"
PHONE = {"width": 390, "height": 844}

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make are
# ordinary blocking ones.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session", autouse=True)
def _compiled_translations():
    # Pages in Chinese need the .mo files, which are build artefacts (not committed).
    call_command("compile_translations", verbosity=0)


class _OneRequestAtATimeServer(WSGIServer):
    """The live server without its threads (Django's basehttp server answers `Connection: close`)."""

    def __init__(self, *args, connections_override=None, **kwargs):
        super().__init__(*args, **kwargs)


@pytest.fixture(scope="session", autouse=True)
def _one_request_at_a_time_on_sqlite():
    # In-memory SQLite has one connection, which the live server's threads share: a type-ahead
    # request and another of the page's calls at once mix their transactions ("cannot commit - no
    # transaction is active"). On SQLite the live server answers one request at a time; PostgreSQL
    # gives each thread its own connection and keeps the threaded server.
    from django.db import connection

    if connection.vendor != "sqlite":
        yield
        return
    threaded = LiveServerThread.server_class
    LiveServerThread.server_class = _OneRequestAtATimeServer
    yield
    LiveServerThread.server_class = threaded


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"Chromium not installed at {CHROMIUM}: CI must run the browser tests, not skip them")
        pytest.skip(f"Chromium not installed at {CHROMIUM}")
    from playwright.sync_api import expect, sync_playwright

    # Assertions wait as long as actions do: on a busy machine (CI runs the suite twice on two
    # cores) a page can take longer than Playwright's 5 s default to answer.
    expect.set_options(timeout=10_000)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield browser
        browser.close()


@pytest.hookimpl(tryfirst=True, hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)


@pytest.fixture
def open_page(browser, live_server, request):
    """open_page(viewport=None, language="en") → a fresh page; console errors fail the test.

    open_page.allow_errors(regex) lets through errors a test provokes on purpose (e.g. going offline).
    """
    contexts = []
    errors = []
    allowed = []

    def _open(viewport=None, language="en"):
        context = browser.new_context(viewport=viewport or {"width": 1280, "height": 900}, base_url=live_server.url)
        context.add_cookies([{"name": "django_language", "value": language, "url": live_server.url}])
        context.set_default_timeout(10_000)
        page = context.new_page()
        page.on("console", lambda m: errors.append(f"{page.url}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
        contexts.append((context, page))
        return page

    _open.allow_errors = lambda pattern: allowed.append(re.compile(pattern))
    yield _open
    errors = [e for e in errors if not any(p.search(e) for p in allowed)]
    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    for index, (context, page) in enumerate(contexts):
        if failed:
            ARTIFACTS.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(ARTIFACTS / f"{request.node.name}-{index}.png"), full_page=True)
        context.close()
    assert not errors, "browser console errors:\n" + "\n".join(errors)


@pytest.fixture
def demo_org(transactional_db):
    """The demo organisation (properties, departments, one user per role); password hotelqa-demo."""
    from hotelqa import demo

    return demo.seed()


def log_in(page, username, password="hotelqa-demo"):
    from playwright.sync_api import expect

    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("button[type=submit], form button.btn-primary")
    expect(page).not_to_have_url(re.compile(r"/accounts/login/"))
    # The new URL comes before the page is ready: its deferred scripts (the autosubmitting
    # language and property switches, htmx) run once the whole page is parsed. A test that picks
    # a language straight away would otherwise change the select before anything listens to it.
    page.wait_for_load_state("load")


def confirm_next_dialog(page):
    """Accept the next window.confirm() (buttons with data-confirm ask before posting)."""
    page.once("dialog", lambda dialog: dialog.accept())


def go_to(page, name):
    """Follow a top-bar menu entry, opening its drop-down first when the menu folds it into one."""
    nav = page.locator("nav.navbar")
    link = nav.get_by_role("link", name=name, exact=True)
    if not link.is_visible():
        # A link in a closed drop-down is hidden, so it is found by its text, not its role.
        folded = page.locator(f'a.dropdown-item:text-is("{name}")')
        nav.locator(".nav-item.dropdown", has=folded).locator("[data-bs-toggle=dropdown]").click()
    link.click()
