"""Fast rows for django-tables2 tables, and cards on phones.

django-tables2 renders a page cell by cell: for every cell it inspects the render function's
signature, builds attribute dicts and runs template nodes, which cost ~80 ms of Python for a
25-row case list. `RowsTable` keeps the library's columns, headers, sorting, pagination and
exports, but works out once per page how each column gets its value, link and text, and writes
each row in one pass; the page template then loops over finished rows.

On narrow screens (below Bootstrap's md breakpoint) the same rows show as cards: a title, the
deadline, the fields named in `card_fields` and a button for the main action; the other cells are
hidden, so nothing scrolls sideways and no column is squeezed.
"""

import inspect
import re

import django_tables2 as tables
from django.template.defaultfilters import date as date_filter
from django.utils.timezone import template_localtime
from django.utils.html import conditional_escape, escape, format_html
from django.utils.safestring import mark_safe
from django_tables2.columns import DateColumn, DateTimeColumn
from django_tables2.columns.base import LinkTransform
from django_tables2.utils import A

DATE_FORMAT = re.compile(r'\{\{ value\|date:"([^"]*)"\|default:default \}\}')
CELL_ARGS = ("value", "record", "column", "bound_column", "table")


class RowsTable(tables.Table):
    """A django-tables2 table whose page is rendered by `page_rows()` (see the module docstring).

    Phone cards: `card_title` and `card_deadline` name columns; `card_fields` the other columns shown
    (with their header as label); `card_action` the main action's label, linking to
    `card_action_url(record)`."""

    card_title = None
    card_deadline = None
    card_fields = ()
    card_action = None

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("template_name", "hotelqa/partials/rows_table.html")
        super().__init__(*args, **kwargs)

    def card_action_url(self, record):
        return record.get_absolute_url()

    def card_action_label(self, record):
        return self.card_action

    def page_rows(self):
        """The current page's rows as finished `<tr>` markup (safe strings)."""
        bound_rows = self.page.object_list if hasattr(self, "page") else self.rows
        columns = list(self.columns)
        cells = [(cell_function(self, bc), td_attrs(self, bc)) for bc in columns]
        rows = []
        for record in (row.record for row in bound_rows):
            html = ['<tr class="rows-card">']
            for fn, attrs in cells:
                html.append(f"<td{attrs}>{fn(record)}</td>")
            if self.card_action:
                href, label = escape(self.card_action_url(record)), escape(self.card_action_label(record))
                html.append(f'<td class="rows-action"><a class="btn btn-primary btn-sm" href="{href}">{label}</a></td>')
            html.append("</tr>")
            rows.append(mark_safe("".join(html)))
        return rows


def td_attrs(table, bound_column):
    """The cell's attributes: its role on the phone card and its label there."""
    name = bound_column.name
    if name == table.card_title:
        role = "rows-title"
    elif name == table.card_deadline:
        role = "rows-deadline"
    elif name in table.card_fields:
        role = "rows-field"
    else:
        role = "rows-hide"
    extra = bound_column.column.attrs.get("td", {}).get("class", "")
    classes = f"{role} {extra}".strip()
    return format_html(' class="{}" data-label="{}"', classes, bound_column.header)


def cell_function(table, bound_column):
    """A function record -> escaped cell html, doing per page what django-tables2 does per cell."""
    column = bound_column.column
    if column.attrs.get("a") or (bound_column.link and bound_column.link.attrs):
        return _generic(table, bound_column)
    default = conditional_escape(bound_column.default)
    value_of = _value_function(table, bound_column)
    text_of = _text_function(table, bound_column)
    link_of = _link_function(bound_column)
    if text_of is None or link_of is False:
        return _generic(table, bound_column)
    empty = column.empty_values

    def cell(record):
        value = value_of(record)
        if value in empty:
            return default
        text = conditional_escape(text_of(record, value))
        if link_of is not None:
            href = link_of(record, value)
            if href is not None:
                return f'<a href="{escape(href)}">{text}</a>'
        return text

    return cell


def _generic(table, bound_column):
    """The library's own per-cell path, for columns this module does not know."""
    name = bound_column.name

    def cell(record):
        return conditional_escape(tables.rows.BoundRow(record, table).get_cell(name))

    return cell


def _value_function(table, bound_column):
    accessor = A(bound_column.accessor)
    model = getattr(table._meta, "model", None)
    field = accessor.get_field(model) if model is not None else None
    path, _sep, last = accessor.rpartition(A.SEPARATOR)
    if field is not None and getattr(field, "choices", None) and field.name == last:
        # What get_FOO_display() gives, from labels translated once per page (it rebuilds its
        # lookup dict on every call).
        labels = {key: str(label) for key, label in field.flatchoices}

        def choice_value(record):
            value = accessor.resolve(record, quiet=True)
            return labels.get(value, value)

        return choice_value

    def value(record):
        try:
            return accessor.resolve(record)
        except Exception:  # a missing relation shows the column's default, as in django-tables2
            return None

    return value


def _text_function(table, bound_column):
    """record, value -> cell text; None when only the generic path can do it."""
    column = bound_column.column
    render = bound_column.render
    is_column_render = getattr(render, "__func__", None) is getattr(type(column).render, "__func__", type(column).render)
    date_format = DATE_FORMAT.fullmatch(getattr(column, "template_code", ""))
    if is_column_render and isinstance(column, (DateTimeColumn, DateColumn)) and date_format:
        # The library renders these through a one-line template per cell; the same filter, called directly.
        fmt = date_format.group(1)
        return lambda record, value: date_filter(template_localtime(value), fmt)
    if is_column_render and type(column).render is tables.Column.render:
        return lambda record, value: value
    try:
        params = inspect.signature(render).parameters
    except (TypeError, ValueError):
        return None
    if any(p.kind is p.VAR_KEYWORD for p in params.values()):
        wanted = CELL_ARGS
    elif set(params) - set(CELL_ARGS):
        return None  # wants bound_row or something else only the library passes
    else:
        wanted = tuple(params)
    fixed = {"column": column, "bound_column": bound_column, "table": table}

    def text(record, value):
        given = {"value": value, "record": record, **fixed}
        return render(**{k: given[k] for k in wanted})

    return text


def _link_function(bound_column):
    """record, value -> href or None; None for no link; False when only the generic path can do it."""
    link = bound_column.link
    if link is None:
        return None
    if not isinstance(link, LinkTransform):
        return False
    if link.url and callable(link.url):
        params = inspect.signature(link.url).parameters
        if set(params) - {"record", "value"}:
            return False
        wanted = tuple(params)
        return lambda record, value: link.url(**{k: {"record": record, "value": value}[k] for k in wanted})
    if link.reverse_args.get("viewname") is not None:
        return lambda record, value: link.call_reverse(record=record)
    return lambda record, value: link.compose_url(record=record, bound_column=bound_column)
