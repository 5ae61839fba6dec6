"""Benchmark data and pages of the case engine. At scale 1.0: 1,000,000 cases over two years
(50,000 per property of 20) with up to two timeline rows each, loaded with COPY; the newest cases
partly still open, and revisits due on the front desk's list."""

import datetime as dt
import random
from urllib.parse import quote

from django.db import connection
from django.db.models import Max, Min
from django.utils import timezone

from crm.models import Guest, Room, Stay
from hotelqa.bench import BenchRequest, copy_rows, delete_rows, next_id, seed_team, seeded, share_weights, shared_with_team
from hotelqa.choices import Role
from hotelqa.models import Membership

from . import workflow
from .choices import CaseKind, Channel, EventKind
from .demo import random_case
from .models import DEFAULT_SLA_MINUTES, Case, CaseCounter, CaseEvent, Revisit
from .services import property_prefix

CASES = 1_000_000
DAYS = 730
CHANNELS = [Channel.IN_PERSON, Channel.IN_PERSON, Channel.PHONE, Channel.ONLINE, Channel.EMAIL, Channel.QR]
# Extra words, so descriptions are not a handful of repeated strings (search selectivity).
DETAILS = ["again", "second time", "this morning", "last night", "after check-in", "VIP guest", "family with kids",
           "再次发生", "今天早上", "昨晚", "入住后", "会员客人", "带小孩的家庭", "已是第二次"]


QUICK_LOG_DESCRIPTION = "Air conditioning is noisy 空调噪音很大"


def forget_posted(*, property):
    """The cases earlier runs' quick-log POSTs logged (the seeded ones never have this text)."""
    Case.objects.filter(property=property, description=QUICK_LOG_DESCRIPTION).delete()


def clear_guest_records(property_ids):
    """The bench hook the CRM calls before it reloads guests: cases point at them."""
    clear(property_ids)


def clear(property_ids):
    """Remove the bench properties' cases and everything hanging off them."""
    where = "case_id IN (SELECT id FROM complaints_case WHERE property_id = ANY(%s))"
    for table in ("complaints_caseevent", "complaints_recoveryaction", "complaints_revisit"):
        delete_rows(table, where, [property_ids])
    delete_rows("hotelqa_escalation", "property_id = ANY(%s) AND content_type_id IN "
                "(SELECT id FROM django_content_type WHERE app_label = 'complaints' AND model = 'case')", [property_ids])
    delete_rows("complaints_case", "property_id = ANY(%s)", [property_ids])
    delete_rows("complaints_casecounter", "property_id = ANY(%s)", [property_ids])


def seed(*, properties, scale, stdout):
    per_property = max(100, int(CASES * scale) // len(properties))
    ids = [p.pk for p in properties]
    loaded = Case.objects.filter(property_id__in=ids)
    have = loaded.count()
    if seeded(have, per_property * len(ids)) and shared_with_team(loaded):
        stdout.write(f"  complaints: {have} cases already there")
        return
    clear(ids)
    rng = random.Random("bench-complaints")
    now = timezone.now()
    first_case = next_id(Case)
    cases, events, revisits, counters = [], [], [], {}
    case_id = first_case
    for prop in properties:
        departments = {d.kind: d.pk for d in prop.departments.all()}
        team = seed_team(prop)
        members = list(Membership.objects.filter(property=prop).exclude(user_id__in=team).values_list("user_id", "role"))
        # The bench's staff and supervisor logins each hold a busy person's share, so their queues
        # fill pages; the team shares the rest.
        logins = [u for u, r in members if r in (Role.STAFF, Role.SUPERVISOR)]
        workers, worker_weights = logins + team, share_weights(logins, team)
        front_desk = [u for u, r in members if r == Role.FRONT_DESK] or [None]
        guest_lo, guest_hi = Guest.objects.filter(home_property=prop).aggregate(lo=Min("pk"), hi=Max("pk")).values()
        rooms = list(Room.objects.filter(property=prop).values_list("pk", "number"))
        prefix = property_prefix(prop)
        seq = {}
        for i in range(per_property):
            # Oldest first, so numbers rise with time; the last 1 % falls in the last three days.
            age = dt.timedelta(minutes=rng.randint(0, 3 * 24 * 60)) if i >= per_property * 0.99 else dt.timedelta(days=DAYS * (1 - i / per_property), minutes=rng.randint(0, 600))
            received = now - age
            kind, category, dkind, en, zh, grade = random_case(rng)
            response_min, resolution_min = DEFAULT_SLA_MINUTES[(kind, "" if kind == CaseKind.REQUEST else grade)]
            steps = workflow.STEPS[kind]
            finished = age > dt.timedelta(days=2) or rng.random() < 0.3
            status = steps[-1] if finished else steps[rng.randrange(len(steps) - 1)]
            reached = steps.index(status)
            late = rng.random() < 0.15
            first_response = received + dt.timedelta(minutes=rng.randint(3, response_min * (2 if late else 1))) if reached >= steps.index(workflow.FIRST_RESPONSE[kind]) else None
            resolved = received + dt.timedelta(minutes=rng.randint(10, resolution_min * (2 if late else 1))) if reached >= steps.index(workflow.RESOLUTION[kind]) else None
            year = timezone.localtime(received).year
            seq[year] = seq.get(year, 0) + 1
            room_pk, room_number = rng.choice(rooms)
            guest = rng.randint(guest_lo, guest_hi) if kind != CaseKind.INCIDENT or rng.random() < 0.5 else None
            assignee = rng.choices(workers, worker_weights)[0] if reached >= 2 or kind != CaseKind.COMPLAINT else None
            actor = rng.choice(front_desk)
            closed = status == steps[-1]
            text = f"{zh if rng.random() < 0.6 else en}, {rng.choice(DETAILS)}"
            cases.append((
                case_id, prop.pk, f"{prefix}-{year}-{seq[year]:06d}", kind, status, 1, rng.choice(CHANNELS), received,
                kind == CaseKind.COMPLAINT, guest, room_pk, room_number, text, "", category, grade, departments.get(dkind),
                assignee, "", "", "", "", True if closed and kind == CaseKind.COMPLAINT else None,
                closed and kind == CaseKind.COMPLAINT, rng.choices([1, 2, 3, 4, 5], [4, 6, 12, 38, 40])[0] if closed and kind != CaseKind.INCIDENT else None,
                received + dt.timedelta(minutes=response_min), received + dt.timedelta(minutes=resolution_min),
                first_response, resolved, 0, actor, resolved or received,
            ))
            events.append((case_id, EventKind.CREATED, "", steps[0], actor, received))
            if reached:
                events.append((case_id, EventKind.TRANSITION, steps[reached - 1], status, assignee or actor, resolved or first_response or received))
            if closed and kind == CaseKind.COMPLAINT and age < dt.timedelta(days=7):
                due = resolved + dt.timedelta(hours=72)
                revisits.append((prop.pk, case_id, due, due if due <= now else None, "", ""))
            case_id += 1
        for year, last in seq.items():
            counters[(prop.pk, year)] = last

    n = copy_rows(Case, [
        "id", "property_id", "number", "kind", "status", "version", "channel", "received_at",
        "apology_confirmed", "guest_id", "room_id", "room_number", "description", "staff_involved", "category", "grade", "department_id",
        "assignee_id", "containment", "findings", "root_cause", "actions_taken", "guest_accepted",
        "result_told", "satisfaction", "response_due", "resolution_due",
        "first_response_at", "resolved_at", "reopen_count", "created_by_id", "updated_at",
    ], cases)
    stdout.write(f"  {n} cases")
    cases.clear()
    n = copy_rows(CaseEvent, ["case_id", "kind", "from_status", "to_status", "field", "old_value", "new_value", "note", "event", "actor_id", "created_at"],
                  ((c, k, f, t, "", "", "", "", "{}", a, at) for c, k, f, t, a, at in events))
    stdout.write(f"  {n} timeline rows")
    copy_rows(Revisit, ["property_id", "case_id", "due_at", "listed_at", "outcome", "note", "event"], (r + ("{}",) for r in revisits))
    for (prop_id, year), last in counters.items():
        CaseCounter.objects.update_or_create(property_id=prop_id, year=year, defaults={"last": last})
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE complaints_case; ANALYZE complaints_caseevent; ANALYZE crm_guest")


def requests(*, property):
    case = Case.objects.filter(property=property, guest__isnull=False).order_by("-received_at").first()
    # A seeded guest's name (the quick-log POSTs add "Bench Guest" cases, which would be too rare).
    guest = Guest.objects.filter(home_property=property).order_by("pk")[1:2].first()
    name = guest.name if guest else "王伟"
    stay = Stay.objects.filter(property=property).order_by("-arrival").select_related("room").first()
    room = stay.room.number if stay and stay.room else "512"
    quick_log = {
        "description": QUICK_LOG_DESCRIPTION, "room_number": room, "kind": CaseKind.COMPLAINT,
        "channel": Channel.IN_PERSON, "apology_confirmed": "on", "guest_name": "Bench Guest", "guest_phone": "13800000000",
        "category": "", "grade": "", "department": "", "save": "Log case",
    }
    return [
        BenchRequest("quick-log POST (case create)", "/complaints/new/", role=Role.FRONT_DESK, method="POST", data=quick_log),
        BenchRequest("case list, default", "/complaints/", role=Role.SUPERVISOR),
        BenchRequest("case list, filtered, page 20", "/complaints/?kind=complaint&grade=general&page=20", role=Role.SUPERVISOR),
        BenchRequest("case list, open only", "/complaints/?open=on", role=Role.SUPERVISOR),
        BenchRequest("case search: guest name", f"/complaints/?q={quote(name)}", role=Role.SUPERVISOR),
        BenchRequest("case search: room", f"/complaints/?q={room}", role=Role.SUPERVISOR),
        BenchRequest("case search: words", f"/complaints/?q={quote('空调')}", role=Role.SUPERVISOR),
        BenchRequest("case detail", f"/complaints/{case.pk}/" if case else "/complaints/0/", role=Role.SUPERVISOR),
        BenchRequest("department queue", "/complaints/department/", role=Role.SUPERVISOR),
        BenchRequest("my queue", "/complaints/mine/", role=Role.STAFF),
        BenchRequest("case export CSV, open only", "/complaints/export.csv?open=on", role=Role.SUPERVISOR),
        BenchRequest("revisits due", "/complaints/revisits/", role=Role.FRONT_DESK),
        BenchRequest("quick-log form", "/complaints/new/", role=Role.FRONT_DESK),
    ]
