"""Benchmark data: rooms, guests and stays of a large hotel group, bulk-loaded with COPY.
At scale 1.0: 300 rooms per property, 200,000 guests and about 300,000 stays over two years."""

import datetime as dt
import random
import secrets
from urllib.parse import quote

from hotelqa.bench import BenchRequest, copy_rows, delete_rows, next_id, seeded

from .demo import COMPANIES, GIVEN, SURNAMES, WESTERN
from .models import Guest, Room, Stay

GUESTS = 200_000
STAYS_PER_GUEST = 1.5
ROOMS_PER_PROPERTY = 300  # 15 floors × 20


def guest_name(i, rng):
    if i % 7 == 0:
        return rng.choice(WESTERN)
    return rng.choice(SURNAMES) + rng.choice(GIVEN)


def seed(*, properties, scale, stdout):
    per_property = max(50, int(GUESTS * scale) // len(properties))
    ids = [p.pk for p in properties]
    have = Guest.objects.filter(property_id__in=ids).count()
    if seeded(have, per_property * len(ids)) and Room.objects.filter(property_id__in=ids).count() >= ROOMS_PER_PROPERTY * len(ids):
        stdout.write(f"  crm: {have} guests already there")
        return
    # A different scale: start over (cases point at guests, so they go first).
    from complaints.bench import clear as clear_cases

    clear_cases(ids)
    delete_rows("crm_stay", "property_id = ANY(%s)", [ids])
    delete_rows("crm_guest", "property_id = ANY(%s)", [ids])

    existing_rooms = set(Room.objects.filter(property_id__in=ids).values_list("property_id", "number"))
    copy_rows(Room, ["property_id", "number", "floor", "guest_token", "is_active"], (
        (p, f"{floor}{n:02d}", str(floor), secrets.token_urlsafe(18), True)
        for p in ids for floor in range(3, 18) for n in range(1, 21) if (p, f"{floor}{n:02d}") not in existing_rooms
    ))
    rooms = {}
    for pk, prop_id in Room.objects.filter(property_id__in=ids).values_list("pk", "property_id"):
        rooms.setdefault(prop_id, []).append(pk)

    rng = random.Random("bench-crm")
    first_guest = next_id(Guest)
    now = dt.datetime.now(dt.timezone.utc)
    guest_rows = []
    for p_index, p in enumerate(ids):
        for i in range(per_property):
            gid = first_guest + p_index * per_property + i
            guest_rows.append((gid, p, guest_name(i, rng), f"13{rng.randint(100000000, 999999999)}", f"g{gid}@example.com" if i % 2 else "",
                               rng.choice(COMPANIES), rng.choice(["business", "leisure", "family", "group"]),
                               "en" if i % 7 == 0 else "zh-hans", rng.choice(["", "", "", "", "", "", "vip1", "vip2"]), "", "", now))
    n = copy_rows(Guest, ["id", "property_id", "name", "phone", "email", "company", "guest_type", "language", "vip_level", "notes", "allergies", "created_at"], guest_rows)
    stdout.write(f"  {n} guests")

    today = dt.date.today()

    def stays():
        for p_index, p in enumerate(ids):
            for i in range(int(per_property * STAYS_PER_GUEST)):
                gid = first_guest + p_index * per_property + rng.randrange(per_property)
                nights = rng.choice((1, 1, 2, 2, 3, 4))
                # The last few days hold current stays, so a room number finds today's guest.
                arrival = today - dt.timedelta(days=rng.randint(0, 730) if i % 20 else rng.randint(0, 3))
                yield (p, gid, rng.choice(rooms[p]), arrival, arrival + dt.timedelta(days=nights), nights, nights * rng.randint(450, 1200))

    n = copy_rows(Stay, ["property_id", "guest_id", "room_id", "arrival", "departure", "room_nights", "spend"], stays())
    stdout.write(f"  {n} stays")


def requests(*, property):
    from hotelqa.choices import Role

    guest = Guest.objects.filter(property=property).order_by("pk").first()
    name = guest.name if guest else "王"
    return [
        BenchRequest("guest list", "/crm/guests/", role=Role.MANAGER),
        BenchRequest("guest search (type-ahead)", f"/crm/guests/search/?q={quote(name[:2])}", role=Role.FRONT_DESK),
        BenchRequest("guest profile", f"/crm/guests/{guest.pk if guest else 0}/", role=Role.MANAGER),
    ]
