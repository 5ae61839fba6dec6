"""Audit plans carry their scope (name, area, process) in English and Chinese, and the audits
generated from them a copy of the area and process in both: an older "English 中文" plan name is
split in two, the demo's English areas and processes get their Chinese text, and generated audits
take their plan's. The default assessment criteria, where the admin has not changed what fills
them, are filled from audits (quality) and corrective actions (on time) too."""

from django.db import migrations, models

from hotelqa.i18n import split_combined

# The demo plans' areas and processes (audits/demo_audits.py) and their Chinese text.
KNOWN = {
    "Front desk": "前台", "Switchboard": "总机", "Guest floors": "客房楼层",
    "Check-in": "入住登记", "Answering calls": "接听电话", "Room handover": "客房交接", "Whole stay": "全程入住体验",
}
OLD_ON_TIME = ["complaints.sla_kept", "facilities.work_orders_on_time", "facilities.inspections_on_time"]


def scopes_in_two_languages(apps, schema_editor):
    AuditPlan, Audit = apps.get_model("audits", "AuditPlan"), apps.get_model("audits", "Audit")
    for plan in AuditPlan.objects.all().iterator():
        changed = []
        split = split_combined(plan.name) if not plan.name_zh else None
        if split:
            plan.name, plan.name_zh = split
            changed += ["name", "name_zh"]
        for field in ("area", "process"):
            if not getattr(plan, f"{field}_zh") and getattr(plan, field) in KNOWN:
                setattr(plan, f"{field}_zh", KNOWN[getattr(plan, field)])
                changed.append(f"{field}_zh")
        if changed:
            plan.save(update_fields=changed)
        for field in ("area", "process"):
            if getattr(plan, f"{field}_zh"):
                Audit.objects.filter(plan_id=plan.pk, **{field: getattr(plan, field), f"{field}_zh": ""}).update(
                    **{f"{field}_zh": getattr(plan, f"{field}_zh")})


def criteria_from_audits(apps, schema_editor):
    Criterion = apps.get_model("audits", "AssessmentCriterion")
    new = {"task_quality": ([], ["audits.department_audit_score"]), "task_on_time": (OLD_ON_TIME, OLD_ON_TIME + ["audits.actions_on_time"])}
    for criterion in Criterion.objects.filter(code__in=new):
        old, metrics = new[criterion.code]
        if criterion.metrics == old:  # as the defaults made it
            criterion.metrics = metrics
            criterion.save(update_fields=["metrics"])


class Migration(migrations.Migration):

    dependencies = [
        ('audits', '0004_staff_assessment'),
    ]

    operations = [
        migrations.AddField(
            model_name='audit',
            name='area_zh',
            field=models.CharField(blank=True, max_length=150, verbose_name='area (Chinese)'),
        ),
        migrations.AddField(
            model_name='audit',
            name='process_zh',
            field=models.CharField(blank=True, max_length=150, verbose_name='process (Chinese)'),
        ),
        migrations.AddField(
            model_name='auditplan',
            name='area_zh',
            field=models.CharField(blank=True, help_text='e.g. 大堂、前台、12楼', max_length=150, verbose_name='area (Chinese)'),
        ),
        migrations.AddField(
            model_name='auditplan',
            name='name_zh',
            field=models.CharField(blank=True, max_length=150, verbose_name='name (Chinese)'),
        ),
        migrations.AddField(
            model_name='auditplan',
            name='process_zh',
            field=models.CharField(blank=True, help_text='e.g. 入住登记、接听电话', max_length=150, verbose_name='process (Chinese)'),
        ),
        migrations.RunPython(scopes_in_two_languages, migrations.RunPython.noop),
        migrations.RunPython(criteria_from_audits, migrations.RunPython.noop),
    ]
