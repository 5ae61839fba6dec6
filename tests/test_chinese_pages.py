"""Every page of every role, read in Simplified Chinese, shows no English words of the interface.

The demo data of one property is seeded (cases with timelines, recovery, revisits, escalations,
inspections, work orders opened by them) with every user reading Chinese. Each page that answers
200 to a role is fetched in zh-Hans; its visible text and screen-reader attributes are scanned for
Latin words. A word passes if it is data someone typed or imported (any text stored in the
database, except reference data that has a Chinese twin and texts the system writes itself) or
one of a few names that stay in Latin letters (KPI, SLA, CSV, …)."""

import re
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.db import models
from django.test import Client

from hotelqa.choices import Role
from hotelqa.models import User

from .permission_table import TABLE

pytestmark = pytest.mark.django_db

# Names and abbreviations used as they are in Chinese, too.
LATIN_TERMS = {
    "kpi", "kpis", "sla", "csv", "excel", "xlsx", "qr", "nps", "csat", "rfm", "ota", "vip", "wi-fi", "rrule", "pdf", "pms",
    "id", "url", "mbps", "mb", "english", "gbk", "utf", "bom", "webhook", "api", "yyyy-mm-dd", "wo", "json", "au", "ca",  # record numbers WO-, AU-, CA-
    "shift", "enter",  # key caps
    "freq", "weekly", "interval", "byday", "mo",  # RRULE syntax in its example
    # column names of the asset import file (Chinese column names are accepted too)
    "code", "name", "category", "building", "floor", "location", "area_type", "install_date", "expected_life_years",
    "status", "manufacturer", "area", "type", "install", "date", "expected", "life", "years",
}
# Texts the system writes itself: they must be in the reader's language, so they are not data.
GENERATED = {("hotelqa", "notification", "title"), ("hotelqa", "notification", "body"), ("hotelqa", "jobrun", "detail")}
APPS = ("hotelqa", "checklists", "complaints", "facilities", "crm", "training", "audits")
WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*[A-Za-z]")
SKIPPED_TAGS = {"script", "style", "code", "pre", "textarea", "svg"}
CHECKED_ATTRIBUTES = {"title", "aria-label", "placeholder", "alt"}


VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr", "path", "rect"}


class _Text(HTMLParser):
    """Visible text and screen-reader attributes, without identifiers, scripts, and text marked
    as English on purpose (the bilingual label on a guest's QR code)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skipped = [], []  # open tags inside a skipped element

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self.skipped or tag in SKIPPED_TAGS or (attrs.get("lang") or "").startswith("en"):
            if tag not in VOID:
                self.skipped.append(tag)
            return
        for name in CHECKED_ATTRIBUTES:
            if attrs.get(name):
                self.parts.append(attrs[name])
        if tag == "input" and attrs.get("type") in ("submit", "button") and attrs.get("value"):
            self.parts.append(attrs["value"])

    def handle_endtag(self, tag):
        if self.skipped and tag in self.skipped:
            while self.skipped and self.skipped.pop() != tag:
                pass

    def handle_data(self, data):
        if not self.skipped:
            self.parts.append(data)


def latin_words(html: str) -> set[str]:
    parser = _Text()
    parser.feed(html)
    words = set()
    for token in " ".join(parser.parts).split():
        if "@" in token or "://" in token or token.startswith("/"):
            continue  # e-mail addresses, links
        words.update(w.lower() for w in WORD.findall(token))
    return words


def data_words() -> set[str]:
    """Words of every text stored in the database, except reference data with a Chinese twin
    (its English must not show to a Chinese reader) and texts the system writes."""
    words = set()
    for model in [m for a in APPS for m in apps.get_app_config(a).get_models()]:
        fields = [
            f for f in model._meta.concrete_fields
            if isinstance(f, (models.CharField, models.TextField)) and not f.choices
            and (model._meta.app_label, model._meta.model_name, f.name) not in GENERATED and not f.name.endswith("_zh")
        ]
        twins = {f.name for f in fields if any(t.name == f"{f.name}_zh" for t in model._meta.concrete_fields)}
        names = [f.name for f in fields] + [f"{n}_zh" for n in twins]
        for row in model.objects.values(*names).iterator():
            for name in (f.name for f in fields):
                if name in twins and row[f"{name}_zh"]:
                    continue
                words.update(w.lower() for w in WORD.findall(row[name] or ""))
    return words


@pytest.fixture
def demo_in_chinese(db, settings):
    import importlib

    from hotelqa import demo
    from hotelqa.services import emails_suppressed

    settings.LANGUAGE_CODE = "zh-hans"
    with emails_suppressed():
        properties = demo.seed()[:1]
        User.objects.update(language="zh-hans")
        for app in ("facilities", "complaints", "audits"):
            importlib.import_module(f"{app}.demo").seed(properties=properties)
    return properties[0]


def pages(property):
    """(route, url, roles that get the page) of every page answering GET with 200."""
    for name, expect in sorted(TABLE.items()):
        if expect.method != "get":
            continue
        roles = [r for r in Role if (expect.public or r in expect.allow) and expect.ok_for.get(r, expect.ok) == 200]
        if roles or (expect.public and expect.anonymous == 200):
            yield name, expect.url(property), roles, expect.public and expect.anonymous == 200


@pytest.mark.slow
def test_every_page_of_every_role_reads_in_chinese(demo_in_chinese):
    prop = demo_in_chinese
    users = {r: User.objects.filter(memberships__property=prop, memberships__role=r).first() for r in Role}
    routes = list(pages(prop))
    allowed = data_words() | LATIN_TERMS
    leaks, seen = {}, 0
    for name, url, roles, anonymous in routes:
        clients = [("anonymous", Client())] if anonymous else []
        for role in roles:
            client = Client()
            client.force_login(users[role])
            clients.append((role, client))
        for who, client in clients:
            response = client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hans")
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            seen += 1
            english = latin_words(response.content.decode()) - allowed
            if english:
                leaks.setdefault(f"{name} ({who})", sorted(english))
    assert seen > 150, f"only {seen} pages were read"
    assert not leaks, "English on Chinese pages:\n" + "\n".join(f"  {page}: {words}" for page, words in sorted(leaks.items()))
