"""Asset import from CSV or XLSX: parse and check every row first, save only a clean file.

Columns (header row, English or Chinese names, any order):
code, name, category, building, floor, location, area_type, install_date, expected_life_years,
status, manufacturer. `category` is a category code or name (English or Chinese) of the property;
`area_type` and `status` accept the codes or their labels; a location is created when missing.
"""

import csv
import datetime as dt
import io
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from .choices import AreaType, AssetStatus
from .models import Asset, AssetCategory, Location

MAX_ROWS = 5000
HEADERS = {
    "code": "code", "asset tag": "code", "编号": "code", "资产编号": "code",
    "name": "name", "名称": "name",
    "category": "category", "类别": "category",
    "building": "building", "楼栋": "building",
    "floor": "floor", "楼层": "floor",
    "location": "location", "room or area": "location", "房间或区域": "location", "位置": "location",
    "area_type": "area_type", "area type": "area_type", "区域类型": "area_type",
    "install_date": "install_date", "installed on": "install_date", "安装日期": "install_date",
    "expected_life_years": "expected_life_years", "expected life": "expected_life_years", "使用年限": "expected_life_years",
    "status": "status", "状态": "status",
    "manufacturer": "manufacturer", "make and model": "manufacturer", "品牌型号": "manufacturer",
}
REQUIRED = ["code", "name", "category", "location", "area_type"]
# Longest text each column may hold: the model's own limit, so the preview refuses what saving would.
TEXT_LIMITS = {
    "code": Asset._meta.get_field("code").max_length,
    "name": Asset._meta.get_field("name").max_length,
    "manufacturer": Asset._meta.get_field("manufacturer").max_length,
    "building": Location._meta.get_field("building").max_length,
    "floor": Location._meta.get_field("floor").max_length,
    "location": Location._meta.get_field("name").max_length,
}


class ImportFileError(Exception):
    pass


@dataclass
class Row:
    number: int
    data: dict
    errors: list = field(default_factory=list)


def read_table(upload) -> list[dict]:
    """Rows of the uploaded file as dicts keyed by our column names."""
    name = (upload.name or "").lower()
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(upload, read_only=True, data_only=True).worksheets[0]
        except Exception:
            raise ImportFileError(_("The file is not a readable XLSX workbook."))
        raw = [list(r) for r in sheet.iter_rows(values_only=True)]
    elif name.endswith(".csv"):
        content = upload.read()
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = content.decode("gb18030")  # Excel on Chinese Windows saves CSV in GBK
            except UnicodeDecodeError:
                raise ImportFileError(_("The CSV file is neither UTF-8 nor GBK text."))
        raw = list(csv.reader(io.StringIO(text)))
    else:
        raise ImportFileError(_("Upload a .csv or .xlsx file."))
    raw = [r for r in raw if any(c not in (None, "") for c in r)]
    if not raw:
        raise ImportFileError(_("The file is empty."))
    header = [HEADERS.get(str(h or "").strip().lower()) for h in raw[0]]
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise ImportFileError(_("Missing columns: %(cols)s") % {"cols": ", ".join(missing)})
    if len(raw) - 1 > MAX_ROWS:
        raise ImportFileError(_("At most %(n)d rows per file.") % {"n": MAX_ROWS})
    rows = []
    for values in raw[1:]:
        row = {}
        for key, value in zip(header, values):
            if key:
                row[key] = value
        rows.append(row)
    return rows


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _choice(value, choices):
    value = _text(value).lower()
    for code, label in choices.choices:
        if value in (code, str(label).lower()):
            return code
    # Chinese labels too, whatever language the importer uses.
    from django.utils import translation

    with translation.override("zh-hans"):
        for code, label in choices.choices:
            if value == str(label).lower():
                return code
    return None


def _date(value):
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    if not text:
        return None
    for fmt in ("%Y-%m-%d", "%Y/%m/%d", "%d.%m.%Y"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            pass
    raise ValueError


def check_rows(*, property, rows) -> list[Row]:
    categories = {}
    for c in AssetCategory.objects.filter(property=property):
        for key in (c.code, c.name, c.name_zh):
            if key:
                categories[key.strip().lower()] = c
    existing_codes = set(Asset.objects.filter(property=property).values_list("code", flat=True))
    seen = {}
    checked = []
    for index, raw in enumerate(rows, start=2):  # row 1 is the header
        row = Row(number=index, data={})
        d = row.data
        for key in ("code", "name", "building", "floor", "location", "manufacturer"):
            d[key] = _text(raw.get(key))
        for key, value in raw.items():
            if "\x00" in _text(value):
                row.errors.append(_("%(col)s holds a character that is not allowed (NUL).") % {"col": key})
        for key, limit in TEXT_LIMITS.items():
            if len(d[key]) > limit:
                row.errors.append(_("%(col)s is longer than %(max)d characters.") % {"col": key, "max": limit})
        for key in REQUIRED:
            if key not in ("category", "area_type") and not d[key]:
                row.errors.append(_("%(col)s is empty.") % {"col": key})
        if d["code"]:
            if d["code"] in existing_codes:
                row.errors.append(_("Asset tag %(code)s already exists.") % {"code": d["code"]})
            elif d["code"] in seen:
                row.errors.append(_("Asset tag %(code)s is also on row %(row)d.") % {"code": d["code"], "row": seen[d["code"]]})
            else:
                seen[d["code"]] = index
        category = categories.get(_text(raw.get("category")).lower())
        if category is None:
            row.errors.append(_("Unknown category “%(value)s”.") % {"value": _text(raw.get("category"))})
        d["category"] = category
        d["area_type"] = _choice(raw.get("area_type"), AreaType)
        if d["area_type"] is None:
            row.errors.append(_("Unknown area type “%(value)s”.") % {"value": _text(raw.get("area_type"))})
        status_text = _text(raw.get("status"))
        d["status"] = _choice(status_text, AssetStatus) if status_text else AssetStatus.IN_SERVICE
        if d["status"] is None:
            row.errors.append(_("Unknown status “%(value)s”.") % {"value": status_text})
        try:
            d["install_date"] = _date(raw.get("install_date"))
        except ValueError:
            d["install_date"] = None
            row.errors.append(_("Install date “%(value)s” is not a date (YYYY-MM-DD).") % {"value": _text(raw.get("install_date"))})
        life = _text(raw.get("expected_life_years"))
        d["expected_life_years"] = None
        if life:
            if life.isdigit() and 0 < int(life) <= 100:
                d["expected_life_years"] = int(life)
            else:
                row.errors.append(_("Expected life “%(value)s” must be a whole number of years (1–100).") % {"value": life})
        elif category is not None:
            d["expected_life_years"] = category.default_life_years
        checked.append(row)
    return checked


@transaction.atomic
def assets_import(*, property, rows: list[Row]) -> int:
    """Save checked rows; refuses the whole file when any row has an error."""
    if not rows or any(r.errors for r in rows):
        raise ImportFileError(_("The file has errors; nothing was imported."))
    locations = {}
    for place in Location.objects.filter(property=property):  # a file may name a place in either language
        locations.setdefault((place.building, place.floor, place.name), place)
        if place.name_zh:
            locations.setdefault((place.building, place.floor, place.name_zh), place)
    assets = []
    for row in rows:
        d = row.data
        key = (d["building"], d["floor"], d["location"])
        if key not in locations:
            locations[key] = Location.objects.create(
                property=property, building=d["building"], floor=d["floor"], name=d["location"], area_type=d["area_type"]
            )
        asset = Asset(
            property=property, code=d["code"], name=d["name"], category=d["category"], location=locations[key],
            install_date=d["install_date"], expected_life_years=d["expected_life_years"], status=d["status"],
            manufacturer=d["manufacturer"],
        )
        asset.save()
        assets.append(asset)
    return len(assets)


def rows_to_session(rows: list[Row]) -> list[dict]:
    """JSON-safe rows kept between preview and confirmation."""
    out = []
    for row in rows:
        d = dict(row.data)
        d["category"] = d["category"].pk if d["category"] else None
        d["install_date"] = d["install_date"].isoformat() if d["install_date"] else None
        out.append(d)
    return out


def rows_from_session(*, property, data: list[dict]) -> list[dict]:
    """Back to raw rows so they are checked again at confirmation (the data may have changed)."""
    categories = {c.pk: c.code for c in AssetCategory.objects.filter(property=property)}
    raw = []
    for d in data:
        r = dict(d)
        r["category"] = categories.get(d["category"], "")
        r["expected_life_years"] = "" if d["expected_life_years"] is None else str(d["expected_life_years"])
        r["install_date"] = d["install_date"] or ""
        raw.append(r)
    return raw
