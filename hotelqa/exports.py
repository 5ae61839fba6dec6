"""Every list exports what it shows, with its current filters, as CSV or XLSX.

    class WorkOrderListView(ExportMixin, FilteredListView):
        export_name = "work-orders"          # columns: the list's django-tables2 table

A list page answers `?export=csv` / `?export=xlsx` itself, so the export reads exactly the
queryset and filterset the page does. CSV is UTF-8 with a byte-order mark (Excel on a Chinese
Windows PC opens it without mojibake) and is streamed row by row, so any length is fine. XLSX is
written by openpyxl in write-only mode to a temporary file; past `XLSX_MAX_ROWS` the user is sent
to CSV. Values are written in the reader's language; text a spreadsheet would run as a formula
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
XLSX_MAX_ROWS = 50_000
CHUNK = 1000
BOM = "\ufeff"


def cell_text(value) -> str:
    """A value as plain text a spreadsheet shows as text (never runs as a formula)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if timezone.is_aware(value) else value.strftime("%Y-%m-%d %H:%M")
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

    def lines():
        yield BOM + writer.writerow([cell_text(h) for h in header])
        for row in rows:
            yield writer.writerow([cell_text(v) for v in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(*, filename: str, header, rows, title: str = "") -> FileResponse:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=(title or filename)[:31])
    sheet.append([cell_text(h) for h in header])
    for row in rows:
        sheet.append([cell_text(v) for v in row])
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
    from django_tables2.rows import BoundRow

    columns = [c for c in table.columns if not c.column.exclude_from_export]
    return [
        (force_str(c.header), (lambda name: lambda record: BoundRow(record, table).get_cell_value(name))(c.name))
        for c in columns
    ]


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
        if fmt == "xlsx" and queryset.count() > XLSX_MAX_ROWS:
            messages.error(
                self.request,
                _("This list has more than %(max)d rows: export it as CSV or narrow the filter.") % {"max": XLSX_MAX_ROWS},
            )
            query = self.request.GET.copy()
            query.pop("export", None)
            return HttpResponseRedirect(f"{self.export_return_url()}?{query.urlencode()}")
        columns = self.export_columns()
        header = [h for h, _value in columns]
        rows = ([value(record) for _h, value in columns] for record in queryset.iterator(chunk_size=CHUNK))
        if self.export_has_guest_data:
            audit_record(action=AuditAction.LIST_EXPORT, request=self.request, property=self.request.property)
        filename = self.export_filename()
        if fmt == "xlsx":
            response = xlsx_response(filename=filename, header=header, rows=rows, title=self.export_name or self.model._meta.model_name)
        else:
            response = csv_response(filename=filename, header=header, rows=rows)
        add_never_cache_headers(response)  # lists of guest data stay out of shared caches
        return response

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
