"""Every list exports CSV (UTF-8 with BOM, for Excel on a Chinese PC) and XLSX, with the list's
filters, in the reader's language; exports of lists with guest data are in the audit trail."""

import csv
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from complaints.models import Revisit
from crm.models import Guest
from facilities.models import AssetCategory
from hotelqa.choices import Role
from hotelqa.models import AuditAction, AuditEvent
from tests.complaints.helpers import log_complaint
from tests.facilities.factories import AssetFactory, InspectionFactory, LocationFactory, ScheduleFactory, published_template, work_order

pytestmark = pytest.mark.django_db

CHINESE = "空调不制冷，客人很不满意"


@pytest.fixture
def chinese_records(property_a, member):
    """One record with Chinese text in every exported list."""
    actor = member(property_a, Role.MANAGER)
    case = log_complaint(property_a, actor, description=CHINESE)
    Guest.objects.filter(pk=case.guest_id).update(name="王小明")
    Revisit.objects.create(property=property_a, case=case, due_at=timezone.now(), listed_at=timezone.now())
    category = AssetCategory.objects.create(property=property_a, code="ac", name="Air conditioning", name_zh="空调")
    location = LocationFactory(property=property_a, name="大堂")
    AssetFactory(property=property_a, name="分体空调", category=category, location=location)
    work_order(property_a, title=CHINESE, location=location)
    template = published_template(property_a, name="Guest room")
    template.name_zh = "客房检查"
    template.save()
    InspectionFactory(property=property_a, location=location, version=template.current_version)
    ScheduleFactory(property=property_a, name="每日客房检查", template=template, locations=[location])
    return case


LISTS = {
    "complaints:case_list": [CHINESE, "王小明"],
    "complaints:revisit_list": [CHINESE, "王小明"],
    "crm:guest_list": ["王小明"],
    "facilities:asset_list": ["分体空调", "空调", "大堂"],
    "facilities:location_list": ["大堂"],
    "facilities:workorder_list": [CHINESE, "大堂"],
    "facilities:inspection_list": ["客房检查", "大堂"],
    "facilities:schedule_list": ["每日客房检查", "客房检查"],
    "facilities:template_list": ["客房检查"],
    "facilities:category_list": ["空调"],
}


def _csv_rows(response):
    raw = b"".join(response.streaming_content)
    assert raw.startswith("\ufeff".encode()), "Excel needs the byte-order mark to read UTF-8"
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))


def _xlsx_rows(response):
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    return [[c or "" for c in row] for row in workbook.active.iter_rows(values_only=True)]


@pytest.mark.parametrize("url_name", LISTS)
def test_every_list_exports_csv_and_xlsx_with_chinese_text_intact(client_for, chinese_records, url_name):
    client, _user = client_for(Role.MANAGER)
    client.cookies["django_language"] = "zh-hans"
    page = client.get(reverse(url_name), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "export=csv" in page and "export=xlsx" in page
    for fmt, read in (("csv", _csv_rows), ("xlsx", _xlsx_rows)):
        response = client.get(reverse(url_name), {"export": fmt}, HTTP_ACCEPT_LANGUAGE="zh-hans")
        assert response.status_code == 200, (url_name, fmt)
        assert f".{fmt}" in response["Content-Disposition"]
        rows = read(response)
        text = "\n".join("\t".join(str(c) for c in row) for row in rows)
        for expected in LISTS[url_name]:
            assert expected in text, (url_name, fmt, expected)
        assert len(rows) >= 2 and len(set(map(len, rows))) == 1  # a header, records, every row complete


def test_export_keeps_the_lists_filters(client_for, property_a):
    client, user = client_for(Role.SUPERVISOR)
    urgent = log_complaint(property_a, user, grade="urgent", description="急")
    general = log_complaint(property_a, user, grade="general", description="一般")
    rows = _csv_rows(client.get(reverse("complaints:case_list"), {"grade": "urgent", "export": "csv"}))
    numbers = [r[0] for r in rows[1:]]
    assert numbers == [urgent.number] and general.number not in numbers


def test_export_headers_and_labels_are_in_the_readers_language(client_for, property_a):
    client, user = client_for(Role.SUPERVISOR)
    log_complaint(property_a, user, grade="urgent")
    client.cookies["django_language"] = "zh-hans"
    rows = _csv_rows(client.get(reverse("complaints:case_list"), {"export": "csv"}, HTTP_ACCEPT_LANGUAGE="zh-hans"))
    assert "编号" in rows[0][0] or any("\u4e00" <= ch <= "\u9fff" for ch in rows[0][0])
    assert "紧急" in rows[1]


def test_exporting_guest_data_is_in_the_audit_trail(client_for, chinese_records):
    client, user = client_for(Role.MANAGER)
    for url_name in ("crm:guest_list", "complaints:case_list", "complaints:revisit_list"):
        b"".join(client.get(reverse(url_name), {"export": "csv"}).streaming_content)
    events = AuditEvent.objects.filter(action=AuditAction.LIST_EXPORT, actor=user)
    assert events.count() == 3
    assert {e.path.split("?")[0] for e in events} == {reverse(n) for n in ("crm:guest_list", "complaints:case_list", "complaints:revisit_list")}
    # An asset list holds no guest data: no entry.
    b"".join(client.get(reverse("facilities:asset_list"), {"export": "csv"}).streaming_content)
    assert AuditEvent.objects.filter(action=AuditAction.LIST_EXPORT).count() == 3


def test_export_streams_csv_and_reads_rows_in_chunks(client_for, property_a, django_assert_max_num_queries):
    client, user = client_for(Role.SUPERVISOR)
    for i in range(30):
        log_complaint(property_a, user, description=f"第{i}号投诉")
    response = client.get(reverse("complaints:case_list"), {"export": "csv"})
    assert response.streaming
    with django_assert_max_num_queries(12):
        rows = _csv_rows(response)
    assert len(rows) == 31


def test_exported_times_are_the_hotels_not_utc(client_for, property_a):
    import datetime as dt

    from facilities.models import WorkOrder

    client, _user = client_for(Role.SUPERVISOR)
    order = work_order(property_a, title="Leaking tap")
    # 2026-05-01 02:30 UTC is 10:30 in Shanghai, the hotel's time zone.
    WorkOrder.objects.filter(pk=order.pk).update(due_at=dt.datetime(2026, 5, 1, 2, 30, tzinfo=dt.timezone.utc))
    rows = _csv_rows(client.get(reverse("facilities:workorder_list"), {"export": "csv"}))
    due = rows[0].index(next(h for h in rows[0] if h.startswith("Due")))
    assert rows[1][due] == "2026-05-01 10:30"


def test_a_searched_guest_list_exports_what_the_search_found(client_for, chinese_records):
    client, _user = client_for(Role.MANAGER)
    Guest.objects.create(home_property=chinese_records.property, name="李大伟")
    for fmt, read in (("csv", _csv_rows), ("xlsx", _xlsx_rows)):
        response = client.get(reverse("crm:guest_list"), {"q": "王小", "export": fmt})
        assert response.status_code == 200, fmt
        names = [row[0] for row in read(response)[1:]]
        assert names == ["王小明"], fmt


@pytest.mark.parametrize("table_path", ["complaints.tables.CaseTable", "facilities.tables.WorkOrderTable",
                                        "facilities.tables.InspectionTable", "facilities.tables.AssetTable"])
def test_table_exports_give_the_librarys_values(chinese_records, table_path):
    """The export's per-column shortcuts write what django-tables2's own per-cell path gives (times
    aside: those are written in the hotel's time)."""
    from importlib import import_module

    from django_tables2.columns import DateTimeColumn
    from django_tables2.rows import BoundRow

    from hotelqa.exports import cell_text, table_columns

    module, name = table_path.rsplit(".", 1)
    table = getattr(import_module(module), name)(data=[])
    model = table._meta.model
    columns = [c for c in table.columns if not c.column.exclude_from_export]
    records = list(model.objects.all())
    assert records
    for record in records:
        for bound_column, (_header, value) in zip(columns, table_columns(table)):
            if isinstance(bound_column.column, DateTimeColumn):
                continue
            assert cell_text(value(record)) == cell_text(BoundRow(record, table).get_cell_value(bound_column.name)), bound_column.name
