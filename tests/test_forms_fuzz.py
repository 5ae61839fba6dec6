"""Every form of the project, fed arbitrary text, numbers, dates and files: no input gives a 500,
and a refused form saves nothing.

The forms are found by rendering every page of tests/permission_table.py as a role allowed to see
it and reading its <form> elements, so a new form is covered without being listed here.
"""

import string
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hotelqa import services
from hotelqa.choices import Role
from tests.factories import PropertyFactory, UserFactory

from .permission_table import TABLE

# Rows that a refused form may still add: the security log of the attempt itself.
EXPECTED_SIDE_RECORDS = {"hotelqa.AuditEvent", "axes.AccessAttempt", "axes.AccessLog", "axes.AccessFailureLog", "sessions.Session"}
NOT_FUZZED_ACTIONS = {"/accounts/logout/"}  # would end the session the test browses with
ROLE_ORDER = [Role.ADMIN, Role.MANAGER, Role.SUPERVISOR, Role.INSPECTOR, Role.TRAINER, Role.STAFF, Role.FRONT_DESK]


class FormParser(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms, self._form, self._select = [], None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self._form = {"action": a.get("action") or "", "method": (a.get("method") or "get").lower(), "fields": {}}
        elif self._form is None or not a.get("name"):
            return
        elif tag == "input" and a.get("type") not in ("submit", "button", "image", "reset"):
            kind = a.get("type", "text")
            self._form["fields"][a["name"]] = {"type": kind, "value": a.get("value", ""), "options": []}
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


def nasty_text():
    return st.one_of(
        st.text(max_size=300),
        st.sampled_from(["", " ", "0", "-1", "1e309", "NaN", "2026-02-30", "<script>alert(1)</script>", "' OR 1=1 --", "\x00", "９９", "💥" * 50]),
        st.text(alphabet=string.digits + ".-+e", max_size=30),
    )


def field_value(field):
    kind = field["type"]
    if kind == "hidden" and field["value"]:
        return st.one_of(st.just(field["value"]), nasty_text())
    if kind in ("number", "range"):
        return st.one_of(st.integers(-10**12, 10**12).map(str), st.floats(allow_nan=True).map(str), nasty_text())
    if kind in ("date", "datetime-local", "time"):
        return st.one_of(st.dates().map(str), st.datetimes().map(lambda d: d.isoformat()), nasty_text())
    if kind == "checkbox":
        return st.sampled_from(["on", "", field["value"] or "on"])
    if kind == "file":
        return st.builds(
            lambda name, body: SimpleUploadedFile(name, body),
            st.sampled_from(["photo.jpg", "a.png", "x.csv", "x.xlsx", "evil.svg", "../../etc/passwd", "noext"]),
            st.binary(max_size=2048),
        )
    if kind == "select" and field["options"]:
        return st.one_of(st.sampled_from(field["options"]), nasty_text())
    return nasty_text()


def row_counts():
    return {
        m._meta.label: m._base_manager.count()
        for m in apps.get_models()
        if m._meta.label not in EXPECTED_SIDE_RECORDS and not m._meta.proxy
    }


def discover_forms(users, own):
    """(role, page, form) for every distinct form on every page a role may open."""
    found, seen = [], set()
    for name, expect in sorted(TABLE.items()):
        if expect.method != "get":
            continue
        for role in [None] + ROLE_ORDER:  # None: a visitor who is not logged in
            if role is None:
                allowed, status = expect.public, expect.anonymous
            else:
                allowed, status = expect.public or role in expect.allow, expect.ok_for.get(role, expect.ok)
            if not allowed or status != 200:
                continue
            client = Client()
            if role is not None:
                client.force_login(users[role])
            url = expect.url(own)
            response = client.get(url)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                break
            parser = FormParser()
            parser.feed(response.content.decode())
            for form in parser.forms:
                action = form["action"] or url
                key = (action.split("?")[0], form["method"], tuple(sorted(form["fields"])))
                if action in NOT_FUZZED_ACTIONS or key in seen:
                    continue
                seen.add(key)
                found.append((role, url, action, form))
            break
    return found


@pytest.mark.django_db
def test_every_form_survives_arbitrary_input():
    own = PropertyFactory(code="own", name="Own")
    users = {}
    for role in Role:
        users[role] = UserFactory(username=f"fuzz-{role}")
        services.membership_set(user=users[role], property=own, role=role, department=own.departments.first())
    forms = discover_forms(users, own)
    assert len(forms) >= 5, "the discovery found too few forms to be trusted"

    for role, page, action, form in forms:
        client = Client(raise_request_exception=False)
        if role is not None:
            client.force_login(users[role])
        strategy = st.fixed_dictionaries({name: field_value(f) for name, f in form["fields"].items()})

        @settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        @given(data=strategy)
        def post_arbitrary(data):
            before = row_counts()
            if form["method"] == "post":
                payload = {k: v for k, v in data.items() if v is not None}
                response = client.post(action, payload)
            else:
                response = client.get(action, {k: v for k, v in data.items() if isinstance(v, str)})
            assert response.status_code < 500, f"{action} from {page} answered {response.status_code} to {data!r}"
            if form["method"] == "post" and response.status_code == 200:
                assert row_counts() == before, f"{action} refused {data!r} but saved something"

        post_arbitrary()
