"""Every list exports what it shows, with its current filters, as CSV or XLSX.

    class WorkOrderListView(ExportMixin, FilteredListView):
        export_name = "work-orders"          # columns: the list's django-tables2 table

A list page answers `?export=csv` / `?export=xlsx` itself, so the export reads exactly the
queryset and filterset the page does. CSV is UTF-8 with a byte-order mark (Excel on a Chinese
Windows PC opens it without mojibake) and is streamed row by row, so any length is fine. XLSX is
written by openpyxl in write-only mode to a temporary file; a list of more than
`XLSX_DIRECT_MAX_ROWS` rows is built in the background instead (`hotelqa.downloads`, kind
"list_export": the same view rebuilt for the user who asked, with the same filters), with its
progress shown on the Downloads page where the file lands. Values are written in the reader's language; text a spreadsheet would run as a formula
is neutralised. An export of a list holding guest data is written to the audit trail.
"""

import csv
import datetime as dt
import tempfile

from django.contrib import messages
from django.http import FileResponse, HttpResponseRedirect, StreamingHttpResponse
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.html import strip_tags
from django.utils.cache import add_never_cache_headers
from django.utils.safestring import SafeData
from django.utils.translation import gettext as _

from .audit import audit_record
from .models import AuditAction

FORMATS = ("csv", "xlsx")
# Past this many rows an XLSX export is built by a Celery task and lands on the Downloads page.
XLSX_DIRECT_MAX_ROWS = 5_000
CHUNK = 1000
BOM = "\ufeff"


def cell_text(value, tz=None) -> str:
    """A value as plain text a spreadsheet shows as text (never runs as a formula). A time is
    written in `tz`, by default the current time zone (an export passes it once for all cells)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, dt.datetime):
        return timezone.localtime(value, tz).strftime("%Y-%m-%d %H:%M") if timezone.is_aware(value) else value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    text = force_str(value)
    if isinstance(value, SafeData) or "<" in text:
        text = strip_tags(text)
    text = " ".join(text.split()) if "\n" not in text else text.strip()
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class _Echo:
    def write(self, value):
        return value


def csv_response(*, filename: str, header, rows) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())
    tz = timezone.get_current_timezone()

    def lines():
        yield BOM + writer.writerow([cell_text(h) for h in header])
        for row in rows:
            yield writer.writerow([cell_text(v, tz) for v in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(*, filename: str, header, rows, title: str = "") -> FileResponse:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=(title or filename)[:31])
    sheet.append([cell_text(h) for h in header])
    tz = timezone.get_current_timezone()
    for row in rows:
        sheet.append([cell_text(v, tz) for v in row])
    # On disk past a few megabytes, so a long list does not sit in memory.
    buffer = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)
    workbook.save(buffer)
    buffer.seek(0)
    return FileResponse(
        buffer, as_attachment=True, filename=f"{filename}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def table_columns(table):
    """(header, value function) of every exported column of a django-tables2 table, with the values
    the page shows (its `value_<col>`/`render_<col>` methods, choice labels, related names)."""
    columns = [c for c in table.columns if not c.column.exclude_from_export]
    return [(force_str(c.header), _column_value_function(table, c)) for c in columns]


def _column_value_function(table, bound_column):
    """record → the cell's export value, as django-tables2's `BoundRow.get_cell_value` gives it,
    with what that works out on every cell (the value method's signature, the choice labels, the
    text of a related row) worked out once per export."""
    from django.db.models import Model
    from django_tables2.columns import Column, DateColumn, DateTimeColumn, ManyToManyColumn
    from django_tables2.columns.linkcolumn import BaseLinkColumn
    from django_tables2.rows import BoundRow
    from django_tables2.utils import signature

    from .table_rows import CELL_ARGS, _value_function

    column = bound_column.column
    method = bound_column.value
    wanted, takes_any = signature(method)
    dated = isinstance(column, (DateColumn, DateTimeColumn)) and method == column.value
    if takes_any:  # a column's own value(**kwargs): it hands them on to the column's render()
        inner, inner_takes_any = signature(column.render)
        wanted = () if inner_takes_any or "bound_row" in inner else CELL_ARGS
    generic = (not wanted and takes_any and not dated) or set(wanted) - set(CELL_ARGS)
    if generic or isinstance(column, (BaseLinkColumn, ManyToManyColumn)):
        name = bound_column.name
        return lambda record: BoundRow(record, table).get_cell_value(name)
    plain = takes_any and type(column).render is Column.render and type(column).value is Column.value
    value_of = _value_function(table, bound_column)
    fixed = {"column": column, "bound_column": bound_column, "table": table}
    empty = column.empty_values
    related_texts = {}

    def value(record):
        raw = value_of(record)
        if raw in empty:
            return None
        if plain or dated:
            result = raw  # a date, or a time in the hotel's time zone, as cell_text() writes it
        else:
            given = {"value": raw, "record": record, **fixed}
            result = method(**{k: given[k] for k in wanted})
        if isinstance(result, Model):  # the same related row's name, translated once
            key = (type(result), result.pk)
            if key not in related_texts:
                related_texts[key] = force_str(result)
            return related_texts[key]
        return result

    return value


def choice_text(path):
    """record → the label of the choice field at `path` ("kind", "case.category"), each label
    translated once per export (`get_FOO_display()` builds its lookup and translates on every call)."""
    *hops, name = path.split(".")
    labels = {}

    def text(record):
        for hop in hops:
            record = getattr(record, hop)
        value = getattr(record, name)
        if value not in labels:
            labels[value] = force_str(record._get_FIELD_display(record._meta.get_field(name)))
        return labels[value]

    return text


def related_text(name):
    """record → the text of its related row `name` (a department, a person), worked out once per
    related row rather than once per line."""
    texts = {}

    def text(record):
        key = getattr(record, f"{name}_id")
        if key is None:
            return ""
        if key not in texts:
            texts[key] = force_str(getattr(record, name))
        return texts[key]

    return text


def _records(queryset):
    """The export's records: a queryset read in chunks, or a list a search already picked."""
    return queryset if isinstance(queryset, (list, tuple)) else queryset.iterator(chunk_size=CHUNK)


def _count(queryset):
    return len(queryset) if isinstance(queryset, (list, tuple)) else queryset.count()


class ExportMixin:
    """Adds CSV and XLSX export of the filtered list to a list view (ListView or FilterView)."""

    export_name = ""
    # Lists with guest data (names, phones, what a guest said) leave a trace in the audit trail.
    export_has_guest_data = False

    def get(self, request, *args, **kwargs):
        fmt = request.GET.get("export")
        if fmt in FORMATS:
            return self.export(fmt)
        return super().get(request, *args, **kwargs)

    def export_queryset(self):
        """The page's records with its filters applied; None when a filter is invalid."""
        queryset = self.get_queryset()
        filterset_class = getattr(self, "filterset_class", None)
        if filterset_class is not None:
            filterset = self.get_filterset(filterset_class)
            if filterset.is_bound and not filterset.is_valid():
                return None
            queryset = filterset.qs
        return queryset

    def export_columns(self):
        """[(header, function record → value)]; by default the columns of the list's table."""
        table = self.get_table_class()(data=[], request=self.request) if hasattr(self, "get_table_class") else None
        if table is None:
            raise NotImplementedError(f"{type(self).__name__} needs export_columns()")
        return table_columns(table)

    def export_return_url(self):
        """Where a refused export sends the user back to: the list with its filters."""
        return self.request.path

    def export_filename(self):
        name = self.export_name or self.model._meta.model_name
        return f"{name}-{self.request.property.code}-{timezone.localdate():%Y%m%d}"

    def export(self, fmt):
        queryset = self.export_queryset()
        if queryset is None:
            messages.error(self.request, _("Nothing was exported: correct the filters marked below first."))
            query = self.request.GET.copy()
            query.pop("export", None)
            return HttpResponseRedirect(f"{self.export_return_url()}?{query.urlencode()}")
        if fmt == "xlsx" and _count(queryset) > XLSX_DIRECT_MAX_ROWS:
            return self.export_in_background(fmt)
        columns = self.export_columns()
        header = [h for h, _value in columns]
        rows = ([value(record) for _h, value in columns] for record in _records(queryset))
        if self.export_has_guest_data:
            audit_record(action=AuditAction.LIST_EXPORT, request=self.request, property=self.request.property)
        filename = self.export_filename()
        if fmt == "xlsx":
            response = xlsx_response(filename=filename, header=header, rows=rows, title=self.export_name or self.model._meta.model_name)
        else:
            response = csv_response(filename=filename, header=header, rows=rows)
        add_never_cache_headers(response)  # lists of guest data stay out of shared caches
        return response

    def export_in_background(self, fmt):
        """Queue the export as a download and send the user to the Downloads page."""
        from django.urls import reverse

        from . import downloads

        query = self.request.GET.copy()
        query.pop("export", None)
        query.pop("page", None)
        params = {"path": self.request.path, "query": query.urlencode(), "format": fmt, "name": self.export_filename()}
        key = f"list:{self.request.path}?{params['query']}:{fmt}"
        download, created = downloads.request(
            user=self.request.user, property=self.request.property, kind="list_export", params=params, key=key[:200]
        )
        if self.export_has_guest_data and created:
            audit_record(action=AuditAction.LIST_EXPORT, request=self.request, property=self.request.property)
        messages.info(
            self.request,
            _("This list is long: its file is being built. It will be on this page when it is ready."),
        )
        return HttpResponseRedirect(reverse("download_list") + f"?highlight={download.pk}")

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        for key in ("page", "export"):
            query.pop(key, None)
        base = query.urlencode()
        kwargs["export_links"] = [
            (f"?{base}&export={fmt}" if base else f"?export={fmt}", label)
            for fmt, label in (("csv", _("Export CSV")), ("xlsx", _("Export Excel")))
        ]
        return super().get_context_data(**kwargs)


def _list_view_for(download):
    """The list view a download was asked from, set up as its user would see it."""
    from django.http import QueryDict
    from django.test import RequestFactory
    from django.urls import Resolver404, resolve

    from .downloads import BuildRefused

    params = download.params
    try:
        match = resolve(params["path"])
    except (Resolver404, KeyError):
        raise BuildRefused(_("This list no longer exists."))
    view_class = getattr(match.func, "view_class", None)
    if view_class is None or not issubclass(view_class, ExportMixin):
        raise BuildRefused(_("This list no longer exists."))
    request = RequestFactory().get(params["path"], QueryDict(params.get("query", "")))
    request.user = download.requested_by
    request.property = download.property
    request.role = download.requested_by.role_in(download.property) if download.requested_by else None
    request.session = {}
    request.LANGUAGE_CODE = download.language
    view = view_class()
    view.setup(request, *match.args, **match.kwargs)
    if download.requested_by is None or not view.has_permission_at(download.property):
        raise BuildRefused(_("You may no longer see this list."))
    return view


def build_list_export(download, progress):
    """The "list_export" download: the list's filtered rows as XLSX (or CSV), with progress."""
    from .downloads import BuildRefused

    view = _list_view_for(download)
    queryset = view.export_queryset()
    if queryset is None:
        raise BuildRefused(_("Nothing was exported: the filters are no longer valid."))
    total = _count(queryset)
    columns = view.export_columns()
    header = [h for h, _value in columns]

    def rows():
        for done, record in enumerate(_records(queryset), start=1):
            yield [value(record) for _h, value in columns]
            if done % CHUNK == 0:
                progress(done, total)
        progress(total, total)

    name = download.params.get("name") or "export"
    if download.params.get("format") == "csv":
        response = csv_response(filename=name, header=header, rows=rows())
        return f"{name}.csv", b"".join(chunk if isinstance(chunk, bytes) else chunk.encode() for chunk in response.streaming_content)
    response = xlsx_response(filename=name, header=header, rows=rows(), title=view.export_name or view.model._meta.model_name)
    return f"{name}.xlsx", b"".join(response.streaming_content)


def list_export_title(params):
    from django.urls import resolve

    view_class = resolve(params["path"]).func.view_class
    title = getattr(view_class, "title", "") or view_class.model._meta.verbose_name_plural
    return _("%(list)s (%(format)s)") % {"list": title, "format": params.get("format", "").upper()}
