"""Demo facilities data: categories, rooms and areas, assets, three checklists (客房, 公共区域,
消防安全), schedules and a month of inspections with some failures and work orders.
Safe to run again: everything is looked up by its natural key first."""

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from hotelqa.checklists import services as cl
from hotelqa.checklists.choices import AnswerType
from hotelqa.checklists.models import ChecklistTemplate
from hotelqa.choices import DepartmentKind, Role
from hotelqa.i18n import split_combined
from hotelqa.models import Membership

from . import scheduling, services
from .choices import AreaType, Frequency, InspectionStatus, Priority, ScopeKind, WorkOrderStatus
from .models import Asset, AssetCategory, Inspection, InspectionSchedule, Location, WorkOrder

P, S, N, T, PH = AnswerType.PASS_FAIL, AnswerType.SCORE, AnswerType.NUMBER, AnswerType.TEXT, AnswerType.PHOTO

# name → [(section, [(text, standard, type, weight, critical, min, max, unit)])]
TEMPLATES = {
    "Guest room 客房": [
        ("Room condition 客房状况", [
            ("Air-conditioning cools and is quiet 空调制冷正常、无异响", "Set to 22 °C, outlet air cold within 3 minutes 设定22 °C，3分钟内出风变凉", P, 2, False, None, None, ""),
            ("Outlet air temperature 出风口温度", "Between 12 and 18 °C in cooling mode 制冷模式下12–18 °C", N, 1, False, 12, 18, "°C"),
            ("TV and remote work 电视及遥控器正常", "All channels, remote batteries good 频道齐全，遥控器电池电量充足", P, 1, False, None, None, ""),
            ("Hot water at the tap 热水供应", "Hot water within 30 seconds, at least 45 °C 30秒内出热水，不低于45 °C", N, 2, False, 45, 65, "°C"),
            ("Smart lock opens with a key card 智能门锁正常", "Opens first time, battery indicator green 一次刷卡即开，电量指示灯为绿色", P, 2, True, None, None, ""),
            ("Lighting 照明", "Every lamp works, no flicker 所有灯具正常，无闪烁", P, 1, False, None, None, ""),
        ]),
        ("Cleanliness 卫生状况", [
            ("Bathroom cleanliness 卫生间清洁", "No hair, stains or odour 无毛发、污渍和异味", S, 2, False, None, None, ""),
            ("Bed and linen 床铺布草", "Clean, no stains, made to standard 干净无污渍，按标准铺设", S, 1, False, None, None, ""),
        ]),
        ("Safety 安全隐患", [
            ("Smoke detector present and lit 烟感完好", "Indicator blinking, no cover 指示灯闪烁，无遮盖", P, 2, True, None, None, ""),
            ("Remarks 备注", "", T, 0, False, None, None, ""),
        ]),
    ],
    "Public area 公共区域": [
        ("Lobby and corridors 大堂及走廊", [
            ("Floor clean and dry 地面清洁干燥", "No spills; wet-floor sign where mopping 无洒漏；拖地处放置小心地滑标识", S, 2, False, None, None, ""),
            ("Lighting 照明", "All fixtures on during opening hours 营业时间内灯具全部开启", P, 1, False, None, None, ""),
            ("Furniture in good repair 家具完好", "No wobble, tears or sharp edges 无晃动、破损或锐边", P, 1, False, None, None, ""),
            ("Wi-Fi signal 无线网络信号", "Speed test at the seating area 在休息区测速", N, 1, False, 20, None, "Mbps"),
            ("Emergency exit clear 安全出口畅通", "Nothing stored in front of exits; signs lit 出口前无堆放物品；指示灯亮", P, 3, True, None, None, ""),
            ("Photo of the area 区域照片", "One overview photo 一张全景照片", PH, 1, False, None, None, ""),
        ]),
    ],
    "Fire safety 消防安全": [
        ("Extinguisher 灭火器", [
            ("Pressure gauge in the green 压力表指针在绿区", "Needle in the green band 指针位于绿色区域", P, 3, True, None, None, ""),
            ("Safety pin and seal intact 保险销及铅封完好", "Pin in place, seal unbroken 保险销在位，铅封完好", P, 2, True, None, None, ""),
            ("Inspection tag up to date 检查标签在有效期内", "Last monthly check signed 上月检查已签字", P, 1, False, None, None, ""),
            ("Accessible and visible 取用方便、标识清晰", "Not blocked, sign visible 无遮挡，标识清晰可见", S, 1, False, None, None, ""),
        ]),
    ],
}


def _locations(prop):
    rows = [("Main", "1", "Lobby 大堂", AreaType.LOBBY), ("Main", "1", "Restaurant 餐厅", AreaType.FOOD_BEVERAGE),
            ("Main", "1", "Kitchen 厨房", AreaType.KITCHEN), ("Main", "B1", "Engineering room 工程部", AreaType.BACK_OF_HOUSE),
            ("Main", "1", "Garden 花园", AreaType.OUTDOOR)]
    for floor in range(3, 7):
        rows.append(("Main", str(floor), f"Corridor {floor}F {floor}楼走廊", AreaType.CORRIDOR))
        rows += [("Main", str(floor), f"{floor}{n:02d}", AreaType.GUEST_ROOM) for n in range(1, 9)]
    result = {}
    for building, floor, name, area in rows:
        name_en, name_zh = split_bilingual(name)
        loc, _ = Location.objects.get_or_create(property=prop, building=building, floor=floor, name=name_en,
                                                defaults={"area_type": area, "name_zh": name_zh})
        result[name] = loc
    return result


def _assets(prop, locations, rng):
    cats = {c.code: c for c in AssetCategory.objects.filter(property=prop)}
    today = timezone.localdate()
    specs = []
    for name, loc in locations.items():
        if loc.area_type == AreaType.GUEST_ROOM:
            specs += [(f"AC-{name}", "Split air-conditioner 分体空调", "air-conditioning", loc),
                      (f"TV-{name}", "55\" TV 电视", "tv", loc),
                      (f"WH-{name}", "Water heater 热水器", "water-heater", loc),
                      (f"LK-{name}", "Smart lock 智能门锁", "smart-lock", loc)]
        elif loc.area_type == AreaType.CORRIDOR:
            specs += [(f"FE-{loc.floor}F-{i}", "Fire extinguisher 灭火器", "fire-safety", loc) for i in (1, 2)]
            specs.append((f"AP-{loc.floor}F", "Wi-Fi access point 无线AP", "network", loc))
    lobby, kitchen = locations["Lobby 大堂"], locations["Kitchen 厨房"]
    specs += [("LT-LOBBY-1", "Chandelier 水晶吊灯", "lighting", lobby), ("FN-LOBBY-1", "Lobby sofa set 大堂沙发", "furniture", lobby),
              ("LIFT-1", "Guest lift 1 客梯1", "lift", lobby), ("LIFT-2", "Guest lift 2 客梯2", "lift", lobby),
              ("KE-OVEN-1", "Combi oven 蒸烤箱", "kitchen-equipment", kitchen), ("FE-KITCHEN-1", "Fire extinguisher 灭火器", "fire-safety", kitchen)]
    for code, name, cat, loc in specs:
        category = cats[cat]
        years_ago = rng.choice([1, 2, 3, 5, 7, 9, 11, 12])
        name_en, name_zh = split_bilingual(name)
        Asset.objects.get_or_create(
            property=prop, code=code,
            defaults={"name": name_en, "name_zh": name_zh, "category": category, "location": loc,
                      "install_date": today.replace(year=today.year - years_ago),
                      "expected_life_years": category.default_life_years},
        )


# Which category a failed item's work order belongs to (open defects by category).
ITEM_CATEGORIES = [("Air-conditioning", "air-conditioning"), ("Outlet air", "air-conditioning"), ("TV", "tv"),
                   ("Hot water", "water-heater"), ("Smart lock", "smart-lock"), ("Lighting", "lighting"),
                   ("Furniture", "furniture"), ("Wi-Fi", "network"), ("Smoke", "fire-safety"), ("Emergency", "fire-safety"),
                   ("Bathroom", "plumbing")]


def split_bilingual(text):
    """The demo writes its names as "English 中文" here and stores each language in its own field:
    "Corridor 3F 3楼走廊" → ("Corridor 3F", "3楼走廊"); a name in one language only → (text, "")."""
    return split_combined(text) or (text, "")


def _templates(prop, actor):
    cats = {c.code: c for c in AssetCategory.objects.filter(property=prop)}
    result = {}
    for name, sections in TEMPLATES.items():
        name_en, name_zh = split_bilingual(name)
        template = ChecklistTemplate.objects.filter(property=prop, name__in=[name, name_en]).first()
        if template is None:
            template = cl.checklist_template_create(property=prop, name=name_en)
            ChecklistTemplate.objects.filter(pk=template.pk).update(name_zh=name_zh)
            draft = cl.checklist_draft(template=template)
            for title, items in sections:
                title_en, title_zh = split_bilingual(title)
                section = cl.checklist_section_add(version=draft, title=title_en, title_zh=title_zh)
                for text, standard, kind, weight, critical, lo, hi, unit in items:
                    code = next((c for prefix, c in ITEM_CATEGORIES if text.startswith(prefix)), None)
                    text_en, text_zh = split_bilingual(text)
                    standard_en, standard_zh = split_bilingual(standard)
                    item = cl.checklist_item_add(section=section, text=text_en, text_zh=text_zh, standard=standard_en,
                                                 standard_zh=standard_zh, answer_type=kind,
                                                 weight=Decimal(weight), critical=critical, required=kind != T,
                                                 min_value=lo, max_value=hi, unit=unit)
                    services.checklist_item_set_defect_category(item=item, category=cats.get(code))
            cl.checklist_version_publish(version=draft, actor=actor)
        result[name] = template
    return result


def _member(prop, role, kind=None):
    qs = Membership.objects.filter(property=prop, role=role).select_related("user")
    if kind:
        qs = qs.filter(department__kind=kind)
    m = qs.first()
    return m.user if m else None


def _schedules(prop, templates, locations, start):
    housekeeping = prop.departments.filter(kind=DepartmentKind.HOUSEKEEPING).first()
    engineering = prop.departments.filter(kind=DepartmentKind.ENGINEERING).first()
    security = prop.departments.filter(kind=DepartmentKind.SECURITY).first()
    staff = _member(prop, Role.STAFF)
    frontdesk = _member(prop, Role.FRONT_DESK)
    specs = [
        ("Daily room check, 3rd floor 三楼客房日检", "Guest room 客房", ScopeKind.LOCATIONS, Frequency.DAILY, "", "08:00", 24, housekeeping, staff,
         [locations[f"3{n:02d}"] for n in range(1, 7)]),
        ("Public areas, twice a week 公共区域巡检", "Public area 公共区域", ScopeKind.LOCATIONS, Frequency.WEEKLY, "0,3", "08:00", 10, engineering, frontdesk,
         [locations["Lobby 大堂"], locations["Corridor 3F 3楼走廊"], locations["Restaurant 餐厅"]]),
        ("Weekly extinguisher check 灭火器周检", "Fire safety 消防安全", ScopeKind.CATEGORY, Frequency.WEEKLY, "4", "14:00", 24, security or engineering, staff, None),
    ]
    result = []
    for name, tname, scope, freq, days, at, hours, dept, who, locs in specs:
        name_en, name_zh = split_bilingual(name)
        schedule, created = InspectionSchedule.objects.get_or_create(
            property=prop, name=name_en,
            defaults={"name_zh": name_zh, "template": templates[tname], "scope_kind": scope, "frequency": freq, "weekdays": days,
                      "window_start": at, "window_hours": Decimal(hours), "department": dept, "assignee": who,
                      "starts_on": start,
                      "category": AssetCategory.objects.get(property=prop, code="fire-safety") if scope == ScopeKind.CATEGORY else None},
        )
        if created and locs:
            schedule.locations.set(locs)
        result.append(schedule)
    return result


def _fill(inspection, rng, actor):
    # Opened once, then answered item by item: `services.inspection_answer` does both per item,
    # relocking the inspection each time: about a third of the facilities demo's seeding time.
    response = services.inspection_start(inspection=inspection, actor=actor).response
    items = list(inspection.version.items.all())
    for item in items:
        fail = rng.random() < 0.04
        kwargs = {}
        if item.answer_type == P:
            kwargs["value"] = not fail
        elif item.answer_type == S:
            kwargs["value"] = 2 if fail else rng.choice([3, 4, 4, 5, 5])
        elif item.answer_type == N:
            lo = item.min_value if item.min_value is not None else Decimal(0)
            hi = item.max_value if item.max_value is not None else lo + 50
            kwargs["value"] = (hi + 5) if fail else ((lo + hi) / 2).quantize(Decimal("0.1"))
        elif item.answer_type == T:
            kwargs["value"] = ""
        elif item.answer_type == PH:
            continue  # demo answers carry no image files: mark them answered below
        answer = cl.checklist_answer_save(response=response, item=item, actor=actor, **kwargs)
        if answer.is_failed and rng.random() < 0.3:
            cl.checklist_answer_save(response=response, item=item, actor=actor, fixed_on_spot=True, fix_note="现场调整")
    return items


def _history(prop, rng, now):
    staff = _member(prop, Role.STAFF)
    supervisor = _member(prop, Role.SUPERVISOR)
    past = Inspection.objects.filter(property=prop, status__in=InspectionStatus.open_values(), due_end__lt=now,
                                     version__items__answer_type=PH).values_list("pk", flat=True)
    photo_templates = set(past)
    for inspection in Inspection.objects.filter(property=prop, due_end__lt=now).order_by("due_start").select_related("version"):
        if inspection.pk in photo_templates or rng.random() < 0.08:
            continue  # left undone: overdue (photo checklists need a real photo from a phone)
        actor = inspection.assignee or staff
        _fill(inspection, rng, actor)
        services.inspection_submit(inspection=inspection, actor=actor)
        done_at = inspection.due_start + dt.timedelta(hours=rng.uniform(0.5, float((inspection.due_end - inspection.due_start).total_seconds() / 3600) * (1.3 if rng.random() < 0.1 else 0.9)))
        Inspection.objects.filter(pk=inspection.pk).update(submitted_at=done_at, started_at=done_at - dt.timedelta(minutes=20))
        for wo in WorkOrder.objects.filter(inspection=inspection):
            due = done_at + (wo.due_at - wo.created_at)
            WorkOrder.objects.filter(pk=wo.pk).update(created_at=done_at, due_at=due)
            wo.history.update(created_at=done_at)
    # Move older work orders along their workflow; recent ones stay open.
    for wo in WorkOrder.objects.filter(property=prop, status=WorkOrderStatus.OPEN).order_by("created_at"):
        age = (now - wo.created_at).days
        if age < 1 or supervisor is None or staff is None:
            continue
        services.work_order_transition(work_order=wo, to_status=WorkOrderStatus.ASSIGNED, actor=supervisor, assignee=staff)
        if age >= 2:
            services.work_order_transition(work_order=wo, to_status=WorkOrderStatus.IN_PROGRESS, actor=staff)
        if age >= 3:
            services.work_order_transition(work_order=wo, to_status=WorkOrderStatus.DONE, actor=staff,
                                           resolution="已维修并测试", parts=rng.choice(["", "滤网", "电池"]),
                                           cost=Decimal(rng.choice([0, 30, 80, 150])))
            hours = rng.uniform(2, 60)
            done = wo.created_at + dt.timedelta(hours=hours)
            WorkOrder.objects.filter(pk=wo.pk).update(done_at=done)
            wo.history.filter(to_status=WorkOrderStatus.ASSIGNED).update(created_at=wo.created_at + dt.timedelta(hours=hours / 4))
            wo.history.filter(to_status=WorkOrderStatus.IN_PROGRESS).update(created_at=wo.created_at + dt.timedelta(hours=hours / 2))
            wo.history.filter(to_status=WorkOrderStatus.DONE).update(created_at=done)
            if age >= 5:
                services.work_order_transition(work_order=wo, to_status=WorkOrderStatus.VERIFIED, actor=supervisor, note="已验收")
                wo.history.filter(to_status=WorkOrderStatus.VERIFIED).update(created_at=done + dt.timedelta(hours=3))
                WorkOrder.objects.filter(pk=wo.pk).update(verified_at=done + dt.timedelta(hours=3))


@transaction.atomic
def seed(*, properties, stdout=None):
    now = timezone.now()
    for prop in properties:
        rng = random.Random(prop.code)
        services.categories_ensure_defaults(property=prop)
        services.slas_ensure_defaults(property=prop)
        locations = _locations(prop)
        _assets(prop, locations, rng)
        admin = _member(prop, Role.ADMIN)
        templates = _templates(prop, admin)
        fresh = not Inspection.objects.filter(property=prop).exists()
        schedules = _schedules(prop, templates, locations, timezone.localdate() - dt.timedelta(days=30))
        scheduling.inspections_generate(now=now, schedule_ids=[s.pk for s in schedules])
        if fresh:
            _history(prop, rng, now)
            staff = _member(prop, Role.FRONT_DESK)
            if not WorkOrder.objects.filter(property=prop, source="report").exists():
                services.work_order_create(
                    property=prop, actor=staff, title="客人反映305水龙头滴水",
                    priority=Priority.HIGH, location=locations["305"],
                    department=prop.departments.filter(kind=DepartmentKind.ENGINEERING).first())
        scheduling.inspections_mark_overdue(now=now)
        if stdout:
            stdout.write(
                f"Facilities {prop.code}: {Asset.objects.filter(property=prop).count()} assets, "
                f"{Inspection.objects.filter(property=prop).count()} inspections, "
                f"{WorkOrder.objects.filter(property=prop).count()} work orders."
            )
