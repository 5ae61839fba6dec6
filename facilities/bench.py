"""Benchmark data, pages and jobs of facilities. At scale 1.0: 315 rooms and areas and 1,200 assets
per property, 300,000 inspections over a year (submitted ones with their filled checklists:
about 3,000,000 answers), 50,000 work orders, and 10,000 daily schedules at the first property
for timing the inspection generator. Bulk-loaded with COPY."""

import datetime as dt
import random
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from hotelqa.bench import BenchRequest, copy_rows, delete_rows, next_id, seed_team, seeded, share_weights, shared_with_team
from hotelqa.checklists.choices import AnswerType
from hotelqa.checklists.models import ChecklistAnswer, ChecklistResponse
from hotelqa.choices import DepartmentKind, Role
from hotelqa.models import Membership

from . import scheduling, services
from .choices import AreaType, InspectionStatus, Priority, WorkOrderStatus
from .demo import _templates
from .models import Asset, AssetCategory, Inspection, InspectionSchedule, Location, WorkOrder

INSPECTIONS = 300_000
WORK_ORDERS = 50_000
GENERATION_SCHEDULES = 10_000
GENERATION_PREFIX = "Bench generation "
ASSET_KINDS = [("AC", "Split air-conditioner", "分体空调", "air-conditioning"), ("TV", "55\" TV", "电视", "tv"),
               ("WH", "Water heater", "热水器", "water-heater"), ("LK", "Smart lock", "智能门锁", "smart-lock")]


def clear(property_ids):
    delete_rows("hotelqa_escalation", "property_id = ANY(%s) AND content_type_id IN "
                "(SELECT id FROM django_content_type WHERE app_label = 'facilities' AND model = 'workorder')", [property_ids])
    delete_rows("facilities_workorder", "property_id = ANY(%s)", [property_ids])
    # Only the inspections' filled checklists: the audits' are on the same tables.
    with connection.cursor() as cursor:
        cursor.execute("SELECT response_id FROM facilities_inspection WHERE property_id = ANY(%s) AND schedule_id IS NULL "
                       "AND response_id IS NOT NULL", [property_ids])
        responses = [pk for (pk,) in cursor.fetchall()]
    delete_rows("facilities_inspection", "property_id = ANY(%s) AND schedule_id IS NULL", [property_ids])
    delete_rows("facilities_checklistanswer", "response_id = ANY(%s)", [responses])
    delete_rows("facilities_checklistresponse", "id = ANY(%s)", [responses])


def _places(prop):
    """Guest rooms on floors 3–17 and a corridor per floor; their assets (COPY, only what is missing)."""
    have = set(Location.objects.filter(property=prop).values_list("name", flat=True))
    rows = []
    for floor in range(3, 18):
        name = f"Corridor {floor}F"
        if name not in have:
            rows.append((prop.pk, "Main", str(floor), name, f"{floor}楼走廊", AreaType.CORRIDOR))
        rows += [(prop.pk, "Main", str(floor), f"{floor}{n:02d}", "", AreaType.GUEST_ROOM) for n in range(1, 21) if f"{floor}{n:02d}" not in have]
    copy_rows(Location, ["property_id", "building", "floor", "name", "name_zh", "area_type"], rows)
    rooms = list(Location.objects.filter(property=prop, area_type=AreaType.GUEST_ROOM).values_list("pk", "name"))
    cats = {c.code: c for c in AssetCategory.objects.filter(property=prop)}
    codes = set(Asset.objects.filter(property=prop).values_list("code", flat=True))
    today = timezone.localdate()
    asset_rows = []
    for pk, name in rooms:
        for prefix, label, label_zh, cat in ASSET_KINDS:
            code = f"{prefix}-{name}"
            if code not in codes:
                installed = today.replace(year=today.year - (pk % 9) - 1)
                life = cats[cat].default_life_years
                asset_rows.append((prop.pk, code, label, label_zh, cats[cat].pk, pk, installed, life, installed.replace(year=installed.year + life) if life else None, "in_service", "", ""))
    copy_rows(Asset, ["property_id", "code", "name", "name_zh", "category_id", "location_id", "install_date", "expected_life_years", "end_of_life", "status", "manufacturer", "notes"], asset_rows)
    return rooms


def seed(*, properties, scale, stdout):
    per_property = max(100, int(INSPECTIONS * scale) // len(properties))
    wo_per_property = max(20, int(WORK_ORDERS * scale) // len(properties))
    ids = [p.pk for p in properties]
    for prop in properties:
        services.categories_ensure_defaults(property=prop)
        services.slas_ensure_defaults(property=prop)
        admin = Membership.objects.filter(property=prop, role=Role.ADMIN).select_related("user").first()
        _templates(prop, admin.user if admin else None)
    _generation_schedules(properties[0])
    loaded = Inspection.objects.filter(property_id__in=ids, schedule__isnull=True)
    have = loaded.count()
    if seeded(have, per_property * len(ids)) and seeded(WorkOrder.objects.filter(property_id__in=ids).count(), wo_per_property * len(ids)) and shared_with_team(loaded):
        stdout.write(f"  facilities: {have} inspections already there")
        return
    clear(ids)
    rng = random.Random("bench-facilities")
    now = timezone.now()
    inspections, responses, answers, work_orders = [], [], [], []
    response_id = next_id(ChecklistResponse)
    inspection_id = next_id(Inspection)
    for prop in properties:
        rooms = _places(prop)
        from hotelqa.checklists.models import ChecklistTemplate

        template = ChecklistTemplate.objects.get(property=prop, name="Guest room")
        version = template.current_version
        items = list(version.items.values_list("pk", "answer_type", "min_value", "max_value"))
        # Today's round is the staff login's (its open list and form); the history is shared with the team.
        team = seed_team(prop)
        members = dict(Membership.objects.filter(property=prop).exclude(user_id__in=team).values_list("role", "user_id"))
        login = members.get(Role.STAFF)
        people, weights = [login] + team, share_weights([login], team)
        housekeeping = prop.departments.filter(kind=DepartmentKind.HOUSEKEEPING).values_list("pk", flat=True).first()
        engineering = prop.departments.filter(kind=DepartmentKind.ENGINEERING).values_list("pk", flat=True).first()
        assets = dict(Asset.objects.filter(property=prop, code__startswith="AC-").values_list("location_id", "pk"))
        ac_category = AssetCategory.objects.get(property=prop, code="air-conditioning").pk
        for i in range(per_property):
            # Oldest first over a year; the last 0.5 % (at least 6) are today's, still due or being filled.
            recent = i >= per_property - max(6, per_property // 200)
            due_start = now - (dt.timedelta(hours=rng.randint(0, 6)) if recent else dt.timedelta(days=365 * (1 - i / per_property) + 1))
            due_end = due_start + dt.timedelta(hours=8)
            loc, name = rng.choice(rooms)
            inspector = login if recent else rng.choices(people, weights)[0]
            if recent:
                status = InspectionStatus.IN_PROGRESS if i % 2 else InspectionStatus.DUE
            else:
                status = InspectionStatus.OVERDUE if rng.random() < 0.05 else InspectionStatus.SUBMITTED
            response, started, submitted, score, passed = None, None, None, None, None
            if status in (InspectionStatus.SUBMITTED, InspectionStatus.IN_PROGRESS):
                response = response_id
                response_id += 1
                started = due_start + dt.timedelta(minutes=rng.randint(5, 300))
                failed_any = False
                for n, (item, kind, lo, hi) in enumerate(items):
                    if status == InspectionStatus.IN_PROGRESS and n >= len(items) // 2:
                        break
                    fail = rng.random() < 0.03
                    value_bool = value_score = value_number = None
                    if kind == AnswerType.PASS_FAIL:
                        value_bool = not fail
                    elif kind == AnswerType.SCORE:
                        value_score = 2 if fail else rng.choice((3, 4, 5))
                    elif kind == AnswerType.NUMBER:
                        lo_v = lo if lo is not None else Decimal(0)
                        hi_v = hi if hi is not None else lo_v + 50
                        value_number = hi_v + 5 if fail else (lo_v + hi_v) / 2
                    else:
                        fail = None
                    failed_any = failed_any or bool(fail)
                    answers.append((response, item, value_bool, value_score, value_number, "", "", "", fail, False, "", inspector, started))
                if status == InspectionStatus.SUBMITTED:
                    submitted = started + dt.timedelta(minutes=20)
                    score = Decimal(90 if failed_any else 100)
                    passed = not failed_any
                    if failed_any and len(work_orders) < wo_per_property * (ids.index(prop.pk) + 1):
                        work_orders.append((prop.pk, f"Defect found in {name} 检查发现缺陷", "inspection", assets.get(loc), loc, inspection_id,
                                            ac_category, Priority.NORMAL, engineering, inspector, submitted))
                responses.append((response, prop.pk, version.pk, started, inspector, submitted, score, passed, False))
            inspections.append((inspection_id, prop.pk, version.pk, loc, f"location:{loc}", due_start, due_end, status, housekeeping, inspector,
                                response, started, submitted, inspector if submitted else None, score, passed, due_start))
            inspection_id += 1
        # Reported defects fill the property's share of work orders.
        while len(work_orders) < wo_per_property * (ids.index(prop.pk) + 1):
            loc, name = rng.choice(rooms)
            at = now - dt.timedelta(days=rng.uniform(0, 365))
            work_orders.append((prop.pk, f"Guest reports a fault in {name} 客人报修", "report", assets.get(loc), loc, None, ac_category,
                                rng.choice(Priority.values), engineering, rng.choices(people, weights)[0], at))

    n = copy_rows(ChecklistResponse, ["id", "property_id", "version_id", "started_at", "started_by_id", "completed_at", "score", "passed", "critical_failed"], responses)
    stdout.write(f"  {n} filled checklists")
    n = copy_rows(ChecklistAnswer, ["response_id", "item_id", "value_bool", "value_score", "value_number", "value_text", "photo", "note",
                                    "is_failed", "fixed_on_spot", "fix_note", "answered_by_id", "answered_at"], answers)
    stdout.write(f"  {n} answers")
    answers.clear()
    n = copy_rows(Inspection, ["id", "property_id", "version_id", "location_id", "target_key", "due_start", "due_end", "status", "department_id",
                               "assignee_id", "response_id", "started_at", "submitted_at", "submitted_by_id", "score", "passed", "created_at"], inspections)
    stdout.write(f"  {n} inspections")

    def wo_rows():
        for prop_id, title, source, asset, loc, insp, cat, priority, dep, person, at in work_orders:
            age = now - at
            status = (WorkOrderStatus.VERIFIED if age > dt.timedelta(days=5) else WorkOrderStatus.DONE if age > dt.timedelta(days=3)
                      else WorkOrderStatus.IN_PROGRESS if age > dt.timedelta(days=1) else WorkOrderStatus.OPEN)
            done = at + dt.timedelta(hours=rng.uniform(2, 60)) if status in (WorkOrderStatus.DONE, WorkOrderStatus.VERIFIED) else None
            yield (prop_id, title, "", source, asset, loc, insp, cat, priority, dep, person if status != WorkOrderStatus.OPEN else None, status,
                   at + dt.timedelta(hours=72), person, at, done, done + dt.timedelta(hours=3) if status == WorkOrderStatus.VERIFIED else None,
                   "Repaired 已维修" if done else "", "", None, 1, "{}")

    n = copy_rows(WorkOrder, ["property_id", "title", "description", "source", "asset_id", "location_id", "inspection_id", "category_id", "priority",
                              "department_id", "assignee_id", "status", "due_at", "reported_by_id", "created_at", "done_at", "verified_at",
                              "resolution", "parts", "cost", "version", "event"], wo_rows())
    stdout.write(f"  {n} work orders")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE facilities_inspection; ANALYZE facilities_checklistanswer; ANALYZE facilities_checklistresponse; ANALYZE facilities_workorder")


def _generation_schedules(prop):
    """10,000 daily schedules of one room or area each, for timing the generator (created once)."""
    have = InspectionSchedule.objects.filter(property=prop, name__startswith=GENERATION_PREFIX).count()
    if have >= GENERATION_SCHEDULES:
        return
    from hotelqa.checklists.models import ChecklistTemplate

    template = ChecklistTemplate.objects.get(property=prop, name="Public area")
    locations = list(Location.objects.filter(property=prop).values_list("pk", flat=True)) or [
        Location.objects.create(property=prop, building="Main", floor="1", name="Lobby", name_zh="大堂", area_type=AreaType.LOBBY).pk]
    engineering = prop.departments.filter(kind=DepartmentKind.ENGINEERING).values_list("pk", flat=True).first()
    first = next_id(InspectionSchedule)
    today = timezone.localdate()
    now = timezone.now()
    copy_rows(InspectionSchedule, ["id", "property_id", "name", "name_zh", "template_id", "scope_kind", "frequency", "weekdays", "rrule", "starts_on",
                                   "window_start", "window_hours", "department_id", "is_active", "created_at"], (
        (first + i, prop.pk, f"{GENERATION_PREFIX}{i + have:05d}", "", template.pk, "locations", "daily", "", "", today, dt.time(0, 0),
         Decimal(24), engineering, True, now)
        for i in range(GENERATION_SCHEDULES - have)
    ))
    copy_rows(InspectionSchedule.locations.through, ["inspectionschedule_id", "location_id"],
              ((first + i, locations[i % len(locations)]) for i in range(GENERATION_SCHEDULES - have)))


def jobs(*, property):
    schedules = InspectionSchedule.objects.filter(property=property, name__startswith=GENERATION_PREFIX)
    ids = list(schedules.values_list("pk", flat=True))
    # Start from nothing generated, so the run creates one period of every schedule.
    Inspection.objects.filter(schedule_id__in=ids).delete()
    schedules.update(generated_until=None)
    return [(f"inspection generation, {len(ids):,} schedules", lambda: scheduling.inspections_generate(schedule_ids=ids))]


def requests(*, property):
    form = Inspection.objects.filter(property=property, status=InspectionStatus.IN_PROGRESS).order_by("-due_start").first()
    work_order = WorkOrder.objects.filter(property=property).order_by("-created_at").first()
    item = form.version.items.filter(answer_type=AnswerType.PASS_FAIL).order_by("pk").first() if form else None
    answer = f"/facilities/inspections/{form.pk if form else 0}/answer/{item.pk if item else 0}/"
    return [
        BenchRequest("inspection form (in progress)", f"/facilities/inspections/{form.pk if form else 0}/", role=Role.STAFF),
        BenchRequest("inspection answer POST (pass)", answer, role=Role.STAFF, method="POST", data={f"i{item.pk if item else 0}-value": "1"}),
        BenchRequest("inspection list", "/facilities/inspections/", role=Role.SUPERVISOR),
        BenchRequest("work-order list, open", "/facilities/work-orders/?open=on", role=Role.SUPERVISOR),
        BenchRequest("work-order detail", f"/facilities/work-orders/{work_order.pk if work_order else 0}/", role=Role.SUPERVISOR),
        BenchRequest("inspection list, mine open", "/facilities/inspections/?mine=on&status=due", role=Role.STAFF),
        BenchRequest("asset list", "/facilities/assets/", role=Role.SUPERVISOR),
        BenchRequest("location list", "/facilities/locations/", role=Role.SUPERVISOR),
    ]
