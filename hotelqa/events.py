"""Structured events: what the system writes about a record (a timeline entry, a note on a work
order opened from an inspection, a cancelled revisit) is stored as a kind and typed values, and
put into words in the reader's language when it is shown — on pages, in notifications, e-mails
and exports. What a person typed is stored as typed and shown as typed.

    events.register("case.department", _("Department: %(old)s → %(new)s"))
    row.event = events.event("case.department", old=events.name_of(before), new=events.name_of(after))
    events.render(row.event)          # "部门: 保安部 → 工程部" for a Chinese reader

An event is a JSON object `{"kind": code, "params": {name: value}}`. A value is a plain string or
number (shown as is) or one of the typed values made by the helpers below.
"""

from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.dateparse import parse_datetime
from django.utils.module_loading import import_string
from django.utils.translation import get_language


@dataclass(frozen=True)
class EventKind:
    code: str
    template: object  # a lazily translated string with %(name)s placeholders


EVENT_KINDS: dict[str, EventKind] = {}


def register(code: str, template) -> EventKind:
    kind = EventKind(code, template)
    EVENT_KINDS[code] = kind
    return kind


# --- typed values ------------------------------------------------------------------------------


def event(kind: str, /, **params) -> dict:
    if kind not in EVENT_KINDS:
        raise KeyError(f"Unregistered event kind {kind!r}")
    return {"kind": kind, "params": {k: v for k, v in params.items()}}


def text(**by_language) -> dict:
    """A text given in several languages (keys are language codes: en, zh-hans)."""
    return {"t": "text", **{k: v for k, v in by_language.items() if v}}


def name_of(obj) -> dict | str:
    """The name of a record in every interface language, as it was when the event happened
    (a department renamed later keeps its old name in the history)."""
    if obj is None:
        return ""
    names = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            names[code] = str(obj)
    return text(**names)


def choice(choices_class, value) -> dict:
    """A value of a TextChoices/IntegerChoices class, shown by its label."""
    if value in (None, ""):
        return ""
    return {"t": "choice", "enum": f"{choices_class.__module__}.{choices_class.__qualname__}", "v": value}


def moment(value) -> dict | str:
    if value is None:
        return ""
    return {"t": "datetime", "v": value.isoformat()}


def money(amount) -> dict:
    return {"t": "money", "v": str(amount)}


def label(kind: str) -> dict:
    """A fixed phrase, itself a registered event kind without parameters (e.g. a field name)."""
    return {"t": "label", "kind": kind}


class Rendered:
    """Text made when it is turned into a string: a notification parameter that each recipient
    reads in their own language (`hotelqa.services.Message` formats it per recipient)."""

    def __init__(self, make):
        self.make = make

    def __str__(self):
        return str(self.make())


# --- rendering ---------------------------------------------------------------------------------


def _text_in_language(value: dict) -> str:
    language = (get_language() or settings.LANGUAGE_CODE).lower()
    if language in value:
        return value[language]
    base = language.split("-")[0]
    for code, text_ in value.items():
        if code != "t" and code.split("-")[0] == base:
            return text_
    return value.get("en") or next((v for k, v in value.items() if k != "t"), "")


def value_text(value) -> str:
    """One parameter in the reader's language."""
    if not isinstance(value, dict):
        return "" if value is None else str(value)
    kind = value.get("t")
    if kind == "text":
        return _text_in_language(value)
    if kind == "choice":
        try:
            choices = import_string(value["enum"])
            return str(dict(choices.choices).get(choices(value["v"]), value["v"]))
        except (ImportError, ValueError):
            return str(value["v"])
    if kind == "datetime":
        moment_ = parse_datetime(value["v"])
        return timezone.localtime(moment_).strftime("%Y-%m-%d %H:%M") if moment_ else value["v"]
    if kind == "money":
        return money_text(value["v"])
    if kind == "label":
        return render({"kind": value["kind"]})
    return str(value.get("v", ""))


def money_text(amount) -> str:
    from django.utils.translation import gettext

    return gettext("¥%(amount)s") % {"amount": formats.number_format(Decimal(str(amount)), 2, use_l10n=True)}


def render(data) -> str:
    """The event in the active language; '' for no event."""
    if not data:
        return ""
    kind = EVENT_KINDS.get(data.get("kind"))
    params = {k: value_text(v) for k, v in (data.get("params") or {}).items()}
    if kind is None:  # a kind removed from the code: still show what is known
        return " · ".join(params.values())
    template = str(kind.template)
    return template % params if params else template


def render_in(data, language: str) -> str:
    with translation.override(language):
        return render(data)
