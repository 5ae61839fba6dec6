"""Benchmark data and pages of training. At scale 1.0: 250 staff per property (20 properties in
`make bench`), the demo course catalogue, 5 years of sessions (about 500,000 attendance rows with
scores), this year's plan (6 items per person) and certificates. Bulk-loaded with COPY."""

import datetime as dt
import random

from django.utils import timezone

from hotelqa.bench import BenchRequest, copy_rows, delete_rows, next_id, seeded
from hotelqa.choices import Role
from hotelqa.models import StaffMember

from .demo import _courses
from .models import Attendance, Certification, Course, PlanItem, Session

STAFF_PER_PROPERTY = 250
ATTENDANCES = 500_000
PER_SESSION = 20
YEARS = 5
PREFIX = "BT"


def clear(property_ids):
    delete_rows("training_attendance", "session_id IN (SELECT id FROM training_session WHERE property_id = ANY(%s))", [property_ids])
    delete_rows("training_certification", "property_id = ANY(%s)", [property_ids])
    delete_rows("training_planitem", "property_id = ANY(%s)", [property_ids])
    delete_rows("training_session", "property_id = ANY(%s)", [property_ids])


def _staff(prop, n, rng, today):
    have = StaffMember.objects.filter(property=prop, staff_number__startswith=PREFIX).count()
    if have >= n:
        return list(StaffMember.objects.filter(property=prop, staff_number__startswith=PREFIX).order_by("pk")[:n])
    departments = list(prop.departments.all())
    first = next_id(StaffMember)
    rows = []
    for i in range(have, n):
        hired = today - dt.timedelta(days=rng.randint(10, 365 * 8))
        rows.append((first + i - have, prop.pk, f"{PREFIX}{i:05d}", f"Bench staff {i:05d}", departments[i % len(departments)].pk,
                     "Attendant", hired, "junior", True))
    copy_rows(StaffMember, ["id", "property_id", "staff_number", "name", "department_id", "position", "hire_date", "career_level", "is_active"], rows)
    return list(StaffMember.objects.filter(property=prop, staff_number__startswith=PREFIX).order_by("pk")[:n])


def seed(*, properties, scale, stdout):
    today = timezone.localdate()
    staff_n = max(20, int(STAFF_PER_PROPERTY * scale))
    per_property = max(PER_SESSION * 5, int(ATTENDANCES * scale) // len(properties))
    ids = [p.pk for p in properties]
    rng = random.Random("bench-training")
    people = {}
    for prop in properties:
        _courses(prop)
        people[prop.pk] = _staff(prop, staff_n, rng, today)
    have = Attendance.objects.filter(session__property_id__in=ids).count()
    if seeded(have, (per_property // PER_SESSION) * PER_SESSION * len(ids)):
        stdout.write(f"  training: {have} attendance rows already there")
        return
    clear(ids)
    session_id, attendance_id, item_id, cert_id = next_id(Session), next_id(Attendance), next_id(PlanItem), next_id(Certification)
    sessions, attendances, items, certs = [], [], [], []
    now = timezone.now()
    for prop in properties:
        courses = list(Course.objects.filter(property=prop))
        staff = people[prop.pk]
        for _ in range(per_property // PER_SESSION):
            course = rng.choice(courses)
            day = today - dt.timedelta(days=rng.randint(-14, 365 * YEARS))
            held = day <= today
            sessions.append((session_id, prop.pk, course.pk, day, "Training room", course.format, "held" if held else "planned",
                             f"bench-{session_id}", "", "", now))
            for person in rng.sample(staff, PER_SESSION):
                attended = held and rng.random() < 0.92
                score = rng.randint(40, 100) if attended else None
                passed = None if score is None else score >= course.pass_mark
                attendances.append((attendance_id, session_id, prop.pk, person.pk, attended, now if attended else None, "tap" if attended else "",
                                    None if score is None else max(0, score - rng.randint(0, 20)), score, passed))
                if passed and course.validity_months and day > today - dt.timedelta(days=400):
                    certs.append((cert_id, prop.pk, person.pk, course.pk, str(course.name), day,
                                  day + dt.timedelta(days=30 * course.validity_months), attendance_id))
                    cert_id += 1
                attendance_id += 1
            session_id += 1
        for person in staff:
            for course in rng.sample(courses, min(6, len(courses))):
                due = dt.date(today.year, rng.randint(1, 12), rng.randint(1, 28))
                done = due < today and rng.random() < 0.8
                items.append((item_id, prop.pk, today.year, course.pk, person.pk, person.department_id, due,
                              "done" if done else "planned", "plan", due if done else None, now))
                item_id += 1
    copy_rows(Session, ["id", "property_id", "course_id", "date", "place", "format", "status", "checkin_token", "notes", "cancel_reason", "created_at"], sessions)
    copy_rows(Attendance, ["id", "session_id", "property_id", "staff_id", "attended", "checked_in_at", "check_in", "score_before", "score", "passed"], attendances)
    copy_rows(PlanItem, ["id", "property_id", "year", "course_id", "staff_id", "department_id", "due_on", "status", "source", "done_on", "created_at"], items)
    copy_rows(Certification, ["id", "property_id", "staff_id", "course_id", "name", "issued_on", "expires_on", "attendance_id"], certs)
    stdout.write(f"  training: {len(sessions)} sessions, {len(attendances)} attendance rows, {len(items)} plan items, {len(certs)} certificates")


def requests(*, property):
    session = Session.objects.filter(property=property).order_by("-date").first()
    person = StaffMember.objects.filter(property=property, staff_number__startswith=PREFIX).order_by("pk").first()
    return [
        BenchRequest("trainer landing", "/training/", role=Role.TRAINER),
        BenchRequest("training plan", "/training/plan/", role=Role.TRAINER),
        BenchRequest("training session", f"/training/sessions/{session.pk if session else 0}/", role=Role.TRAINER),
        BenchRequest("training session list", "/training/sessions/", role=Role.TRAINER),
        BenchRequest("staff list", "/training/staff/", role=Role.TRAINER),
        BenchRequest("staff record", f"/training/staff/{person.pk if person else 0}/", role=Role.TRAINER),
    ]
