"""Demo rooms, guests and 90 days of stays per property (idempotent: skipped when guests exist)."""

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction

from .choices import GuestLanguage, GuestType, VipLevel
from .models import Guest, Room, Stay

# Every demo guest has both names, as the PMS keeps them: a Chinese guest's pinyin, a foreign
# guest's Chinese transliteration (readers of either language see theirs first).
SURNAMES = [("王", "Wang"), ("李", "Li"), ("张", "Zhang"), ("刘", "Liu"), ("陈", "Chen"), ("杨", "Yang"), ("赵", "Zhao"), ("黄", "Huang"),
            ("周", "Zhou"), ("吴", "Wu"), ("徐", "Xu"), ("孙", "Sun"), ("胡", "Hu"), ("朱", "Zhu"), ("高", "Gao"), ("林", "Lin")]
GIVEN = [("伟", "Wei"), ("芳", "Fang"), ("娜", "Na"), ("敏", "Min"), ("静", "Jing"), ("磊", "Lei"), ("洋", "Yang"), ("艳", "Yan"),
         ("勇", "Yong"), ("军", "Jun"), ("杰", "Jie"), ("娟", "Juan"), ("涛", "Tao"), ("明", "Ming"), ("超", "Chao"), ("秀英", "Xiuying")]
WESTERN = [("Anna Schmidt", "安娜·施密特"), ("John Carter", "约翰·卡特"), ("Maria Rossi", "玛丽亚·罗西"), ("David Kim", "大卫·金"),
           ("Sophie Martin", "苏菲·马丁"), ("James Wilson", "詹姆斯·威尔逊"), ("Emma Brown", "艾玛·布朗"), ("Lucas Silva", "卢卡斯·席尔瓦")]
COMPANIES = ["", "", "", "华为", "阿里巴巴", "Siemens", "上海汽车", "Deloitte", "中国银行"]


@transaction.atomic
def seed(*, properties, stdout=None):
    earlier = []  # guests of the properties seeded before: some come back to this one
    busy = {}  # guest pk -> [(arrival, departure)]: one person sleeps in one room at a time
    for prop in properties:
        if Guest.objects.filter(home_property=prop).exists():
            continue
        rng = random.Random(f"crm-{prop.code}")
        floors = max(1, min(prop.room_count, 240) // 20)
        rooms = Room.objects.bulk_create(
            Room(property=prop, number=f"{floor}{n:02d}", floor=str(floor)) for floor in range(3, 3 + floors) for n in range(1, 21)
        )
        guests = []
        for i in range(400):
            if rng.random() < 0.15:
                (name, other_name), language = rng.choice(WESTERN), GuestLanguage.EN
            else:
                (surname, surname_pinyin), (given, given_pinyin) = rng.choice(SURNAMES), rng.choice(GIVEN)
                name, other_name, language = surname + given, f"{surname_pinyin} {given_pinyin}", GuestLanguage.ZH
            guests.append(Guest(
                home_property=prop, name=name, other_name=other_name, phone=f"13{rng.randint(100000000, 999999999)}", language=language,
                email=f"guest{i}.{prop.code}@example.com" if rng.random() < 0.5 else "",
                company=rng.choice(COMPANIES), guest_type=rng.choice(GuestType.values),
                vip_level=rng.choice([""] * 8 + [VipLevel.VIP1, VipLevel.VIP2]),
                allergies=rng.choice([""] * 12 + ["花生", "海鲜", "Peanuts", "Gluten"]),
            ))
        guests = Guest.objects.bulk_create(guests)
        pool = guests + earlier[:40]
        earlier += guests
        today = dt.date.today()
        stays = []
        for room in rooms:
            day = today - dt.timedelta(days=92)
            while day < today + dt.timedelta(days=2):
                nights = rng.choice([1, 1, 2, 2, 3, 4])
                departure = day + dt.timedelta(days=nights)
                guest = _free_guest(rng, pool, busy, day, departure) if rng.random() < 0.65 else None
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
    seed_engagement(properties=properties, stdout=stdout)


def _free_guest(rng, guests, busy, arrival, departure):
    """A guest with no other stay overlapping [arrival, departure), or None after a few tries."""
    for _try in range(8):
        guest = rng.choice(guests)
        if all(departure <= a or d <= arrival for a, d in busy.get(guest.pk, ())):
            return guest
    return None


def seed_engagement(*, properties, stdout=None):
    from .engagement import demo

    demo.seed(properties=properties, stdout=stdout)
