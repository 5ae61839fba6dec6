"""Demo data of audits: the service-standard checklists, plans for the front office, and a year's
first audits with their findings and corrective actions (idempotent)."""

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from hotelqa.checklists import services as cl
from hotelqa.checklists.choices import TemplateKind
from hotelqa.checklists.models import ChecklistTemplate
from hotelqa.choices import DepartmentKind, Role
from hotelqa.models import Membership

from . import scheduling, services
from .models import Audit, AuditFrequency, AuditMethod, AuditPlan, AuditStatus
from .standards import STANDARD_TEMPLATES


def templates_ensure(*, property, actor=None) -> dict:
    """The manuals' service-standard checklists at `property`, published (idempotent)."""
    result = {}
    existing = {t.name: t for t in ChecklistTemplate.objects.filter(property=property, kind=TemplateKind.AUDIT)}
    for name, name_zh, pass_mark, sections in STANDARD_TEMPLATES:
        template = existing.get(name)
        if template is None:
            template = cl.checklist_template_create(property=property, name=name, kind=TemplateKind.AUDIT, pass_mark=Decimal(pass_mark))
            template.name_zh = name_zh
            template.save(update_fields=["name_zh"])
            draft = cl.checklist_draft(template=template)
            for title, title_zh, items in sections:
                section = cl.checklist_section_add(version=draft, title=title, title_zh=title_zh)
                for text, text_zh, standard, standard_zh, kind, weight, critical in items:
                    cl.checklist_item_add(section=section, text=text, text_zh=text_zh, standard=standard, standard_zh=standard_zh,
                                          answer_type=kind, weight=Decimal(weight), critical=critical, required=kind != "photo")
            cl.checklist_version_publish(version=draft, actor=actor)
        result[name] = template
    return result


def _member(prop, role):
    m = Membership.objects.filter(property=prop, role=role).select_related("user").order_by("pk").first()
    return m.user if m else None


def seed(*, properties, stdout=None):
    for prop in properties:
        inspector = _member(prop, Role.INSPECTOR) or _member(prop, Role.MANAGER)
        if inspector is None:
            continue
        templates = templates_ensure(property=prop, actor=_member(prop, Role.ADMIN))
        front = prop.departments.filter(kind=DepartmentKind.FRONT_OFFICE).first()
        rooms = prop.departments.filter(kind=DepartmentKind.HOUSEKEEPING).first() or front
        if front is None:
            continue
        start = timezone.localdate() - dt.timedelta(days=60)
        # 监督计划 (000 §10.1: scope, frequency, method) over the service standards of 003 §5/§7.
        plans = [
            (("Front desk check-in", "前台入住检查"), "Check-in and check-out", front, ("Front desk", "前台"), ("Check-in", "入住登记"),
             AuditMethod.ON_SITE, AuditFrequency.WEEKLY),
            (("Telephone etiquette", "电话礼仪抽查"), "Telephone etiquette", front, ("Switchboard", "总机"), ("Answering calls", "接听电话"),
             AuditMethod.RECORD_REVIEW, AuditFrequency.MONTHLY),
            (("Room readiness", "客房准备检查"), "Room readiness", rooms, ("Guest floors", "客房楼层"), ("Room handover", "客房交接"),
             AuditMethod.ON_SITE, AuditFrequency.MONTHLY),
            (("Mystery guest stay", "神秘顾客入住"), "Check-in and check-out", front, ("Front desk", "前台"), ("Whole stay", "全程入住体验"),
             AuditMethod.MYSTERY_GUEST, AuditFrequency.QUARTERLY),
        ]
        made = []
        for (name, name_zh), template, department, (area, area_zh), (process, process_zh), method, frequency in plans:
            texts = dict(name_zh=name_zh, area=area, area_zh=area_zh, process=process, process_zh=process_zh)
            plan, _created = AuditPlan.objects.get_or_create(property=prop, name=name, defaults=dict(
                template=templates[template], department=department, method=method, frequency=frequency, inspector=inspector,
                starts_on=start, window_days=7, **texts))
            missing = [f for f in texts if not getattr(plan, f)]
            if missing:  # a plan seeded before its Chinese text existed
                for field in missing:
                    setattr(plan, field, texts[field])
                plan.save(update_fields=missing)
            made.append(plan)
        scheduling.audits_generate(plan_ids=[p.pk for p in made])
        scheduling.audits_mark_overdue()
        _first_audit(prop, made[0], inspector)
        _past_audits(prop, made, inspector)
        if stdout:
            stdout.write(f"Audits {prop.code}: {Audit.objects.filter(property=prop).count()} audits, {len(templates)} standard checklists.")


def _first_audit(prop, plan, inspector):
    """One submitted front-desk audit with two failed items, so the actions list is not empty."""
    if Audit.objects.filter(property=prop, status=AuditStatus.SUBMITTED).exists():
        return
    audit = Audit.objects.filter(plan=plan, status__in=AuditStatus.open_values()).order_by("period_start").first()
    if audit is None:
        return
    audit = services.audit_start(audit=audit, actor=inspector)
    for n, item in enumerate(audit.version.items.all()):
        value = (n not in (1, 4)) if item.answer_type == "pass_fail" else (4 if item.answer_type == "score" else None)
        if value is not None:
            services.audit_answer(audit=audit, item=item, actor=inspector, value=value,
                                  note="" if value else "客人等候超过1分钟无人问候")
    services.audit_submit(audit=audit, actor=inspector)


# Notes an inspector writes on a failed service standard (003 §5/§7).
FAILED_NOTES = ["客人等候超过1分钟无人问候", "未使用敬语称呼客人", "电话铃响超过三声才接听", "未复述客人需求", "房间交接单未签字"]


def _past_audits(prop, plans, inspector):
    """The inspector did the on-site and record-review audits of past weeks, most on time and passing,
    a few late or with a failed item; the last week's are still to do, so the overdue list is not
    empty. Mystery-guest visits wait for their visiting auditor, and checklists that need a photo
    for someone with a camera."""
    rng = random.Random(f"demo-audits-{prop.code}")
    now = timezone.now()
    behind = now - dt.timedelta(days=7)
    audits = (Audit.objects.filter(plan__in=[p for p in plans if p.method != AuditMethod.MYSTERY_GUEST],
                                   status__in=AuditStatus.open_values(), due_at__lt=behind)
              .exclude(version__items__answer_type="photo")  # a demo has no photos to attach
              .distinct().select_related("version").order_by("due_at"))
    for audit in audits:
        audit = services.audit_start(audit=audit, actor=inspector)
        failing = rng.random() < 0.3
        for n, item in enumerate(audit.version.items.all()):
            passed = not (failing and n == rng.randrange(0, 6))
            value = passed if item.answer_type == "pass_fail" else (rng.choice([3, 4, 5]) if item.answer_type == "score" else None)
            if value is not None:
                services.audit_answer(audit=audit, item=item, actor=inspector, value=value,
                                      note="" if value else rng.choice(FAILED_NOTES))
        services.audit_submit(audit=audit, actor=inspector)
        # Done in its window: on time mostly, a day late now and then.
        late = rng.random() < 0.15
        Audit.objects.filter(pk=audit.pk).update(
            submitted_at=audit.due_at + dt.timedelta(hours=rng.randint(2, 30)) if late else audit.due_at - dt.timedelta(hours=rng.randint(2, 72)))
