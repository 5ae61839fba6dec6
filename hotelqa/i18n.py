"""Reference data in two languages: a record keeps its English text in `<field>` and its Chinese
text in `<field>_zh` (admins edit both side by side); readers see the one of their language,
falling back to the other when one is empty."""

from django.utils.translation import get_language, gettext_lazy


def reader_reads_chinese() -> bool:
    return (get_language() or "").lower().startswith("zh")


def pick(english: str, chinese: str) -> str:
    """The text in the reader's language, or the other one when that is empty."""
    if reader_reads_chinese():
        return chinese or english
    return english or chinese


def localized(obj, field: str) -> str:
    return pick(getattr(obj, field), getattr(obj, f"{field}_zh", ""))


def side_by_side(*fields):
    """Admin `fields` entry putting each English field next to its Chinese twin."""
    return [(f, f"{f}_zh") for f in fields]


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


def bilingual_helper(form):
    """A crispy helper that lays out each `<field>` next to its `<field>_zh` (two columns, one on a
    phone) and every other field as usual; render with `{% crispy form %}` inside your own <form>."""
    from crispy_forms.helper import FormHelper
    from crispy_forms.layout import Column, Layout, Row

    names = list(form.fields)
    items = []
    for name in names:
        if name.endswith("_zh") and name[:-3] in names:
            continue
        if f"{name}_zh" in names:
            items.append(Row(Column(name, css_class="col-12 col-md-6"), Column(f"{name}_zh", css_class="col-12 col-md-6")))
        else:
            items.append(name)
    helper = FormHelper(form)
    helper.form_tag = False
    helper.layout = Layout(*items)
    return helper
