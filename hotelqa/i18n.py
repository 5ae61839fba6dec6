"""Reference data in two languages: a record keeps its English text in `<field>` and its Chinese
text in `<field>_zh` (admins edit both side by side); readers see the one of their language,
falling back to the other when one is empty."""

import re

from django.utils.translation import get_language, gettext_lazy

# CJK ideographs (the unified block, extension A, compatibility ideographs, extensions B and on).
_CHINESE = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]")


def reader_reads_chinese() -> bool:
    return (get_language() or "").lower().startswith("zh")


def pick(english: str, chinese: str) -> str:
    """The text in the reader's language, or the other one when that is empty."""
    if reader_reads_chinese():
        return chinese or english
    return english or chinese


def is_chinese(text: str) -> bool:
    """Whether a text is written in Chinese: it holds at least one CJK character."""
    return bool(_CHINESE.search(text or ""))


def reader_first(text: str, other: str) -> tuple[str, str]:
    """Two spellings of one thing as a person typed them (a name and its pinyin, a description and
    its translation): (the one in the reader's script, the other one). The first stays first when
    neither or both match the reader; the second is "" when there is only one."""
    if not text or not other:
        return (text or other or ""), ""
    chinese = reader_reads_chinese()
    if is_chinese(text) != chinese and is_chinese(other) == chinese:
        return other, text
    return text, other


def localized(obj, field: str) -> str:
    return pick(getattr(obj, field), getattr(obj, f"{field}_zh", ""))


def side_by_side(*fields):
    """Admin `fields` entry putting each English field next to its Chinese twin."""
    return [(f, f"{f}_zh") for f in fields]


class SideBySideAdminMixin:
    """A ModelAdmin whose form puts every `<field>` next to its `<field>_zh` (whatever fields it has)."""

    def get_fields(self, request, obj=None):
        fields = list(super().get_fields(request, obj))
        paired = []
        for name in fields:
            if isinstance(name, str) and name.endswith("_zh") and name[:-3] in fields:
                continue
            paired.append((name, f"{name}_zh") if isinstance(name, str) and f"{name}_zh" in fields else name)
        return paired


# Units a number is shown with, written the reader's way ("12 分钟", "¥500").
UNIT_FORMATS = {
    "%": "%(value)s%%",
    "min": gettext_lazy("%(value)s min"),
    "h": gettext_lazy("%(value)s h"),
    "d": gettext_lazy("%(value)s d"),
    "¥": gettext_lazy("¥%(value)s"),
}


def with_unit(value, unit: str) -> str:
    unit = str(unit or "")
    if not unit:
        return str(value)
    template = UNIT_FORMATS.get(unit)
    return str(template) % {"value": value} if template else f"{value} {unit}"


def unit_label(unit: str) -> str:
    """The unit alone, for a column header or a form's help text."""
    return with_unit("", unit).strip()


def bilingual_helper(form, pairs=None):
    """A crispy helper that lays out each `<field>` next to its `<field>_zh` (or the partner `pairs`
    names: {"name": "other_name"}) in two columns, one under the other on a phone, and every other
    field as usual; render with `{% crispy form %}` inside your own <form>."""
    from crispy_forms.helper import FormHelper
    from crispy_forms.layout import Column, Layout, Row

    names = list(form.fields)
    if pairs is None:
        pairs = {name: f"{name}_zh" for name in names}
    pairs = {first: second for first, second in pairs.items() if first in names and second in names}
    partners = set(pairs.values())
    items = []
    for name in names:
        if name in partners:
            continue
        if name in pairs:
            items.append(Row(Column(name, css_class="col-12 col-md-6"), Column(pairs[name], css_class="col-12 col-md-6")))
        else:
            items.append(name)
    helper = FormHelper(form)
    helper.form_tag = False
    helper.layout = Layout(*items)
    return helper


def _is_cjk(char: str) -> bool:
    return "\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"


def split_combined(text: str) -> tuple[str, str] | None:
    """An older "English 中文" text in its two languages, when the pattern is clear: an English part
    with Latin letters and no Chinese, a space, then a Chinese part (it may start with a number,
    "5楼走廊", and hold a short abbreviation, "无线AP", but has more Chinese than Latin letters).
    None when the text is not such a pair ("客人反映305水龙头滴水", "网络/Wi-Fi", "Lobby")."""
    text = (text or "").strip()
    first = next((i for i, c in enumerate(text) if _is_cjk(c)), None)
    if first is None:
        return None
    cut = text.rfind(" ", 0, first)
    if cut <= 0:
        return None
    english, chinese = text[:cut].strip(), text[cut + 1:].strip()
    latin_in_chinese = sum(c.isascii() and c.isalpha() for c in chinese)
    chinese_chars = sum(_is_cjk(c) for c in chinese)
    if (not any(c.isascii() and c.isalpha() for c in english) or any(_is_cjk(c) for c in english)
            or chinese_chars == 0 or latin_in_chinese > chinese_chars):
        return None
    return english, chinese
