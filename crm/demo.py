"""Demo rooms, guests and 90 days of stays per property (idempotent: skipped when guests exist)."""

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction

from .choices import GuestLanguage, GuestType, VipLevel
from .models import Guest, Room, Stay

SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林"]
GIVEN = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀英"]
WESTERN = ["Anna Schmidt", "John Carter", "Maria Rossi", "David Kim", "Sophie Martin", "James Wilson", "Emma Brown", "Lucas Silva"]
COMPANIES = ["", "", "", "华为", "阿里巴巴", "Siemens", "上海汽车", "Deloitte", "中国银行"]


@transaction.atomic
def seed(*, properties, stdout=None):
    for prop in properties:
        if Guest.objects.filter(property=prop).exists():
            continue
        rng = random.Random(f"crm-{prop.code}")
        floors = max(1, min(prop.room_count, 240) // 20)
        rooms = Room.objects.bulk_create(
            Room(property=prop, number=f"{floor}{n:02d}", floor=str(floor)) for floor in range(3, 3 + floors) for n in range(1, 21)
        )
        guests = []
        for i in range(400):
            if rng.random() < 0.15:
                name, language = rng.choice(WESTERN), GuestLanguage.EN
            else:
                name, language = rng.choice(SURNAMES) + rng.choice(GIVEN), GuestLanguage.ZH
            guests.append(Guest(
                property=prop, name=name, phone=f"13{rng.randint(100000000, 999999999)}", language=language,
                email=f"guest{i}.{prop.code}@example.com" if rng.random() < 0.5 else "",
                company=rng.choice(COMPANIES), guest_type=rng.choice(GuestType.values),
                vip_level=rng.choice([""] * 8 + [VipLevel.VIP1, VipLevel.VIP2]),
                allergies=rng.choice([""] * 12 + ["花生", "海鲜", "Peanuts", "Gluten"]),
            ))
        guests = Guest.objects.bulk_create(guests)
        today = dt.date.today()
        stays = []
        busy = {}  # guest pk -> [(arrival, departure)]: one person sleeps in one room at a time
        for room in rooms:
            day = today - dt.timedelta(days=92)
            while day < today + dt.timedelta(days=2):
                nights = rng.choice([1, 1, 2, 2, 3, 4])
                departure = day + dt.timedelta(days=nights)
                guest = _free_guest(rng, guests, busy, day, departure) if rng.random() < 0.65 else None
                if guest is None:
                    day += dt.timedelta(days=1)
                    continue
                busy.setdefault(guest.pk, []).append((day, departure))
                stays.append(Stay(
                    property=prop, guest=guest, room=room, arrival=day, departure=departure,
                    room_nights=nights, spend=Decimal(nights * rng.randint(450, 1200)),
                ))
                day = departure
        Stay.objects.bulk_create(stays, batch_size=2000)
        if stdout:
            stdout.write(f"CRM {prop.code}: {len(rooms)} rooms, {len(guests)} guests, {len(stays)} stays.")


def _free_guest(rng, guests, busy, arrival, departure):
    """A guest with no other stay overlapping [arrival, departure), or None after a few tries."""
    for _try in range(8):
        guest = rng.choice(guests)
        if all(departure <= a or d <= arrival for a, d in busy.get(guest.pk, ())):
            return guest
    return None
