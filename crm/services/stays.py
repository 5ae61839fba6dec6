"""Stays from the PMS (the import, and the REST API one row at a time): written through one
bulk path, so a row saved by either ends up the same."""

from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import connections, transaction
from django.utils.translation import gettext as _

from hotelqa.models import Property

from ..models import Guest, Room, Stay

CHUNK = 2000
STAY_FIELDS = ["guest_id", "room_id", "arrival", "departure", "room_nights", "spend"]


@dataclass
class Written:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    guests_created: int = 0


def _chunks(items, size=CHUNK):
    items = list(items)
    for i in range(0, len(items), size):
        yield items[i:i + size]


def _find_guests(rows):
    """{row index: guest id} for rows whose person is in the group already: by ID number, then
    phone, then e-mail (a handful of IN queries per 2,000 rows)."""
    found = {}
    for fld in ("id_number", "phone", "email"):
        wanted = {r[fld] for i, r in enumerate(rows) if r.get(fld) and i not in found}
        known = {}
        for chunk in _chunks(wanted):
            for value, pk in Guest.objects.active().filter(**{f"{fld}__in": chunk}).order_by("-pk").values_list(fld, "pk"):
                known[value] = pk  # the oldest profile wins (ordered newest first)
        for i, r in enumerate(rows):
            if i not in found and r.get(fld) in known:
                found[i] = known[r[fld]]
    return found


def _person_key(row, i):
    for fld in ("id_number", "phone", "email"):
        if row.get(fld):
            return (fld, row[fld])
    return ("row", i)


def write_rows(*, property: Property, rows: list[dict], progress=None) -> Written:
    """Save checked rows (see `crm.importing.check`): create or update each stay by its
    reservation number, finding or creating its guest. Call inside a transaction: it is all
    or nothing with the caller's."""
    result = Written()
    numbers = [r["reservation_number"] for r in rows]
    existing = {}
    for chunk in _chunks(numbers):
        for stay in Stay.objects.filter(property=property, reservation_number__in=chunk).only("pk", "reservation_number", *STAY_FIELDS):
            existing[stay.reservation_number] = stay
    new_rows = [r for r in rows if r["reservation_number"] not in existing]
    found = _find_guests(new_rows)
    to_create, keys = [], {}
    for i, r in enumerate(new_rows):
        if i in found:
            continue
        key = _person_key(r, i)
        if key not in keys:
            keys[key] = len(to_create)
            to_create.append(Guest(home_property=property, name=r["guest_name"], other_name=r.get("guest_other_name", ""), phone=r.get("phone", ""), email=r.get("email", ""),
                                   id_number=r.get("id_number", ""), id_type="other" if r.get("id_number") else ""))
    created_guests = _insert_guests(to_create)
    result.guests_created = len(created_guests)
    stays, changed = [], []
    for i, r in enumerate(new_rows):
        guest_id = found[i] if i in found else created_guests[keys[_person_key(r, i)]].pk
        stays.append((property.pk, guest_id, r["reservation_number"], r.get("room_id"), r["arrival"], r["departure"], r["room_nights"], r["spend"]))
    for r in rows:
        stay = existing.get(r["reservation_number"])
        if stay is None:
            continue
        values = {"room_id": r.get("room_id"), "arrival": r["arrival"], "departure": r["departure"], "room_nights": r["room_nights"], "spend": Decimal(r["spend"])}
        if any(getattr(stay, k) != v for k, v in values.items()):
            for k, v in values.items():
                setattr(stay, k, v)
            changed.append(stay)
        else:
            result.unchanged += 1
    _insert_stays(stays, progress)
    Stay.objects.bulk_update(changed, ["room_id", "arrival", "departure", "room_nights", "spend"], batch_size=CHUNK)
    result.created, result.updated = len(stays), len(changed)
    return result


def _insert_guests(guests):
    """New guests with their ids set. PostgreSQL: ids drawn from the sequence, rows sent with COPY
    (a large import makes tens of thousands); elsewhere bulk_create."""
    connection = connections[Guest.objects.db]
    if connection.vendor != "postgresql" or len(guests) < 500:
        return Guest.objects.bulk_create(guests, batch_size=CHUNK)
    fields = [f for f in Guest._meta.concrete_fields]
    table = Guest._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT nextval(pg_get_serial_sequence('{table}', 'id')) FROM generate_series(1, %s)", [len(guests)])
        for guest, (pk,) in zip(guests, cursor.fetchall()):
            guest.pk = pk
        columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
        with cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
            for guest in guests:
                copy.write_row([getattr(guest, f.attname) for f in fields])
    return guests


def _insert_stays(rows, progress=None):
    """New stays in plain multi-row INSERTs: the ORM's bulk_create spends more time building
    100,000 model instances and their SQL than the database spends storing them."""
    connection = connections[Stay.objects.db]
    ops = connection.ops
    columns = ["property_id", "guest_id", "reservation_number", "room_id", "arrival", "departure", "room_nights", "spend"]
    fields = [Stay._meta.get_field(c[:-3] if c.endswith("_id") else c) for c in columns]
    table = ops.quote_name(Stay._meta.db_table)
    names = ", ".join(ops.quote_name(f.column) for f in fields)
    if connection.vendor == "postgresql" and len(rows) >= 500:
        with connection.cursor() as cursor, cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for n, row in enumerate(rows, 1):
                copy.write_row(row)
                if progress and n % CHUNK == 0:
                    progress(n)
        return
    per = max(1, min(CHUNK, (ops.bulk_batch_size(fields, rows) if rows else 1)))
    # Dates and amounts as the backend stores them (what Field.get_db_prep_save does, once per column).
    converters = [
        ops.adapt_datefield_value if c in ("arrival", "departure")
        else (lambda v: ops.adapt_decimalfield_value(v, 12, 2)) if c == "spend" else None
        for c in columns
    ]
    done = 0
    with connection.cursor() as cursor:
        for i in range(0, len(rows), per):
            chunk = rows[i:i + per]
            values = ", ".join(["(" + ", ".join(["%s"] * len(columns)) + ")"] * len(chunk))
            params = []
            for row in chunk:
                params.extend(row)
            params = [convert(v) if convert else v for convert, v in zip(converters * len(chunk), params)]
            cursor.execute(f"INSERT INTO {table} ({names}) VALUES {values}", params)
            done += len(chunk)
            if progress:
                progress(done)


def guest_upsert(*, property: Property, name: str, phone: str = "", email: str = "", id_number: str = "", **fields) -> tuple[Guest, bool]:
    """The group's guest with this ID number, phone or e-mail (in that order), with empty fields
    filled from what is given; or a new guest first recorded at `property`. Returns (guest, created)."""
    name, phone, email, id_number = name.strip(), phone.strip(), email.strip().lower(), id_number.strip().upper()
    if not name:
        raise ValidationError({"name": _("Give the guest's name.")})
    found = _find_guests([{"id_number": id_number, "phone": phone, "email": email}])
    if found:
        guest = Guest.objects.select_for_update().get(pk=found[0])
        changed = []
        for fld, value in {"phone": phone, "email": email, "id_number": id_number, **fields}.items():
            if value and not getattr(guest, fld):
                setattr(guest, fld, value)
                changed.append(fld)
        if changed:
            guest.full_clean()
            guest.save()
        return guest, False
    guest = Guest(home_property=property, name=name, phone=phone, email=email, id_number=id_number, **fields)
    if id_number and not guest.id_type:
        guest.id_type = "other"
    guest.full_clean()
    guest.save()
    return guest, True


@transaction.atomic
def stay_upsert(*, property: Property, reservation_number: str, guest: Guest, arrival, departure, room: Room | None = None,
                room_nights: int | None = None, spend=Decimal("0")) -> tuple[Stay, str]:
    """One stay by its reservation number at the property: created, updated or left as it is.
    Returns (stay, "created" | "updated" | "unchanged"). The guest of a known stay is kept."""
    reservation_number = (reservation_number or "").strip()
    if not reservation_number:
        raise ValidationError({"reservation_number": _("Give the reservation number.")})
    if room is not None and room.property_id != property.pk:
        raise ValidationError({"room": _("The room belongs to another property.")})
    if arrival and departure and departure < arrival:
        raise ValidationError({"departure": _("Departure cannot be before arrival.")})
    nights = room_nights if room_nights is not None else max((departure - arrival).days, 1)
    existing = Stay.objects.select_for_update().filter(property=property, reservation_number=reservation_number).first()
    row = {"reservation_number": reservation_number, "guest_name": guest.name, "id_number": guest.id_number, "phone": guest.phone,
           "email": guest.email, "room_id": room.pk if room else None, "arrival": arrival, "departure": departure,
           "room_nights": nights, "spend": Decimal(spend).quantize(Decimal("0.01"))}
    if existing is None:
        stay = Stay(property=property, guest=guest, reservation_number=reservation_number, room=room, arrival=arrival,
                    departure=departure, room_nights=nights, spend=row["spend"])
        stay.full_clean()
        stay.save()
        return stay, "created"
    result = write_rows(property=property, rows=[row])
    existing.refresh_from_db()
    return existing, "updated" if result.updated else "unchanged"
