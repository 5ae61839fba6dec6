"""An audit plan's scope (name, area, process) in English and Chinese: edited side by side, shown in
the reader's language, copied to the audits it generates, seeded so by the demo, and older rows
migrated."""

import datetime as dt
import importlib
from zoneinfo import ZoneInfo

import pytest
from django.apps import apps
from django.test import Client

from audits import demo_audits, scheduling
from audits.models import Audit, AuditPlan
from hotelqa.choices import Role
from tests.factories import make_member

from .factories import plan_for

pytestmark = pytest.mark.django_db
migration = importlib.import_module("audits.migrations.0005_plan_scope_in_two_languages_criteria_from_audits")


def reader(property, role, lang):
    client = Client()
    client.force_login(make_member(property, role))
    client.post("/i18n/setlang/", {"language": lang, "next": "/"})
    return client


def bilingual_plan(property):
    return plan_for(property, name="Front desk weekly", name_zh="前台每周检查", area_zh="前台", process_zh="入住登记")


def test_generated_audits_carry_the_scope_in_both_languages(property_a):
    plan = bilingual_plan(property_a)
    scheduling.audits_generate(now=dt.datetime(2026, 3, 10, 9, tzinfo=ZoneInfo("Asia/Shanghai")))
    audit = Audit.objects.filter(plan=plan).first()
    assert (audit.area, audit.area_zh, audit.process, audit.process_zh) == ("Front desk", "前台", "Check-in", "入住登记")


def test_each_reader_sees_the_scope_in_their_language(property_a):
    plan = bilingual_plan(property_a)
    scheduling.audits_generate(now=dt.datetime(2026, 3, 10, 9, tzinfo=ZoneInfo("Asia/Shanghai")))
    chinese = reader(property_a, Role.INSPECTOR, "zh-hans")
    english = reader(property_a, Role.INSPECTOR, "en")
    detail = chinese.get(plan.get_absolute_url()).content.decode()
    assert "前台每周检查" in detail and "前台 · 入住登记" in detail and "Front desk weekly" not in detail
    assert "前台 · 入住登记" in chinese.get("/audits/").content.decode()
    assert "前台每周检查" in chinese.get("/audits/plans/").content.decode()
    detail = english.get(plan.get_absolute_url()).content.decode()
    assert "Front desk weekly" in detail and "Front desk · Check-in" in detail and "前台每周检查" not in detail


def test_plan_form_edits_both_languages_side_by_side(property_a):
    client = reader(property_a, Role.INSPECTOR, "en")
    page = client.get("/audits/plans/new/").content.decode()
    assert page.index('name="name"') < page.index('name="name_zh"') < page.index('name="template"')
    assert page.index('name="area"') < page.index('name="area_zh"') < page.index('name="process"') < page.index('name="process_zh"')


def test_demo_plans_are_seeded_in_both_languages(property_a):
    for role, kind in [(Role.INSPECTOR, None), (Role.ADMIN, None)]:
        make_member(property_a, role, department_kind=kind)
    demo_audits.seed(properties=[property_a])
    demo_audits.seed(properties=[property_a])
    plans = AuditPlan.objects.filter(property=property_a)
    assert plans.count() == 4
    assert not plans.filter(name_zh="").exists() and not plans.filter(area_zh="").exists() and not plans.filter(process_zh="").exists()
    assert plans.filter(name="Telephone etiquette", name_zh="电话礼仪抽查", area_zh="总机", process_zh="接听电话").exists()
    assert not Audit.objects.filter(property=property_a, plan__isnull=False, area_zh="").exists()


def test_older_plans_and_their_audits_are_migrated(property_a):
    plan = plan_for(property_a, name="Room readiness 客房准备检查")
    plan.area, plan.process = "Guest floors", "Own words"
    plan.save()
    scheduling.audits_generate(now=dt.datetime(2026, 3, 10, 9, tzinfo=ZoneInfo("Asia/Shanghai")))
    migration.scopes_in_two_languages(apps, None)
    plan.refresh_from_db()
    assert (plan.name, plan.name_zh, plan.area_zh, plan.process, plan.process_zh) == ("Room readiness", "客房准备检查", "客房楼层", "Own words", "")
    assert set(Audit.objects.filter(plan=plan).values_list("area_zh", "process_zh")) == {("客房楼层", "")}


def test_default_criteria_left_as_made_are_filled_from_audits(property_a):
    from audits.assessment_services import criteria_ensure_defaults
    from audits.models import AssessmentCriterion

    criteria_ensure_defaults(property=property_a)
    AssessmentCriterion.objects.filter(code="task_quality").update(metrics=[])
    AssessmentCriterion.objects.filter(code="task_on_time").update(metrics=migration.OLD_ON_TIME)
    AssessmentCriterion.objects.filter(code="teamwork").update(metrics=["complaints.sla_kept"])  # the admin's choice stays
    migration.criteria_from_audits(apps, None)
    metrics = dict(AssessmentCriterion.objects.values_list("code", "metrics"))
    assert metrics["task_quality"] == ["audits.department_audit_score"]
    assert metrics["task_on_time"][-1] == "audits.actions_on_time"
    assert metrics["teamwork"] == ["complaints.sla_kept"]
