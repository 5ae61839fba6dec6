"""Benchmark data: rooms, guests and stays of a large hotel group, bulk-loaded with COPY.
At scale 1.0: 300 rooms per property, 2,000,000 guests of the group and 3,000,000 stays over two
years; one stay in five is at another property than the one the guest was first recorded at."""

import datetime as dt
import random
import secrets
from urllib.parse import quote

from hotelqa.bench import BenchRequest, app_bench_modules, copy_rows, delete_rows, next_id, seeded

from .demo import COMPANIES, GIVEN, SURNAMES, WESTERN
from .engagement import bench as engagement_bench
from .models import Guest, Room, Stay

GUESTS = 2_000_000
STAYS_PER_GUEST = 1.5
ROOMS_PER_PROPERTY = 300  # 15 floors × 20
ELSEWHERE = 0.2  # share of stays at another property of the group


def guest_name(i, rng):
    """(name, other-script name): every bench guest has both, as the demo's."""
    if i % 7 == 0:
        return rng.choice(WESTERN)
    (surname, surname_pinyin), (given, given_pinyin) = rng.choice(SURNAMES), rng.choice(GIVEN)
    return surname + given, f"{surname_pinyin} {given_pinyin}"


def clear(ids):
    """Every app's rows that point at these properties' guests (each app's `clear_guest_records`,
    found through the bench modules), then the stays and the guests."""
    for module in app_bench_modules():
        hook = getattr(module, "clear_guest_records", None)
        if hook is not None:
            hook(ids)
    delete_rows("crm_stay", "property_id = ANY(%s) OR guest_id IN (SELECT id FROM crm_guest WHERE home_property_id = ANY(%s))", [ids, ids])
    delete_rows("crm_guest_preferences", "guest_id IN (SELECT id FROM crm_guest WHERE home_property_id = ANY(%s))", [ids])
    delete_rows("crm_guestmerge", "target_id IN (SELECT id FROM crm_guest WHERE home_property_id = ANY(%s))", [ids])
    delete_rows("crm_guest", "home_property_id = ANY(%s)", [ids])


def seed(*, properties, scale, stdout):
    per_property = max(50, int(GUESTS * scale) // len(properties))
    ids = [p.pk for p in properties]
    have = Guest.objects.filter(home_property_id__in=ids).count()
    if seeded(have, per_property * len(ids)) and Room.objects.filter(property_id__in=ids).count() >= ROOMS_PER_PROPERTY * len(ids):
        stdout.write(f"  crm: {have} guests already there")
        engagement_bench.seed(properties=properties, scale=scale, stdout=stdout)
        return
    clear(ids)  # a different scale: start over

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
    total_guests = per_property * len(ids)
    now = dt.datetime.now(dt.timezone.utc)

    def guests():
        for p_index, p in enumerate(ids):
            for i in range(per_property):
                gid = first_guest + p_index * per_property + i
                yield (gid, p, *guest_name(i, rng), f"1{3 + gid % 7}{gid:09d}"[:11], f"g{gid}@example.com" if i % 2 else "",
                       "id_card" if i % 3 == 0 else "", f"11010119{gid % 90 + 10}0101{gid % 10000:04d}" if i % 3 == 0 else "",
                       rng.choice(COMPANIES), rng.choice(["business", "leisure", "family", "group"]),
                       "en" if i % 7 == 0 else "zh-hans", rng.choice(["", "", "", "", "", "", "vip1", "vip2"]), "",
                       rng.choice([""] * 12 + ["花生", "海鲜", "Peanuts", "Gluten"]), "", False, "", now)

    n = copy_rows(Guest, ["id", "home_property_id", "name", "other_name", "phone", "email", "id_type", "id_number", "company", "guest_type",
                          "language", "vip_level", "notes", "allergies", "special_needs", "marketing_consent", "consent_channel", "created_at"], guests())
    stdout.write(f"  {n} guests")

    today = dt.date.today()

    def stays():
        for p_index, p in enumerate(ids):
            for i in range(int(per_property * STAYS_PER_GUEST)):
                if rng.random() < ELSEWHERE:  # a guest of the group first seen elsewhere
                    gid = first_guest + rng.randrange(total_guests)
                else:
                    gid = first_guest + p_index * per_property + rng.randrange(per_property)
                nights = rng.choice((1, 1, 2, 2, 3, 4))
                # The last few days hold current stays, so a room number finds today's guest.
                arrival = today - dt.timedelta(days=rng.randint(0, 730) if i % 20 else rng.randint(0, 3))
                yield (p, gid, rng.choice(rooms[p]), f"B{p}-{i:08d}", arrival, arrival + dt.timedelta(days=nights), nights, nights * rng.randint(450, 1200))

    n = copy_rows(Stay, ["property_id", "guest_id", "room_id", "reservation_number", "arrival", "departure", "room_nights", "spend"], stays())
    stdout.write(f"  {n} stays")
    engagement_bench.seed(properties=properties, scale=scale, stdout=stdout)


def clear_guest_records(ids):
    """Surveys point at guests and stays: they go before them."""
    engagement_bench.clear(ids)


def requests(*, property):
    from hotelqa.choices import Role

    guest = Guest.objects.filter(home_property=property).order_by("pk").first()
    name = guest.name if guest else "王"
    phone = guest.phone[:7] if guest and guest.phone else "1391234"
    return [
        BenchRequest("guest list", "/crm/guests/", role=Role.MANAGER),
        BenchRequest("guest search by name (type-ahead)", f"/crm/guests/search/?q={quote(name[:2])}", role=Role.FRONT_DESK),
        BenchRequest("guest search by phone (type-ahead)", f"/crm/guests/search/?q={phone}", role=Role.FRONT_DESK),
        BenchRequest("guest search by room (type-ahead)", "/crm/guests/search/?q=1208", role=Role.FRONT_DESK),
        BenchRequest("guest profile", f"/crm/guests/{guest.pk if guest else 0}/", role=Role.MANAGER),
    ] + engagement_bench.requests(property=property)
