"""Demo training data: the manuals' course catalogue (000 ch.3, 003 ch.6) in both languages, this
year's plan, sessions held with scores, today's session for the trainer, certificates, pre-job
training of a new hire and a training need from a staff-error complaint.
Safe to run again: everything is looked up by its natural key first."""

import datetime as dt
import random
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from hotelqa.choices import DepartmentKind, Role
from hotelqa.models import Membership, StaffMember

from . import services
from .choices import CourseCategory as C
from .choices import CourseFormat as F
from .models import Course, Session

E, SK, T, SA, PR, CO = C.ETIQUETTE, C.SKILLS, C.TEAMWORK, C.SAFETY, C.PRIVACY, C.COMPLAINTS
# code, name, name_zh, category, format, hours, pass mark, validity months, complaint categories, standards, flags
COURSES = [
    ("ETQ-01", "Appearance and grooming", "仪容仪表", E, F.INTERNAL, 2, 70, None, ["attitude"], "uniform\n仪容仪表", ""),
    ("ETQ-02", "Speech and manner", "言谈举止", E, F.INTERNAL, 3, 70, None, ["attitude"], "", ""),
    ("ETQ-03", "Reception etiquette", "接待礼仪", E, F.CASE_STUDY, 3, 70, None, ["attitude", "speed"], "", ""),
    ("ETQ-04", "Telephone etiquette", "电话礼仪", E, F.INTERNAL, 2, 70, None, ["information", "wake_up"], "", ""),
    ("SKL-01", "Business knowledge", "业务知识", SK, F.INTERNAL, 4, 60, None, ["information", "billing"], "", ""),
    ("SKL-02", "Technical skills", "技术能力", SK, F.INTERNAL, 6, 60, 24, ["room"], "", ""),
    ("SKL-03", "Scenario simulation", "情景模拟", SK, F.CASE_STUDY, 3, 60, None, ["speed"], "", ""),
    ("SKL-04", "Guest room cleaning standards", "客房清洁标准", SK, F.INTERNAL, 4, 70, None, ["cleanliness"],
     "No hair, stains or odour\n无毛发、污渍和异味", ""),
    ("TEAM-01", "Team awareness and teamwork", "团队意识与团队协作训练", T, F.INTERNAL, 3, 60, None, [], "", ""),
    ("TEAM-02", "Communication skills", "沟通技巧", T, F.INTERNAL, 2, 60, None, ["information"], "", ""),
    ("TEAM-03", "Cross-department communication", "跨部门沟通", T, F.CASE_STUDY, 2, 60, None, ["speed"], "", ""),
    ("SAF-01", "Fire safety and evacuation drill", "消防安全与疏散演练", SA, F.DRILL, 2, 80, 12, ["safety"],
     "Smoke detector\n烟感", ""),
    ("SAF-02", "First aid", "急救培训", SA, F.EXTERNAL, 8, 80, 24, ["safety"], "", ""),
    ("SEC-01", "Guest information security and privacy", "客户信息安全与隐私保护", PR, F.ONLINE, 2, 80, 12, [], "", ""),
    ("CMP-01", "Complaint handling in six steps", "投诉处理六步法", CO, F.CASE_STUDY, 3, 70, None, ["attitude", "speed"], "", ""),
    ("PRE-01", "Pre-job training", "岗前培训", SK, F.INTERNAL, 8, 60, None, [], "", "pre_job"),
    ("ROT-01", "Rotation training", "岗位轮训", SK, F.INTERNAL, 8, 60, None, [], "", "rotation"),
]


def _courses(prop):
    out = {}
    for code, name, zh, cat, fmt, hours, mark, months, cats, standards, flag in COURSES:
        course, _ = Course.objects.get_or_create(property=prop, code=code, defaults={
            "name": name, "name_zh": zh, "category": cat, "format": fmt, "duration_hours": Decimal(hours), "pass_mark": mark,
            "validity_months": months, "complaint_categories": cats, "standards": standards,
            "is_pre_job": flag == "pre_job", "is_rotation": flag == "rotation",
        })
        out[code] = course
    return out


@transaction.atomic
def seed(*, properties, stdout=None):
    today = timezone.localdate()
    for prop in properties:
        courses = _courses(prop)
        if Session.objects.filter(property=prop).exists():
            continue
        rng = random.Random(prop.code)
        trainer = Membership.objects.filter(property=prop, role=Role.TRAINER).select_related("user").first()
        trainer = trainer.user if trainer else None
        staff = list(StaffMember.objects.filter(property=prop, is_active=True).select_related("department"))
        front = [s for s in staff if s.department and s.department.kind in (DepartmentKind.FRONT_OFFICE, DepartmentKind.HOUSEKEEPING)]
        year_end = dt.date(today.year, 12, 31)
        # This year's plan: fire drill for everyone, manner for the front of house, privacy for the desk.
        services.plan_add(property=prop, course=courses["SAF-01"], due_on=year_end if year_end > today else today + dt.timedelta(days=30))
        services.plan_add(property=prop, course=courses["ETQ-02"], due_on=today + dt.timedelta(days=10), staff=front)
        services.plan_add(property=prop, course=courses["SEC-01"], due_on=today + dt.timedelta(days=45),
                          staff=[s for s in staff if s.department and s.department.kind == DepartmentKind.FRONT_OFFICE])
        # A fire drill held two months ago, with scores: one person failed and is planned again.
        drill = services.session_create(property=prop, course=courses["SAF-01"], date=today - dt.timedelta(days=60), trainer=trainer,
                                        place="Ballroom 宴会厅", staff=staff)
        rows = {}
        for i, att in enumerate(drill.attendances.all()):
            before = rng.randint(65, 80)
            rows[att.pk] = {"attended": True, "score_before": before, "score": 70 if i == 1 else min(100, before + rng.randint(10, 20))}
        services.scores_record(session=drill, rows=rows)
        # Today's session for the trainer, in the training room.
        services.session_create(property=prop, course=courses["ETQ-02"], date=today, trainer=trainer, place="Training room 培训室",
                                start_time=dt.time(14, 0), staff=front)
        services.session_create(property=prop, course=courses["CMP-01"], date=today + dt.timedelta(days=3), trainer=trainer,
                                place="Training room 培训室", staff=front[:4])
        # A new hire's pre-job training: 10 of 15 days so far.
        new_hire = min(staff, key=lambda s: (s.hire_date and -s.hire_date.toordinal()))
        for d in range(10):
            day = new_hire.hire_date + dt.timedelta(days=d)
            if day >= today:
                break
            s = services.session_create(property=prop, course=courses["PRE-01"], date=day, trainer=trainer, staff=[new_hire])
            services.scores_record(session=s, rows={a.pk: {"attended": True} for a in s.attendances.all()})
        _case_need(prop)


def _case_need(prop):
    """A closed staff-attitude complaint traced to a staff error, naming the person: a training need."""
    from complaints.models import Case

    case = Case.objects.filter(property=prop, kind="complaint", category="attitude", department__isnull=False).order_by("received_at").first()
    person = case and StaffMember.objects.filter(property=prop, department=case.department, user__isnull=True).first()
    if not case or not person:
        return
    Case.objects.filter(pk=case.pk).update(root_cause="staff")
    case.refresh_from_db()
    case.staff_members.add(person)
    services.proposals_from_case(case)
