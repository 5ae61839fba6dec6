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

import functools
import html as html_module
import inspect
import re
import types

import django_tables2 as tables
from django.template.defaultfilters import date as date_filter
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.timezone import template_localtime
from django.utils.html import format_html
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django_tables2.columns import DateColumn, DateTimeColumn
from django_tables2.columns.base import LinkTransform
from django_tables2.utils import A

DATE_FORMAT = re.compile(r'\{\{ value\|date:"([^"]*)"\|default:default \}\}')
CELL_ARGS = ("value", "record", "column", "bound_column", "table")
# Date format letters that strftime writes the same way (zero-padded numbers), and the separators.
STRFTIME = {"Y": "%Y", "m": "%m", "d": "%d", "H": "%H", "i": "%M", "s": "%S"}
PLAIN = frozenset(" -:/.")
PK_MARK = 2147483647


def absolute_url(record):
    """`linkify=absolute_url`: a link to the record's own page (see `RowsTable.record_url`)."""
    return record.get_absolute_url()


def esc(text):
    """`conditional_escape`, without the lazy-argument wrapper it goes through on every call."""
    if isinstance(text, Promise):
        text = str(text)
    if hasattr(text, "__html__"):
        return text.__html__()
    return html_module.escape(str(text))


def date_function(fmt):
    """value -> `value|date:fmt` in the current time zone; formats of numbers only (Y-m-d H:i) by
    strftime, any other through Django's date filter."""
    if fmt and all(c in STRFTIME or c in PLAIN for c in fmt):
        pattern = "".join(STRFTIME.get(c, c) for c in fmt)

        def formatted(value):
            if value in (None, ""):
                return ""
            try:
                return template_localtime(value).strftime(pattern)
            except AttributeError:  # not a date: the filter writes nothing
                return ""

        return formatted
    return lambda value: date_filter(template_localtime(value), fmt)


@functools.lru_cache(maxsize=1024)  # bounded: a table may make its functions per page
def _function_parameters(function):
    return tuple(inspect.signature(function).parameters.values())


def parameters(callable_):
    """The parameters `inspect.signature(callable_)` names, worked out once per function (a page
    asks for every column's render function)."""
    if isinstance(callable_, types.MethodType) and isinstance(callable_.__func__, types.FunctionType):
        return {p.name: p for p in _function_parameters(callable_.__func__)[1:]}
    if isinstance(callable_, types.FunctionType):
        return {p.name: p for p in _function_parameters(callable_)}
    return inspect.signature(callable_).parameters


def pk_url(viewname):
    """pk -> `reverse(viewname, args=[pk])`, reversed once per page for `<int:pk>` addresses."""
    mark = str(PK_MARK)
    prefix, found, suffix = reverse(viewname, args=[PK_MARK]).partition(mark)
    if not found or mark in suffix:
        return lambda pk: reverse(viewname, args=[pk])
    return lambda pk: f"{prefix}{pk}{suffix}" if type(pk) is int else reverse(viewname, args=[pk])


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
        return self.record_url(record)

    def record_url(self, record):
        """`record.get_absolute_url()`, reversed once per row for a link to it and the action button."""
        last = getattr(self, "_last_url", None)
        if last is None or last[0] is not record:
            last = self._last_url = (record, record.get_absolute_url())
        return last[1]

    def card_action_label(self, record):
        return self.card_action

    def header_cells(self):
        """The header row's `<th>` cells as django-tables2's template writes them: each sortable
        header links to the page's query with its next sort order."""
        request = getattr(self, "request", None)
        params = dict(request.GET) if request is not None else {}
        field = self.prefixed_order_by_field
        cells = []
        for column in self.columns:
            header = esc(column.header)
            if column.orderable:
                href = esc("?" + urlencode({**params, field: column.order_by_alias.next}, doseq=True))
                header = f'<a href="{href}">{header}</a>'
            cells.append(f'<th {column.attrs["th"].as_html()} scope="col">{header}</th>')
        return mark_safe("".join(cells))

    def page_rows(self):
        """The current page's rows as finished `<tr>` markup (safe strings)."""
        bound_rows = self.page.object_list if hasattr(self, "page") else self.rows
        columns = list(self.columns)
        cells = [(cell_function(self, bc), td_attrs(self, bc)) for bc in columns]
        labels = {}  # a lazy action label, translated once per page
        has_action = bool(self.card_action)  # (a lazy label's truth is a translation too)
        rows = []
        for record in (row.record for row in bound_rows):
            html = ['<tr class="rows-card">']
            for fn, attrs in cells:
                html.append(f"<td{attrs}>{fn(record)}</td>")
            if has_action:
                label = self.card_action_label(record)
                if isinstance(label, Promise):
                    if id(label) not in labels:
                        labels[id(label)] = (label, esc(label))  # the label is kept, so its id stays its own
                    label = labels[id(label)][1]
                else:
                    label = esc(label)
                href = esc(self.card_action_url(record))
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
    default = esc(bound_column.default)
    value_of = _value_function(table, bound_column)
    text_of = _text_function(table, bound_column)
    link_of = _link_function(table, bound_column)
    if text_of is None or link_of is False:
        return _generic(table, bound_column)
    empty = column.empty_values

    def cell(record):
        value = value_of(record)
        if value in empty:
            return default
        text = esc(text_of(record, value))
        if link_of is not None:
            href = link_of(record, value)
            if href is not None:
                return f'<a href="{esc(href)}">{text}</a>'
        return text

    return cell


def _generic(table, bound_column):
    """The library's own per-cell path, for columns this module does not know."""
    name = bound_column.name

    def cell(record):
        return esc(tables.rows.BoundRow(record, table).get_cell(name))

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
        formatted = date_function(date_format.group(1))
        return lambda record, value: formatted(value)
    if is_column_render and type(column).render is tables.Column.render:
        return lambda record, value: value
    try:
        params = parameters(render)
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


def _link_function(table, bound_column):
    """record, value -> href or None; None for no link; False when only the generic path can do it."""
    link = bound_column.link
    if link is None:
        return None
    if not isinstance(link, LinkTransform):
        return False
    if link.url is absolute_url:
        return lambda record, value: table.record_url(record)
    if link.url and callable(link.url):
        params = parameters(link.url)
        if set(params) - {"record", "value"}:
            return False
        wanted = tuple(params)
        return lambda record, value: link.url(**{k: {"record": record, "value": value}[k] for k in wanted})
    args = link.reverse_args
    if args.get("viewname") is not None:
        viewname, accessors = args["viewname"], args.get("args") or ()
        plain = isinstance(viewname, str) and not any(args.get(k) for k in ("urlconf", "kwargs", "current_app"))
        if plain and len(accessors) == 1 and isinstance(accessors[0], A):
            url, accessor = pk_url(viewname), accessors[0]
            return lambda record, value: url(accessor.resolve(record))
        return lambda record, value: link.call_reverse(record=record)
    return lambda record, value: link.compose_url(record=record, bound_column=bound_column)
