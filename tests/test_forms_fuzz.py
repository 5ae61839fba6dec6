"""Every URL of the project, fed bad input: no answer is a 500, and a refused form saves nothing.

What is covered is found, not listed: every page of tests/permission_table.py is opened as a role
allowed to see it, and its <form> elements (filters, formsets, imports, the log-in, the actions
behind each button) and its links with a query string are read from the HTML. Then:

- each form is posted once with plausible values, then once per field with that field replaced by
  each of BAD_VALUES (a NUL byte, an impossible date, a value far longer than any column, text
  where a number or an id belongs), and a formset once more with an extra form added;
- each link's query parameters get the same bad values, one parameter at a time;
- each record id or token in a URL's path is replaced by bad values;
- a few arbitrary payloads per form come from Hypothesis, bounded so the run stays short.

Run it on PostgreSQL too (CI sets DATABASE_URL): PostgreSQL refuses NUL bytes and over-long values
that SQLite stores without complaint, so some of these 500s only show there.
"""

import datetime as dt
import re
import string
from dataclasses import dataclass
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urlsplit

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hotelqa import services
from hotelqa.choices import Role
from tests.facilities.factories import AssetCategoryFactory
from tests.factories import PropertyFactory, UserFactory

from . import permission_records as rec
from .permission_table import TABLE

# Rows that a refused form may still add: the security log of the attempt itself.
EXPECTED_SIDE_RECORDS = {"hotelqa.AuditEvent", "axes.AccessAttempt", "axes.AccessLog", "axes.AccessFailureLog", "sessions.Session"}
NOT_FUZZED_ACTIONS = {"/accounts/logout/"}  # would end the session the test browses with
ROLE_ORDER = [Role.ADMIN, Role.MANAGER, Role.SUPERVISOR, Role.INSPECTOR, Role.TRAINER, Role.STAFF, Role.FRONT_DESK]
LONG = "x" * 10_000
BAD_VALUES = ["a\x00b", "2026-02-30", LONG]
BAD_IDS = ["abc", "1.5", "²", "9" * 30]  # also tried where a number, a choice or a hidden id belongs
BAD_PATH_SEGMENTS = ["%00", "abc", "9" * 30, "x" * 300]
RANDOM_EXAMPLES = 4  # Hypothesis payloads per form, on top of the systematic ones
ERROR_MARKERS = ("is-invalid", "invalid-feedback", "errorlist", "alert-danger", "text-danger")


def extra_pages(property):
    """Pages whose forms the permission table's URLs do not show: the checklist builder with a
    draft (its section and item buttons) and the Django admin's log-in."""
    template, _item = rec.draft_item(property)
    return [(Role.ADMIN, f"/facilities/checklists/{template.pk}/edit/"), (None, "/admin/login/")]


class PageParser(HTMLParser):
    """The forms (action, method, fields) and the same-site links with a query string of a page."""

    def __init__(self):
        super().__init__()
        self.forms, self.links, self._form, self._select = [], [], None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and "?" in (a.get("href") or "") and not urlsplit(a["href"]).netloc:
            self.links.append(a["href"])
        if tag == "form":
            self._form = {"action": a.get("action") or "", "method": (a.get("method") or "get").lower(), "fields": {}}
        elif self._form is None or not a.get("name"):
            return
        elif tag == "input" and a.get("type") not in ("submit", "image", "reset"):
            kind = a.get("type", "text")
            if kind == "button":
                return
            if kind in ("radio", "checkbox") and a["name"] in self._form["fields"]:
                self._form["fields"][a["name"]]["options"].append(a.get("value", "on"))
                return
            options = [a.get("value", "on")] if kind in ("radio", "checkbox") else []
            self._form["fields"][a["name"]] = {"type": kind, "value": a.get("value", ""), "options": options, "accept": a.get("accept", "")}
        elif tag == "button" and a.get("value") is not None:
            self._form["fields"].setdefault(a["name"], {"type": "hidden", "value": a["value"], "options": []})
        elif tag == "textarea":
            self._form["fields"][a["name"]] = {"type": "text", "value": "", "options": []}
        elif tag == "select":
            self._select = self._form["fields"][a["name"]] = {"type": "select", "value": "", "options": []}
        if tag == "option" and self._select is not None:
            self._select["options"].append(a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None
        elif tag == "select":
            self._select = None


@dataclass(frozen=True)
class Upload:
    """A file to post; each request gets its own file object (one is consumed by a post)."""

    name: str
    body: bytes

    def file(self):
        return SimpleUploadedFile(self.name, self.body)


def png_upload(name="photo.png", size=(8, 8)):
    import io

    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", size, "red").save(buffer, "PNG")
    return Upload(name, buffer.getvalue())


def png_header_claiming(width, height):
    """A small PNG file whose header claims a huge picture."""
    import struct
    import zlib

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")


# A spreadsheet upload (the asset import) whose rows would all be accepted; each bad cell is tried
# in turn, so the preview's per-row checks and the confirmation behind them both get exercised.
SPREADSHEET_ROW = {
    "code": "FZ-1", "name": "Fuzz unit", "category": "fuzz-category", "building": "Main", "floor": "1",
    "location": "101", "area_type": "guest_room", "install_date": "2020-01-01", "expected_life_years": "5",
    "status": "in_service", "manufacturer": "Acme",
}


def spreadsheet(row):
    import csv
    import io

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(row.keys())
    writer.writerow(row.values())
    return Upload("fuzz.csv", out.getvalue().encode())


def is_image_input(field):
    return "image" in field.get("accept", "")


def plausible(field):
    """A value the form would likely accept, so that a single bad field is what gets tested."""
    kind, options = field["type"], [o for o in field["options"] if o]
    if kind == "hidden" or (kind in ("text", "number", "date", "time", "datetime-local") and field["value"]):
        return field["value"]
    if kind in ("select", "radio", "checkbox"):
        return options[0] if options else ""
    if kind in ("number", "range"):
        return "1"
    if kind == "date":
        return dt.date.today().isoformat()
    if kind == "datetime-local":
        return dt.datetime.now().replace(microsecond=0).isoformat(timespec="minutes")
    if kind == "time":
        return "10:00"
    if kind == "email":
        return "guest@example.com"
    if kind == "file":
        return png_upload() if is_image_input(field) else spreadsheet(SPREADSHEET_ROW)
    return "Test 1"


def bad_values(field):
    if field["type"] == "file" and is_image_input(field):
        return [Upload("photo.jpg", b"\x89PNG not really"), Upload("huge.png", png_header_claiming(9000, 9000)),
                png_upload("named-like-a.jpg"), Upload("x.svg", b"<svg onload=alert(1)>")]
    if field["type"] == "file":
        return [spreadsheet({**SPREADSHEET_ROW, column: bad}) for column in SPREADSHEET_ROW for bad in BAD_VALUES] + [
            Upload("x.csv", b"\x00\x01binary"), Upload("x.xlsx", b"PK\x03\x04garbage")]
    values = list(BAD_VALUES)
    if field["type"] in ("hidden", "select", "radio", "number", "range", "checkbox"):
        values += BAD_IDS
    return values


def formset_with_extra_form(data, fields):
    """The payload with one more form in each formset than the page rendered (an extra form the
    view did not offer), filled like the first form."""
    data = dict(data)
    for total in [name for name in data if name.endswith("-TOTAL_FORMS")]:
        prefix = total[: -len("-TOTAL_FORMS")]
        try:
            count = int(data[total])
        except ValueError:
            continue
        for name in fields:
            match = re.fullmatch(rf"{re.escape(prefix)}-0-(\w+)", name)
            if match:
                data[f"{prefix}-{count}-{match[1]}"] = "" if match[1] == "id" else data[name]
        data[total] = str(count + 1)
    return data


def nasty_text():
    return st.one_of(
        st.text(max_size=300),
        st.sampled_from(["", " ", "0", "-1", "1e309", "NaN", "2026-02-30", "<script>alert(1)</script>", "' OR 1=1 --",
                         "\x00", "a\x00", "９９", "²", "💥" * 50, LONG]),
        st.text(alphabet=string.digits + ".-+e", max_size=30),
    )


def field_strategy(field):
    kind = field["type"]
    if kind == "hidden" and field["value"]:
        return st.one_of(st.just(field["value"]), nasty_text())
    if kind in ("number", "range"):
        return st.one_of(st.integers(-10**12, 10**12).map(str), st.floats(allow_nan=True).map(str), nasty_text())
    if kind in ("date", "datetime-local", "time"):
        return st.one_of(st.dates().map(str), st.datetimes().map(lambda d: d.isoformat()), nasty_text())
    if kind == "file":
        return st.builds(
            Upload,
            st.sampled_from(["photo.jpg", "a.png", "x.csv", "x.xlsx", "evil.svg", "../../etc/passwd", "noext"]),
            st.binary(max_size=2048),
        )
    if field["options"]:
        return st.one_of(st.sampled_from(field["options"]), nasty_text())
    return nasty_text()


def _counted_models():
    return [m for m in apps.get_models() if m._meta.label not in EXPECTED_SIDE_RECORDS and not m._meta.proxy and m._meta.managed]


def row_counts():
    """Rows per table, in one query (this runs before and after every refused post)."""
    tables = [m._meta.db_table for m in _counted_models()]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f"(SELECT COUNT(*) FROM {connection.ops.quote_name(t)})" for t in tables))
        return dict(zip(tables, cursor.fetchone()))


def discover(users, own):
    """(role, page, action, form) for every distinct form, and (role, link) for every distinct link
    with a query string, on every page a role may open."""
    forms, links, seen_forms, seen_links = [], [], set(), set()
    pages = []
    for name, expect in sorted(TABLE.items()):
        if expect.method != "get":
            continue
        for role in [None] + ROLE_ORDER:  # None: a visitor who is not logged in
            if role is None:
                allowed, status = expect.public, expect.anonymous
            else:
                allowed, status = expect.public or role in expect.allow, expect.ok_for.get(role, expect.ok)
            if allowed and status == 200:
                pages.append((role, expect.url(own)))
                break
    pages += extra_pages(own)
    for role, url in pages:
        client = Client()
        if role is not None:
            client.force_login(users[role])
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        parser = PageParser()
        parser.feed(response.content.decode())
        for form in parser.forms:
            action = form["action"] or url.split("?")[0]
            key = (action.split("?")[0], form["method"], tuple(sorted(form["fields"])))
            if action in NOT_FUZZED_ACTIONS or key in seen_forms:
                continue
            seen_forms.add(key)
            forms.append((role, url, action, form))
        for link in parser.links + ([url] if "?" in url else []):
            parts = urlsplit(link)
            key = (parts.path, tuple(sorted(k for k, _v in parse_qsl(parts.query, keep_blank_values=True))))
            if key not in seen_links:
                seen_links.add(key)
                links.append((role, link))
    return forms, links


def plausible_payload(form):
    return {name: plausible(f) for name, f in form["fields"].items()}


def bad_payloads(form):
    """The plausible payload with each field made bad in turn (the CSRF token is not read by any
    view, and the test client does not check it)."""
    base = plausible_payload(form)
    for name, field in form["fields"].items():
        if name == "csrfmiddlewaretoken":
            continue
        for value in bad_values(field):
            yield {**base, name: value}
    if any(name.endswith("-TOTAL_FORMS") for name in form["fields"]):
        yield formset_with_extra_form(base, form["fields"])


def bad_paths(url):
    """`url` with each id or token in its path replaced by each bad segment."""
    segments = url.split("?")[0].strip("/").split("/")
    for index, segment in enumerate(segments):
        if segment.isdigit() or len(segment) >= 16 or "." in segment:
            for bad in BAD_PATH_SEGMENTS:
                yield "/" + "/".join(segments[:index] + [bad] + segments[index + 1:]) + "/"


def fresh_files(data):
    return {k: v.file() if isinstance(v, Upload) else v for k, v in data.items()}


def describe(data):
    return {k: (f"<{len(v)} chars>" if isinstance(v, str) and len(v) > 60 else v.name if isinstance(v, Upload) else v) for k, v in data.items()}


@pytest.mark.slow
@pytest.mark.django_db
@pytest.mark.parametrize("half", [0, 1])
def test_every_url_survives_bad_input(half):
    """In two halves that the test processes run side by side: every other form each, and the
    links and paths in the second."""
    own = PropertyFactory(code="own", name="Own")
    users = {}
    for role in Role:
        users[role] = UserFactory(username=f"fuzz-{role}")
        services.membership_set(user=users[role], property=own, role=role, department=own.departments.first())
    AssetCategoryFactory(property=own, code="fuzz-category", name="Fuzz category")
    forms, links = discover(users, own)
    assert len(forms) >= 40, f"the discovery found only {len(forms)} forms: too few to be trusted"
    assert any("TOTAL_FORMS" in name for *_rest, form in forms for name in form["fields"]), "no formset was found"
    assert any(f["type"] == "file" for *_rest, form in forms for f in form["fields"].values()), "no upload form was found"
    assert any(action == "/accounts/login/" for _r, _p, action, _f in forms), "the log-in form was not found"
    forms = forms[half::2]
    problems, clients = [], {}

    def client_for(role):
        if role not in clients:
            clients[role] = Client(raise_request_exception=False)
            if role is not None:
                clients[role].force_login(users[role])
        return clients[role]

    def send(client, method, action, data, page):
        data = fresh_files(data)
        if method != "post":
            return client.get(action, {k: v for k, v in data.items() if isinstance(v, str)})
        before = row_counts()
        response = client.post(action, data)
        if response.status_code in (200, 400, 422) and any(m in response.content.decode(errors="replace") for m in ERROR_MARKERS):
            if row_counts() != before:
                problems.append(f"{action} (from {page}) refused {describe(data)} but saved something")
        return response

    def check(response, where, data):
        if response.status_code >= 500:
            problems.append(f"{where} answered {response.status_code} to {describe(data)}")

    def follow_up(client, response, action, form, page):
        """A post answered with a further step on the same address (the import's confirmation):
        take that step too."""
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            return
        parser = PageParser()
        parser.feed(response.content.decode(errors="replace"))
        for step in parser.forms:
            if step["method"] == "post" and (step["action"] or action) == action and set(step["fields"]) != set(form["fields"]):
                data = plausible_payload(step)
                check(send(client, "post", action, data, page), f"POST {action} (next step, from {page})", data)

    def attempt(role, page, action, form, data):
        client = client_for(role)
        response = send(client, form["method"], action, data, page)
        check(response, f"{form['method'].upper()} {action} (from {page})", data)
        if form["method"] == "post":
            follow_up(client, response, action, form, page)

    # Forms, first with bad values: most are refused and change nothing, so every form still
    # finds the records it was rendered for. Then the plausible payloads (a "publish" or "delete"
    # button does its work) and a few arbitrary ones.
    for role, page, action, form in forms:
        for data in bad_payloads(form):
            attempt(role, page, action, form, data)
    for role, page, action, form in forms:
        attempt(role, page, action, form, plausible_payload(form))
        strategy = st.fixed_dictionaries({name: field_strategy(f) for name, f in form["fields"].items()})

        @settings(max_examples=RANDOM_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None, derandomize=True)
        @given(data=strategy)
        def arbitrary(data):
            attempt(role, page, action, form, data)

        arbitrary()

    # Links with a query string: each parameter made bad in turn.
    for role, link in links if half else []:
        client = client_for(role)
        parts = urlsplit(link)
        params = parse_qsl(parts.query, keep_blank_values=True)
        for index, (name, _value) in enumerate(params):
            for bad in BAD_VALUES + BAD_IDS:
                query = urlencode(params[:index] + [(name, bad)] + params[index + 1:])
                check(client.get(f"{parts.path}?{query}"), f"GET {parts.path}", {name: bad})

    # Ids and tokens in the path of every URL, as a role allowed to use it (or a visitor).
    for name, expect in sorted(TABLE.items()) if half else []:
        role = None if expect.public else next((r for r in ROLE_ORDER if r in expect.allow), None)
        client = client_for(role)
        for url in bad_paths(expect.url(own)):
            response = client.post(url, {}) if expect.method == "post" else client.get(url)
            check(response, f"{expect.method.upper()} {url} ({name})", {})

    assert not problems, f"{len(problems)} bad answers:\n" + "\n".join(problems[:50])
