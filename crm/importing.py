"""PMS stay import: an arrivals/departures export (CSV in UTF-8, UTF-8 with BOM or GBK, or XLSX)
read, mapped to our fields with the property's remembered column mapping, every row checked,
and saved only when no row fails.

Idempotent: a stay is known by its reservation number (unique per property), so importing the
same file again changes nothing, and a corrected file updates the stays it names. A guest is
found in the group by ID number, then phone, then e-mail; otherwise one is created (once per
person in the file)."""

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.validators import validate_email
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Guest, Room, Stay

MAX_ROWS = 500_000
# Our fields, what they are called on the page, and header names a PMS export uses for them
# (English or Chinese; compared lower-cased without spaces or underscores).
FIELDS = {
    "reservation_number": (gettext_lazy("Reservation number"), ["reservation", "reservationnumber", "resno", "confirmation", "confirmationno", "预订号", "预定号", "订单号", "确认号"]),
    "guest_name": (gettext_lazy("Guest name"), ["name", "guest", "guestname", "姓名", "客人姓名", "宾客姓名"]),
    # The same person's name in the other script (the PMS keeps 姓名 and 英文名/拼音 side by side).
    "guest_other_name": (gettext_lazy("Guest name in the other script"), ["othername", "pinyin", "englishname", "chinesename", "拼音", "拼音姓名", "英文名", "英文姓名", "中文名", "中文姓名"]),
    "phone": (gettext_lazy("Phone"), ["phone", "mobile", "tel", "telephone", "手机", "电话", "手机号"]),
    "email": (gettext_lazy("Email"), ["email", "e-mail", "mail", "邮箱", "电子邮件"]),
    "id_number": (gettext_lazy("ID / passport number"), ["id", "idnumber", "passport", "passportno", "证件号", "证件号码", "身份证号"]),
    "room": (gettext_lazy("Room"), ["room", "roomno", "roomnumber", "房号", "房间号"]),
    "arrival": (gettext_lazy("Arrival"), ["arrival", "arrivaldate", "checkin", "check-in", "到达日期", "入住日期", "抵店日期"]),
    "departure": (gettext_lazy("Departure"), ["departure", "departuredate", "checkout", "check-out", "离开日期", "离店日期", "退房日期"]),
    "room_nights": (gettext_lazy("Room-nights"), ["nights", "roomnights", "间夜", "间夜数", "晚数"]),
    "spend": (gettext_lazy("Spend"), ["spend", "revenue", "total", "amount", "消费", "消费金额", "总金额", "房费"]),
}
REQUIRED = ["reservation_number", "guest_name", "arrival", "departure"]
LIMITS = {
    "reservation_number": Stay._meta.get_field("reservation_number").max_length,
    "guest_name": Guest._meta.get_field("name").max_length,
    "guest_other_name": Guest._meta.get_field("other_name").max_length,
    "phone": Guest._meta.get_field("phone").max_length,
    "id_number": Guest._meta.get_field("id_number").max_length,
    "email": Guest._meta.get_field("email").max_length,
}
# More nights than any stay has: a typo, and a number the database column would refuse.
MAX_NIGHTS = 3660
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d", "%d.%m.%Y", "%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y-%m-%d %H:%M")
MAX_ERRORS = 200


class ImportFileError(Exception):
    pass


@dataclass
class Table:
    header: list
    rows: list  # lists of cell values, in file order (blank rows left out)
    lines: list = field(default_factory=list)  # each row's line in the file (the header's is 1)


@dataclass
class Checked:
    rows: list = field(default_factory=list)  # clean dicts, with "line"
    errors: list = field(default_factory=list)  # {"row", "field", "message"}
    error_count: int = 0

    def add(self, line, fld, message):
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append({"row": line, "field": fld, "message": str(message)})


def decode(content: bytes) -> str:
    """UTF-8 (with or without BOM), else GBK/GB18030 as Excel on Chinese Windows saves it."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return content.decode("gb18030")
        except UnicodeDecodeError:
            raise ImportFileError(_("The CSV file is neither UTF-8 nor GBK text.")) from None


def read_table(fileobj, name) -> Table:
    name = (name or "").lower()
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(fileobj, read_only=True, data_only=True).worksheets[0]
            raw = [list(r) for r in sheet.iter_rows(values_only=True)]
        except Exception:
            raise ImportFileError(_("The file is not a readable XLSX workbook.")) from None
    elif name.endswith(".csv") or name.endswith(".txt"):
        text = decode(fileobj.read())
        try:
            dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        except csv.Error:
            dialect = csv.excel
        try:
            raw = list(csv.reader(io.StringIO(text), dialect))
        except csv.Error:
            raise ImportFileError(_("The CSV file could not be read (check its quotes).")) from None
    else:
        raise ImportFileError(_("Upload a .csv or .xlsx file."))
    # Blank rows are left out; the others keep their line in the file for the error list.
    numbered = [(line, r) for line, r in enumerate(raw, start=1) if any(c not in (None, "") for c in r)]
    if not numbered:
        raise ImportFileError(_("The file is empty."))
    header = [_text(h) for h in numbered[0][1]]
    if len(numbered) - 1 > MAX_ROWS:
        raise ImportFileError(_("At most %(n)d rows per file.") % {"n": MAX_ROWS})
    if len(numbered) < 2:
        raise ImportFileError(_("The file has a header row but no stays."))
    return Table(header=header, rows=[r for _line, r in numbered[1:]], lines=[line for line, _r in numbered[1:]])


def _key(text):
    return re.sub(r"[\s_]+", "", text.lower())


def guess_mapping(header, remembered=None) -> dict:
    """{our field: column header}: the property's remembered mapping where its columns are in the
    file, else a header the field is known by."""
    remembered = remembered or {}
    mapping = {}
    for fld, (_label, names) in FIELDS.items():
        if remembered.get(fld) in header:
            mapping[fld] = remembered[fld]
            continue
        for col in header:
            if _key(col) == _key(fld) or _key(col) in names:
                mapping[fld] = col
                break
    return mapping


def mapping_errors(mapping, header) -> dict:
    errors = {}
    for fld in REQUIRED:
        if not mapping.get(fld):
            errors[fld] = _("Choose the column that holds this.")
    for fld, col in mapping.items():
        if col and col not in header:
            errors[fld] = _("The file has no column “%(col)s”.") % {"col": col}
    return errors


def _text(value):
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    return str(value).strip()


def _date(value):
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = _text(value)
    if len(text) == 10 and text[4] == "-":
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            return None
    for fmt in DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            pass
    return None


def check(table: Table, mapping: dict, *, property, progress=None) -> Checked:
    """Every row checked, nothing saved. `progress(done)` is called every 5,000 rows."""
    index = {fld: table.header.index(col) for fld, col in mapping.items() if col in table.header}
    rooms = dict(Room.objects.filter(property=property).values_list("number", "pk"))
    rooms_upper = {k.upper(): v for k, v in rooms.items()}
    seen = {}
    out = Checked()
    width = len(table.header)
    for n, cells in enumerate(table.rows):
        line = table.lines[n] if table.lines else n + 2  # the header is line 1
        cells = list(cells) + [None] * (width - len(cells))
        raw = {fld: cells[i] for fld, i in index.items()}
        row = {"line": line}
        ok = True
        for fld in ("reservation_number", "guest_name", "guest_other_name", "phone", "id_number"):
            text = _text(raw.get(fld))
            if fld in REQUIRED and not text:
                out.add(line, fld, _("%(field)s is empty.") % {"field": FIELDS[fld][0]})
                ok = False
            elif len(text) > LIMITS[fld]:
                out.add(line, fld, _("At most %(n)d characters.") % {"n": LIMITS[fld]})
                ok = False
            row[fld] = text
        row["id_number"] = row["id_number"].upper()
        email = _text(raw.get("email")).lower()
        if email:
            try:
                validate_email(email)
            except ValidationError:
                out.add(line, "email", _("“%(value)s” is not an e-mail address.") % {"value": email[:60]})
                ok = False
            else:
                if len(email) > LIMITS["email"]:
                    out.add(line, "email", _("At most %(n)d characters.") % {"n": LIMITS["email"]})
                    ok = False
        row["email"] = email
        for fld in ("arrival", "departure"):
            value = _date(raw.get(fld))
            if value is None:
                text = _text(raw.get(fld))
                out.add(line, fld, _("“%(value)s” is not a date (write 2026-05-14).") % {"value": text[:40]} if text else _("%(field)s is empty.") % {"field": FIELDS[fld][0]})
                ok = False
            row[fld] = value
        if row.get("arrival") and row.get("departure") and row["departure"] < row["arrival"]:
            out.add(line, "departure", _("Departure cannot be before arrival."))
            ok = False
        room = _text(raw.get("room"))
        row["room"], row["room_id"] = room, None
        if room:
            row["room_id"] = rooms.get(room) or rooms_upper.get(room.upper())
            if row["room_id"] is None:
                out.add(line, "room", _("There is no room “%(room)s” at this property.") % {"room": room[:20]})
                ok = False
        nights = _text(raw.get("room_nights"))
        if nights:
            try:
                value = Decimal(nights)
                if not value.is_finite() or not 0 <= value <= MAX_NIGHTS:  # checked before int(): "1e999999999"
                    raise InvalidOperation
                row["room_nights"] = int(value)
            except (InvalidOperation, ValueError):
                out.add(line, "room_nights", _("“%(value)s” is not a number of nights.") % {"value": nights[:20]})
                ok = False
        elif row.get("arrival") and row.get("departure"):
            row["room_nights"] = max((row["departure"] - row["arrival"]).days, 1)
        spend = _text(raw.get("spend")).replace(",", "").replace("¥", "").replace("￥", "")
        try:
            row["spend"] = Decimal(spend).quantize(Decimal("0.01")) if spend else Decimal("0.00")
            if not row["spend"].is_finite() or abs(row["spend"]) >= Decimal("1e10"):
                raise InvalidOperation
        except InvalidOperation:
            out.add(line, "spend", _("“%(value)s” is not an amount.") % {"value": spend[:20]})
            ok = False
        number = row["reservation_number"]
        if number:
            if number in seen:
                out.add(line, "reservation_number", _("Reservation %(number)s is also on line %(line)d.") % {"number": number, "line": seen[number]})
                ok = False
            else:
                seen[number] = line
        if ok:
            out.rows.append(row)
        if progress and (n + 1) % 5000 == 0:
            progress(n + 1)
    return out
