"""Benchmark data, pages and jobs of audits. At scale 1.0: 100,000 audits with their filled
checklists (20 items each: 2,000,000 answers) and 200,000 findings with their corrective actions,
spread over the properties and the last year; plus 1,000 weekly plans at the first property for
timing the audit generator. Bulk-loaded with COPY."""

import datetime as dt
import random
from decimal import Decimal

from django.db import connection
from django.utils import timezone

from hotelqa.bench import BenchRequest, copy_rows, delete_rows, next_id, seeded
from hotelqa.checklists import services as cl
from hotelqa.checklists.choices import TemplateKind
from hotelqa.checklists.models import ChecklistAnswer, ChecklistResponse, ChecklistTemplate
from hotelqa.choices import DepartmentKind, Role
from hotelqa.models import Membership

from . import scheduling
from .models import ActionStatus, Audit, AuditPlan, AuditStatus, CorrectiveAction, Finding

AUDITS = 100_000
ITEMS = 20
ACTIONS = 200_000
GENERATION_PLANS = 1_000
BENCH_TEMPLATE = "Bench brand standard"
GENERATION_PREFIX = "Bench audit plan "


def _template(prop):
    """A 20-item audit checklist (pass/fail and 1–5 scores, two critical items), created once."""
    template = ChecklistTemplate.objects.filter(property=prop, name=BENCH_TEMPLATE).first()
    if template is not None:
        return template
    template = cl.checklist_template_create(property=prop, name=BENCH_TEMPLATE, kind=TemplateKind.AUDIT)
    template.name_zh = "基准品牌标准"
    template.save(update_fields=["name_zh"])
    draft = cl.checklist_draft(template=template)
    for s in range(4):
        section = cl.checklist_section_add(version=draft, title=f"Section {s + 1}", title_zh=f"第{s + 1}部分")
        for i in range(ITEMS // 4):
            cl.checklist_item_add(section=section, text=f"Standard {s + 1}.{i + 1}", text_zh=f"标准 {s + 1}.{i + 1}",
                                  standard="As the manual says", standard_zh="按手册要求", answer_type="score" if i % 2 else "pass_fail",
                                  weight=Decimal(1 + i % 3), critical=(i == 0 and s < 2))
    cl.checklist_version_publish(version=draft, actor=None)
    template.refresh_from_db()
    return template


def clear(property_ids):
    delete_rows("audits_correctiveactionhistory", "action_id IN (SELECT id FROM audits_correctiveaction WHERE property_id = ANY(%s))", [property_ids])
    delete_rows("audits_correctiveaction", "property_id = ANY(%s)", [property_ids])
    delete_rows("audits_finding", "property_id = ANY(%s)", [property_ids])
    delete_rows("facilities_checklistanswer", "response_id IN (SELECT response_id FROM audits_audit WHERE property_id = ANY(%s) AND plan_id IS NULL)",
                [property_ids])
    with connection.cursor() as cursor:  # one statement: the audits and the checklists they point to
        cursor.execute("WITH gone AS (DELETE FROM audits_audit WHERE property_id = ANY(%s) AND plan_id IS NULL RETURNING response_id) "
                       "DELETE FROM facilities_checklistresponse WHERE id IN (SELECT response_id FROM gone)", [property_ids])


def seed(*, properties, scale, stdout):
    per_property = max(50, int(AUDITS * scale) // len(properties))
    actions_per_audit = ACTIONS / AUDITS
    ids = [p.pk for p in properties]
    templates = {p.pk: _template(p) for p in properties}
    _generation_plans(properties[0], templates[properties[0].pk])
    have = Audit.objects.filter(property_id__in=ids, plan__isnull=True).count()
    if seeded(have, per_property * len(ids)):
        stdout.write(f"  audits: {have} audits already there")
        return
    clear(ids)
    rng = random.Random("bench-audits")
    now = timezone.now()
    audits, responses, answers, findings, actions = [], [], [], [], []
    audit_id, response_id, answer_id, finding_id = next_id(Audit), next_id(ChecklistResponse), next_id(ChecklistAnswer), next_id(Finding)
    for prop in properties:
        version = templates[prop.pk].current_version
        items = list(version.items.values_list("pk", "answer_type", "critical"))
        members = dict(Membership.objects.filter(property=prop).values_list("role", "user_id"))
        inspector, owner = members.get(Role.INSPECTOR), members.get(Role.SUPERVISOR) or members.get(Role.MANAGER)
        departments = list(prop.departments.filter(kind__in=[DepartmentKind.FRONT_OFFICE, DepartmentKind.HOUSEKEEPING,
                                                             DepartmentKind.FOOD_BEVERAGE]).values_list("pk", flat=True))
        for i in range(per_property):
            recent = i >= per_property - max(5, per_property // 200)
            due = now + dt.timedelta(days=rng.randint(1, 6)) if recent else now - dt.timedelta(days=365 * (1 - i / per_property) + 1)
            department = rng.choice(departments)
            status = AuditStatus.DUE if recent else (AuditStatus.OVERDUE if rng.random() < 0.04 else AuditStatus.SUBMITTED)
            response = submitted = score = passed = None
            if status == AuditStatus.SUBMITTED:
                response, submitted = response_id, due - dt.timedelta(hours=rng.uniform(-12, 96))
                response_id += 1
                want = min(ITEMS, int(actions_per_audit) + (1 if rng.random() < actions_per_audit % 1 else 0) + rng.choice((-1, 0, 0, 1)))
                failing = set(rng.sample(range(ITEMS), max(0, want)))
                earned = possible = Decimal(0)
                critical = False
                for n, (item, kind, is_critical) in enumerate(items):
                    fail = n in failing
                    weight = Decimal(1 + (n % 5) % 3)
                    value_bool = value_score = None
                    if kind == "pass_fail":
                        value_bool = not fail
                    else:
                        value_score = 2 if fail else rng.choice((3, 4, 5))
                    earned += Decimal(0) if fail else weight
                    possible += weight
                    critical = critical or (fail and is_critical)
                    answers.append((answer_id, response, item, value_bool, value_score, None, "", "", "", fail, False, "", inspector, submitted))
                    if fail:
                        findings.append((finding_id, prop.pk, audit_id, answer_id, item, department, is_critical, rng.random() < 0.15, submitted))
                        due_action = submitted + dt.timedelta(days=3 if is_critical else 14)
                        age = now - submitted
                        closed = due_action + dt.timedelta(days=rng.uniform(-10, 4)) if age > dt.timedelta(days=20) else None
                        if closed is not None and closed < submitted:
                            closed = submitted + dt.timedelta(days=1)
                        st = ActionStatus.ACT if closed else rng.choice((ActionStatus.PLAN, ActionStatus.DO, ActionStatus.CHECK))
                        actions.append((prop.pk, finding_id, department, owner, due_action, st, "Retrain 复训" if st != ActionStatus.PLAN else "",
                                        "Done 已整改" if st in (ActionStatus.CHECK, ActionStatus.ACT) else "", closed, inspector if closed else None,
                                        closed, submitted, 1))
                        finding_id += 1
                    answer_id += 1
                score = (earned * 100 / possible).quantize(Decimal("0.01"))
                passed = not critical and score >= 80
                responses.append((response, prop.pk, version.pk, submitted - dt.timedelta(minutes=40), inspector, submitted, score, passed, critical))
            audits.append((audit_id, prop.pk, version.pk, "on_site", department, "Front desk", "前台", "Check-in", "入住登记", (due - dt.timedelta(days=7)).date(),
                           due, status, inspector, response, submitted, inspector if submitted else None, score, passed, bool(passed is False),
                           None, "", due - dt.timedelta(days=7)))
            audit_id += 1

    n = copy_rows(ChecklistResponse, ["id", "property_id", "version_id", "started_at", "started_by_id", "completed_at", "score", "passed", "critical_failed"], responses)
    stdout.write(f"  {n} filled audit checklists")
    n = copy_rows(ChecklistAnswer, ["id", "response_id", "item_id", "value_bool", "value_score", "value_number", "value_text", "photo", "note",
                                    "is_failed", "fixed_on_spot", "fix_note", "answered_by_id", "answered_at"], answers)
    stdout.write(f"  {n} audit answers")
    answers.clear()
    n = copy_rows(Audit, ["id", "property_id", "version_id", "method", "department_id", "area", "area_zh", "process", "process_zh", "period_start", "due_at", "status",
                          "inspector_id", "response_id", "submitted_at", "submitted_by_id", "score", "passed", "critical_failed", "visited_at",
                          "auditor_name", "created_at"], audits)
    stdout.write(f"  {n} audits")
    n = copy_rows(Finding, ["id", "property_id", "audit_id", "answer_id", "item_id", "department_id", "critical", "is_repeat", "created_at",
                            "training_proposal"], ((*f, "{}") for f in findings))
    stdout.write(f"  {n} findings")
    n = copy_rows(CorrectiveAction, ["property_id", "finding_id", "department_id", "owner_id", "due_at", "status", "plan", "evidence", "submitted_at",
                                     "verified_by_id", "closed_at", "created_at", "version"], actions)
    stdout.write(f"  {n} corrective actions")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE audits_audit; ANALYZE audits_finding; ANALYZE audits_correctiveaction")


def _generation_plans(prop, template):
    """1,000 weekly plans at one property, for timing the generator (created once)."""
    have = AuditPlan.objects.filter(property=prop, name__startswith=GENERATION_PREFIX).count()
    if have >= GENERATION_PLANS:
        return
    department = prop.departments.filter(kind=DepartmentKind.FRONT_OFFICE).values_list("pk", flat=True).first()
    inspector = Membership.objects.filter(property=prop, role=Role.INSPECTOR).values_list("user_id", flat=True).first()
    today, now = timezone.localdate(), timezone.now()
    copy_rows(AuditPlan, ["property_id", "name", "name_zh", "template_id", "department_id", "area", "area_zh", "process", "process_zh", "method",
                          "frequency", "inspector_id", "starts_on", "window_days", "is_active", "created_at"], (
        (prop.pk, f"{GENERATION_PREFIX}{i + have:05d}", "", template.pk, department, "", "", "", "", "on_site", "weekly", inspector,
         today - dt.timedelta(days=i % 7), 7, True, now)
        for i in range(GENERATION_PLANS - have)
    ))


def jobs(*, property):
    plans = AuditPlan.objects.filter(property=property, name__startswith=GENERATION_PREFIX)
    ids = list(plans.values_list("pk", flat=True))
    Audit.objects.filter(plan_id__in=ids).delete()
    plans.update(generated_until=None)
    from .services import corrective_actions_watch

    return [
        (f"audit generation, {len(ids):,} plans", lambda: scheduling.audits_generate(plan_ids=ids)),
        ("corrective-action watch", corrective_actions_watch),
    ]


def requests(*, property):
    audit = Audit.objects.filter(property=property, status=AuditStatus.SUBMITTED).order_by("-submitted_at").first()
    action = CorrectiveAction.objects.filter(property=property).order_by("-due_at").first()
    return [
        BenchRequest("audit list", "/audits/", role=Role.INSPECTOR),
        BenchRequest("audit list, submitted, failed", "/audits/?status=submitted&result=failed", role=Role.MANAGER),
        BenchRequest("audit report", f"/audits/{audit.pk if audit else 0}/", role=Role.INSPECTOR),
        BenchRequest("corrective-action list, overdue", "/audits/actions/?overdue=on", role=Role.INSPECTOR),
        BenchRequest("corrective-action list", "/audits/actions/", role=Role.SUPERVISOR),
        BenchRequest("corrective action", f"/audits/actions/{action.pk if action else 0}/", role=Role.SUPERVISOR),
        BenchRequest("inspector landing", "/", role=Role.INSPECTOR),
    ]

