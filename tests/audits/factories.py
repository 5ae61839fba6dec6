"""Builders for audit tests: a small audit checklist with weights and a critical item, plans,
audits filled through the services."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from audits import services
from audits.models import Audit, AuditFrequency, AuditMethod, AuditPlan
from hotelqa.checklists import services as cl
from hotelqa.checklists.choices import TemplateKind
from hotelqa.choices import Role
from tests.factories import make_member


def audit_template(property, *, name="Front desk standard", pass_mark=80):
    """Items: greeting (pass/fail, weight 2), ID check (pass/fail, weight 3, critical),
    courtesy (score 1–5, weight 1), remark (text, not scored). Greeting and ID name a standard.
    The property's template of that name is reused when it exists."""
    from hotelqa.checklists.models import ChecklistTemplate

    existing = ChecklistTemplate.objects.filter(property=property, name=name).first()
    if existing is not None:
        return existing
    template = cl.checklist_template_create(property=property, name=name, kind=TemplateKind.AUDIT, pass_mark=Decimal(pass_mark))
    template.name_zh = "前台标准"
    template.save(update_fields=["name_zh"])
    draft = cl.checklist_draft(template=template)
    section = cl.checklist_section_add(version=draft, title="Check-in", title_zh="入住")
    cl.checklist_item_add(section=section, text="Greeting", text_zh="问候", standard="Greet within 30 s", standard_zh="30秒内问候",
                          answer_type="pass_fail", weight=Decimal(2))
    cl.checklist_item_add(section=section, text="ID checked", text_zh="核验证件", standard="Check every ID", standard_zh="核验每位客人证件",
                          answer_type="pass_fail", weight=Decimal(3), critical=True)
    cl.checklist_item_add(section=section, text="Courtesy", text_zh="礼貌", answer_type="score", weight=Decimal(1))
    cl.checklist_item_add(section=section, text="Remark", text_zh="备注", answer_type="text", weight=Decimal(1), required=False)
    cl.checklist_version_publish(version=draft, actor=None)
    template.refresh_from_db()
    return template


def front_office(property):
    return property.departments.get(kind="front_office")


def plan_for(property, *, inspector=None, template=None, frequency=AuditFrequency.WEEKLY, starts_on=dt.date(2026, 3, 2),
             method=AuditMethod.ON_SITE, **extra):
    inspector = inspector or make_member(property, Role.INSPECTOR)
    return AuditPlan.objects.create(
        property=property, name=extra.pop("name", "Front desk weekly"), template=template or audit_template(property),
        department=front_office(property), area="Front desk", process="Check-in", method=method, frequency=frequency,
        inspector=inspector, starts_on=starts_on, **extra,
    )


def open_audit(property, *, inspector=None, method=AuditMethod.ON_SITE, template=None):
    inspector = inspector or make_member(property, Role.INSPECTOR)
    return services.audit_create(property=property, template=template or audit_template(property), department=front_office(property),
                                 actor=inspector, method=method, due_at=timezone.now() + dt.timedelta(days=3))


def answer_all(audit, actor, *, greeting=True, id_checked=True, courtesy=5):
    items = {i.text: i for i in audit.version.items.all()}
    services.audit_answer(audit=audit, item=items["Greeting"], actor=actor, value=greeting)
    services.audit_answer(audit=audit, item=items["ID checked"], actor=actor, value=id_checked)
    services.audit_answer(audit=audit, item=items["Courtesy"], actor=actor, value=courtesy)
    return items


def submitted_audit(property, *, inspector=None, supervisor=None, **answers):
    """A submitted audit; by default greeting fails, so it has one finding and one action."""
    inspector = inspector or make_member(property, Role.INSPECTOR)
    supervisor = supervisor or make_member(property, Role.SUPERVISOR, department_kind="front_office")
    audit = open_audit(property, inspector=inspector)
    answer_all(audit, inspector, **{"greeting": False, **answers})
    audit = services.audit_submit(audit=audit, actor=inspector)
    return Audit.objects.get(pk=audit.pk), inspector, supervisor
