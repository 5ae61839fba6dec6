"""Demo cases over the last 90 days for every property: all kinds, grades, categories and states,
with timelines, recovery, revisits and escalations. Idempotent: skipped when a property has cases."""

import datetime as dt
import random
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone

from crm.choices import GuestLanguage
from crm.models import Guest, Room
from hotelqa.choices import DepartmentKind, Role
from hotelqa.models import Escalation, Membership

from . import events as case_events
from . import workflow
from .choices import (
    ApprovalStatus, CaseKind, CaseStatus, Category, Channel, DeadlineKind, EscalationLevel, EventKind, Grade,
    RecoveryKind, RevisitOutcome, RootCause,
)
from .models import DEFAULT_SLA_MINUTES, Case, CaseCounter, CaseEvent, RecoveryAction, Revisit
from .services import property_prefix
from .services.sla import deadline_key

COMPLAINTS = [
    (Category.NOISE, DepartmentKind.SECURITY, "Loud party next door until 2am", "隔壁房间吵到凌晨两点"),
    (Category.CLEANLINESS, DepartmentKind.HOUSEKEEPING, "Hair in the bathroom, towels stained", "浴室有头发，毛巾有污渍"),
    (Category.ROOM, DepartmentKind.ENGINEERING, "Air conditioning does not cool", "空调不制冷"),
    (Category.ROOM, DepartmentKind.ENGINEERING, "No hot water in the shower", "淋浴没有热水"),
    (Category.SPEED, DepartmentKind.FRONT_OFFICE, "Waited 25 minutes at check-in", "办理入住排队等了25分钟"),
    (Category.ATTITUDE, DepartmentKind.FRONT_OFFICE, "Receptionist was rude on the phone", "前台电话态度不礼貌"),
    (Category.FOOD, DepartmentKind.FOOD_BEVERAGE, "Breakfast eggs were cold", "早餐鸡蛋是凉的"),
    (Category.BILLING, DepartmentKind.FRONT_OFFICE, "Minibar charged twice on the bill", "账单上迷你吧重复收费"),
    (Category.INFORMATION, DepartmentKind.FRONT_OFFICE, "Nobody told us the pool was closed", "没人告知泳池关闭"),
    (Category.LOST, DepartmentKind.HOUSEKEEPING, "Left a charger in the room, cannot find it", "充电器遗留在房间找不到了"),
    (Category.SAFETY, DepartmentKind.SECURITY, "Door lock does not close properly", "门锁关不严"),
]
CATEGORY_WEIGHTS = [14, 18, 16, 9, 12, 7, 8, 6, 4, 3, 3]
REQUESTS = [
    (Category.AMENITIES, DepartmentKind.HOUSEKEEPING, "Two extra towels please", "请多送两条毛巾"),
    (Category.AMENITIES, DepartmentKind.HOUSEKEEPING, "Extra pillow", "加一个枕头"),
    (Category.WAKE_UP, DepartmentKind.FRONT_OFFICE, "Wake-up call at 6:30", "早上6:30叫醒"),
    (Category.ROOM, DepartmentKind.ENGINEERING, "TV remote not working", "电视遥控器坏了"),
]
INCIDENTS = [
    (Category.SAFETY, DepartmentKind.SECURITY, "Guest slipped in the lobby, minor injury", "客人在大堂滑倒，轻微受伤"),
    (Category.ROOM, DepartmentKind.ENGINEERING, "Lift stopped between floors for 10 minutes", "电梯停在楼层之间10分钟"),
    (Category.ROOM, DepartmentKind.ENGINEERING, "Water leak from ceiling on floor 7", "7楼天花板漏水"),
]


def random_case(rng):
    """(kind, category, department kind, English text, Chinese text, grade) in realistic proportions:
    about half complaints, a third requests, the rest incidents."""
    roll = rng.random()
    if roll < 0.55:
        kind, (category, dkind, en, zh) = CaseKind.COMPLAINT, rng.choices(COMPLAINTS, CATEGORY_WEIGHTS)[0]
    elif roll < 0.9:
        kind, (category, dkind, en, zh) = CaseKind.REQUEST, rng.choice(REQUESTS)
    else:
        kind, (category, dkind, en, zh) = CaseKind.INCIDENT, rng.choice(INCIDENTS)
    grade = Grade.GENERAL if kind == CaseKind.REQUEST else rng.choices([Grade.GENERAL, Grade.MAJOR, Grade.URGENT], [70, 22, 8])[0]
    return kind, category, dkind, en, zh, grade


def _progress(kind, rng, age_days):
    """How far along a demo case got: older cases are mostly finished."""
    steps = workflow.STEPS[kind]
    if age_days > 5 or rng.random() < 0.6:
        return len(steps) - 1
    return rng.randrange(0, len(steps))


@transaction.atomic
def seed(*, properties, stdout=None):
    from crm import demo as crm_demo

    from .routing import routing_rules_seed

    # Cases need guests and rooms, and complaints comes before crm in INSTALLED_APPS.
    crm_demo.seed(properties=properties, stdout=stdout)
    for prop in properties:
        routing_rules_seed(property=prop)
        if Case.objects.filter(property=prop).exists():
            continue
        _seed_property(prop, stdout)


def _seed_property(prop, stdout):
    rng = random.Random(f"complaints-{prop.code}")
    now = timezone.now()
    departments = {d.kind: d for d in prop.departments.all()}
    members = list(Membership.objects.filter(property=prop).select_related("user", "department"))
    staff_by_dept = {}
    for m in members:
        if m.role in (Role.STAFF, Role.SUPERVISOR) and m.department_id:
            staff_by_dept.setdefault(m.department.kind, []).append(m.user)
    front_desk = [m.user for m in members if m.role == Role.FRONT_DESK]
    anyone = [m.user for m in members if m.role in (Role.STAFF, Role.SUPERVISOR, Role.FRONT_DESK)] or [None]
    guests = list(Guest.objects.filter(home_property=prop)[:400])
    rooms = list(Room.objects.filter(property=prop))
    prefix = property_prefix(prop)
    cases, plans = [], []
    total = 320
    counters = {}
    for i in range(total):
        received = now - dt.timedelta(minutes=rng.randint(10, 90 * 24 * 60))
        kind, category, dkind, en, zh, grade = random_case(rng)
        if category == Category.SAFETY and kind != CaseKind.REQUEST:
            grade = Grade.URGENT
        department = departments.get(dkind)
        assignee = rng.choice(staff_by_dept.get(dkind) or anyone)
        room = rng.choice(rooms) if rooms else None
        guest = rng.choice(guests) if guests and (kind != CaseKind.INCIDENT or rng.random() < 0.5) else None
        # Typed text stays as typed: a guest's case is written in the guest's language, staff's in
        # Chinese, and a colleague typed it in the other language (both readers see theirs first).
        in_english = guest is not None and guest.language == GuestLanguage.EN
        text, translation = (en, zh) if in_english else (zh, en)
        response_min, resolution_min = DEFAULT_SLA_MINUTES[(kind, "" if kind == CaseKind.REQUEST else grade)]
        year = timezone.localtime(received).year
        counters[year] = counters.get(year, 0) + 1
        case = Case(
            property=prop, kind=kind, status=workflow.INITIAL_STATUS[kind], received_at=received,
            channel=Channel.QR if rng.random() < 0.12 else rng.choice([Channel.IN_PERSON, Channel.IN_PERSON, Channel.PHONE, Channel.ONLINE, Channel.EMAIL]),
            apology_confirmed=kind == CaseKind.COMPLAINT, guest=guest, room=room, room_number=room.number if room else "",
            description=text, description_translation=translation, category=category, grade=grade, department=department,
            response_due=received + dt.timedelta(minutes=response_min), resolution_due=received + dt.timedelta(minutes=resolution_min),
            created_by=rng.choice(front_desk) if front_desk else None, number="",
        )
        case._year_seq = (year, counters[year])
        age_days = (now - received).days
        reached = _progress(kind, rng, age_days)
        path = workflow.STEPS[kind][: reached + 1]
        # Step times: spread between receipt and now; most within their SLA, some late.
        late = rng.random() < 0.15
        times, t = [], received
        for _step in path[1:]:
            t = t + dt.timedelta(minutes=rng.randint(3, (resolution_min * (2 if late else 1)) // max(len(path), 2) + 5))
            times.append(min(t, now))
        case.status = path[-1]
        if kind == CaseKind.COMPLAINT and len(path) > 1:
            case.status = path[-1]
        if len(path) > 2 or (kind != CaseKind.COMPLAINT and len(path) > 1):
            case.assignee = assignee
        fr = workflow.FIRST_RESPONSE[kind]
        if fr in path:
            case.first_response_at = times[path.index(fr) - 1]
        if workflow.RESOLUTION[kind] in path:
            case.resolved_at = times[path.index(workflow.RESOLUTION[kind]) - 1]
        if CaseStatus.INVESTIGATED in path:
            case.findings = "Checked with the staff on duty and the room log." if in_english else "已与当班员工核实，并查看房间记录。"
            case.root_cause = rng.choices(RootCause.values, [30, 25, 20, 10, 15])[0]
        if CaseStatus.CONTAINED in path:
            case.containment = "Area closed off, guest looked after." if in_english else "已隔离现场并安抚客人。"
        if CaseStatus.SOLUTION in path or (kind != CaseKind.COMPLAINT and case.resolved_at):
            case.actions_taken = "Fixed and apologised." if in_english else "已处理并致歉。"
            case.guest_accepted = True if kind == CaseKind.COMPLAINT else None
        if case.status in (CaseStatus.CLOSED, CaseStatus.CONFIRMED) and kind != CaseKind.INCIDENT:
            case.result_told = kind == CaseKind.COMPLAINT
            case.satisfaction = rng.choices([1, 2, 3, 4, 5], [4, 6, 12, 38, 40])[0]
        cases.append(case)
        plans.append((case, path, times))

    for case in cases:
        year, seq = case._year_seq
        case.number = f"{prefix}-{year}-{seq:06d}"
    Case.objects.bulk_create(cases, batch_size=500)
    for year, last in counters.items():
        CaseCounter.objects.update_or_create(property=prop, year=year, defaults={"last": last})

    events, revisits, escalations, recoveries = [], [], [], []
    case_type = ContentType.objects.get_for_model(Case)
    for case, path, times in plans:
        actor = case.created_by
        events.append(CaseEvent(case=case, kind=EventKind.CREATED, to_status=path[0], actor=actor, created_at=case.received_at))
        for (frm, to), at in zip(zip(path, path[1:]), times):
            events.append(CaseEvent(case=case, kind=EventKind.TRANSITION, from_status=frm, to_status=to, actor=case.assignee or actor, created_at=at))
        if case.kind == CaseKind.COMPLAINT and CaseStatus.SOLUTION in path and rng.random() < 0.45:
            kind = rng.choice(RecoveryKind.values)
            cost = {"apology": 0, "gift": 120, "discount": 300, "refund": 600, "room_change": 400, "points": 50}[kind]
            cost = Decimal(cost + rng.randint(0, 3) * 50 if cost else 0)
            recoveries.append(RecoveryAction(
                property=prop, case=case, kind=kind, cost=cost, guest_accepted=True, created_by=case.assignee,
                approval=ApprovalStatus.APPROVED if cost > 200 else ApprovalStatus.NOT_NEEDED,
                decided_at=times[-1] if cost > 200 else None, created_at=times[min(3, len(times) - 1)],
            ))
        if case.kind == CaseKind.COMPLAINT and case.status == CaseStatus.CLOSED:
            due = case.resolved_at + dt.timedelta(days=3)
            done = due < now - dt.timedelta(hours=6) and rng.random() < 0.9
            revisits.append(Revisit(
                property=prop, case=case, due_at=due, listed_at=due if due <= now else None,
                outcome=rng.choices(RevisitOutcome.values, [70, 18, 4, 8])[0] if done else "",
                done_by=rng.choice(front_desk) if done and front_desk else None, done_at=due + dt.timedelta(hours=2) if done else None,
            ))
        for deadline, due, met in ((DeadlineKind.RESPONSE, case.response_due, case.first_response_at), (DeadlineKind.RESOLUTION, case.resolution_due, case.resolved_at)):
            if (met or now) > due:
                escalations.append(Escalation(property=prop, content_type=case_type, object_id=case.pk, deadline=deadline_key(deadline), level=EscalationLevel.ASSIGNEE,
                                              due=due, created_at=due, notified=str(case.assignee or ""), recipients=1 if case.assignee else 0))
                events.append(CaseEvent(case=case, kind=EventKind.ESCALATION, field=deadline, new_value=str(int(EscalationLevel.ASSIGNEE)),
                                         event=case_events.escalation(deadline, EscalationLevel.ASSIGNEE), created_at=due))
                if (met or now) > due + dt.timedelta(hours=1):
                    escalations.append(Escalation(property=prop, content_type=case_type, object_id=case.pk, deadline=deadline_key(deadline),
                                                  level=EscalationLevel.SUPERVISOR, due=due, created_at=due + dt.timedelta(hours=1)))
                    events.append(CaseEvent(case=case, kind=EventKind.ESCALATION, field=deadline, new_value=str(int(EscalationLevel.SUPERVISOR)),
                                             event=case_events.escalation(deadline, EscalationLevel.SUPERVISOR), created_at=due + dt.timedelta(hours=1)))
    CaseEvent.objects.bulk_create(events, batch_size=1000)
    RecoveryAction.objects.bulk_create(recoveries)
    Revisit.objects.bulk_create(revisits)
    Escalation.objects.bulk_create(escalations, ignore_conflicts=True)
    # A few reopened complaints: unhappy revisits.
    for revisit in [r for r in revisits if r.outcome == RevisitOutcome.NOT_SATISFIED][:4]:
        Case.objects.filter(pk=revisit.case_id).update(status=CaseStatus.REOPENED, reopen_count=1, resolved_at=None, resolution_due=now + dt.timedelta(hours=20))
        CaseEvent.objects.create(case_id=revisit.case_id, kind=EventKind.TRANSITION, from_status=CaseStatus.CLOSED, to_status=CaseStatus.REOPENED,
                                 event=case_events.event(case_events.REOPENED_BY_REVISIT), created_at=revisit.done_at)
    if stdout:
        stdout.write(f"Complaints {prop.code}: {len(cases)} cases, {len(revisits)} revisits, {len(escalations)} escalations, {len(recoveries)} recoveries.")
