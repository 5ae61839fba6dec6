"""The audit pages as users meet them: filling on the page, submitting twice, the mystery guest's
one-time link and the hidden auditor, the PDCA forms and their refusals, lists flat in queries,
English and Chinese."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from audits import services
from audits.models import ActionStatus, Audit, AuditMethod, AuditStatus, CorrectiveAction
from hotelqa.choices import Role
from tests.factories import make_member

from .factories import answer_all, open_audit, submitted_audit

pytestmark = pytest.mark.django_db


def page_post(audit, **answers):
    """The audit page's form data: item prefix i<pk>."""
    items = {i.text: i for i in audit.version.items.all()}
    data = {}
    for text, value in answers.items():
        data[f"i{items[text].pk}-value"] = value
    return data


def test_inspector_fills_and_submits_on_the_page(property_a, login):
    inspector = make_member(property_a, Role.INSPECTOR)
    make_member(property_a, Role.SUPERVISOR, department_kind="front_office")
    audit = open_audit(property_a, inspector=inspector)
    client = login(inspector)
    page = client.get(f"/audits/{audit.pk}/")
    assert page.status_code == 200 and "Submit audit" in page.content.decode()
    data = page_post(audit, **{"Greeting": "0", "ID checked": "1", "Courtesy": "4"})
    response = client.post(f"/audits/{audit.pk}/", {**data, "save": "1"})
    assert response.status_code == 302
    assert Audit.objects.get(pk=audit.pk).status == AuditStatus.IN_PROGRESS
    response = client.post(f"/audits/{audit.pk}/", {**data, "submit": "1"}, follow=True)
    text = response.content.decode()
    assert "Audit submitted: failed, score 63%." in text and "1 finding(s) with corrective actions." in text
    audit.refresh_from_db()
    assert audit.status == AuditStatus.SUBMITTED and audit.findings.count() == 1
    # A second send of the same form (back button, double tap) is refused with a message.
    again = client.post(f"/audits/{audit.pk}/", {**data, "submit": "1"}, follow=True)
    assert again.status_code == 200 and "This audit has already been submitted." in again.content.decode()
    assert audit.findings.count() == 1


def test_a_bad_answer_is_shown_next_to_its_item_and_nothing_is_saved(property_a, login):
    inspector = make_member(property_a, Role.INSPECTOR)
    audit = open_audit(property_a, inspector=inspector)
    data = page_post(audit, **{"Greeting": "1", "Courtesy": "9"})
    response = login(inspector).post(f"/audits/{audit.pk}/", {**data, "save": "1"})
    assert response.status_code == 400
    assert "Some answers were not saved" in response.content.decode()
    assert not Audit.objects.get(pk=audit.pk).response_id


def test_audit_page_in_chinese(property_a, login):
    inspector = make_member(property_a, Role.INSPECTOR)
    audit = open_audit(property_a, inspector=inspector)
    text = login(inspector).get(f"/audits/{audit.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "提交检查" in text and "问候" in text and "30秒内问候" in text


def mystery(property_a):
    inspector = make_member(property_a, Role.INSPECTOR)
    make_member(property_a, Role.SUPERVISOR, department_kind="front_office")
    audit = open_audit(property_a, inspector=inspector, method=AuditMethod.MYSTERY_GUEST)
    link = services.mystery_link_create(audit=audit, actor=inspector)
    return audit, link, inspector


def test_mystery_guest_fills_the_audit_once_without_a_login(property_a):
    audit, link, _inspector = mystery(property_a)
    guest = Client()
    url = f"/audits/visit/{link.token}/"
    assert guest.get(url).status_code == 200
    visit = (timezone.localtime() - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    data = {**page_post(audit, **{"Greeting": "0", "ID checked": "1", "Courtesy": "5"}), "auditor_name": "Ms Zhou", "visited_at": visit}
    response = guest.post(url, data)
    assert response.status_code == 200 and "Your questionnaire has been received." in response.content.decode()
    audit.refresh_from_db()
    assert audit.status == AuditStatus.SUBMITTED and audit.auditor_name == "Ms Zhou" and audit.submitted_by is None
    again = guest.post(url, data)
    assert again.status_code == 410 and "This link is no longer valid" in again.content.decode()
    assert Audit.objects.get(pk=audit.pk).findings.count() == 1


def test_an_incomplete_questionnaire_saves_nothing_and_keeps_the_link(property_a):
    audit, link, _inspector = mystery(property_a)
    visit = (timezone.localtime() - dt.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    data = {**page_post(audit, **{"Greeting": "0"}), "auditor_name": "Ms Zhou", "visited_at": visit}
    response = Client().post(f"/audits/visit/{link.token}/", data)
    assert response.status_code == 400 and "is not answered" in response.content.decode()
    audit.refresh_from_db()
    assert audit.status != AuditStatus.SUBMITTED and audit.response_id is None
    link.refresh_from_db()
    assert link.used_at is None


def test_a_visit_in_the_future_is_refused(property_a):
    audit, link, _inspector = mystery(property_a)
    visit = (timezone.localtime() + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    response = Client().post(f"/audits/visit/{link.token}/", {"auditor_name": "Ms Zhou", "visited_at": visit})
    assert response.status_code == 400 and "The visit cannot be in the future." in response.content.decode()


def test_an_unknown_token_is_not_found(db):
    assert Client().get("/audits/visit/" + "x" * 43 + "/").status_code == 404


def test_staff_do_not_see_who_the_mystery_guest_was(property_a, login):
    audit, link, inspector = mystery(property_a)
    items = {i.text: i for i in audit.version.items.all()}
    services.mystery_submit(token=link.token, answers=[(items["Greeting"], {"value": True}), (items["ID checked"], {"value": True}),
                                                       (items["Courtesy"], {"value": 5})],
                            auditor_name="Ms Zhou", visited_at=timezone.now() - dt.timedelta(hours=3))
    staff = make_member(property_a, Role.FRONT_DESK)
    staff_page = login(staff).get(f"/audits/{audit.pk}/").content.decode()
    assert "Ms Zhou" not in staff_page and "Mystery-guest visit" in staff_page
    assert inspector.username not in login(staff).get("/audits/").content.decode()
    assert "Ms Zhou" in login(inspector).get(f"/audits/{audit.pk}/").content.decode()


@pytest.fixture
def action_world(property_a):
    audit, inspector, owner = submitted_audit(property_a)
    return CorrectiveAction.objects.get(), inspector, owner


def test_owner_plans_and_sends_for_checking_with_evidence(action_world, login):
    action, _inspector, owner = action_world
    client = login(owner)
    url = f"/audits/actions/{action.pk}/move/"
    response = client.post(url, {"to": "do", "plan": "Brief the shift", "version": action.version})
    assert response.status_code == 302
    action.refresh_from_db()
    refused = client.post(url, {"to": "check", "evidence": "", "version": action.version})
    assert refused.status_code == 400
    assert "Add evidence (a note or a photo) of what was done before sending it for checking." in refused.content.decode()
    assert CorrectiveAction.objects.get(pk=action.pk).status == ActionStatus.DO
    assert client.post(url, {"to": "check", "evidence": "Briefing held", "version": action.version}).status_code == 302
    assert CorrectiveAction.objects.get(pk=action.pk).status == ActionStatus.CHECK


def test_verification_by_the_owner_is_refused_with_a_message(property_a, login):
    inspector = make_member(property_a, Role.INSPECTOR)
    submitted_audit(property_a, inspector=inspector)
    action = CorrectiveAction.objects.get()
    services.action_update_plan(action=action, actor=inspector, owner=inspector)
    services.action_transition(action=action, to_status="do", actor=inspector, plan="Plan")
    action = services.action_transition(action=action, to_status="check", actor=inspector, evidence="Done")
    response = login(inspector).post(f"/audits/actions/{action.pk}/move/", {"to": "act", "version": action.version})
    assert response.status_code == 403
    assert "You own this action: someone else must verify it." in response.content.decode()
    assert CorrectiveAction.objects.get(pk=action.pk).status == ActionStatus.CHECK


def test_a_stale_form_is_refused_and_keeps_the_input(action_world, login):
    action, _inspector, owner = action_world
    response = login(owner).post(f"/audits/actions/{action.pk}/move/", {"to": "do", "plan": "Brief the shift", "version": action.version - 1 or 99})
    assert response.status_code == 409 and "Brief the shift" in response.content.decode()


def test_action_page_in_chinese(action_world, login):
    action, inspector, _owner = action_world
    text = login(inspector).get(f"/audits/actions/{action.pk}/", HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "问候" in text and "计划（P）" in text and "负责人与截止时间" in text


def test_inspector_landing_lists_due_audits_and_actions_to_verify(action_world, login):
    action, inspector, owner = action_world
    open_audit(action.property, inspector=inspector)
    services.action_transition(action=action, to_status="do", actor=owner, plan="Plan")
    services.action_transition(action=action, to_status="check", actor=owner, evidence="Done")
    text = login(inspector).get("/", follow=True).content.decode()
    assert "My audits due" in text and "Corrective actions to verify" in text and action.number in text


def test_dashboard_shows_audit_score_and_corrective_action_panels(action_world, property_a, login):
    manager = make_member(property_a, Role.MANAGER)
    CorrectiveAction.objects.update(due_at=timezone.now() - dt.timedelta(hours=1))
    text = login(manager).get("/dashboard/").content.decode()
    assert "Audit score" in text and "1 overdue" in text and action_world[0].number in text


def _many(property_a, n):
    inspector = make_member(property_a, Role.INSPECTOR)
    supervisor = make_member(property_a, Role.SUPERVISOR, department_kind="front_office")
    for _ in range(n):
        submitted_audit(property_a, inspector=inspector, supervisor=supervisor)
    return inspector


def test_audit_and_action_lists_are_flat_in_queries(property_a, login, django_assert_max_num_queries):
    inspector = _many(property_a, 3)
    client = login(inspector)
    with django_assert_max_num_queries(30) as few:
        assert client.get("/audits/").status_code == 200
        assert client.get("/audits/actions/").status_code == 200
    baseline = len(few.captured_queries)
    _many(property_a, 6)
    with django_assert_max_num_queries(baseline):
        client.get("/audits/")
        client.get("/audits/actions/")


def test_lists_export_csv(action_world, login):
    _action, inspector, _owner = action_world
    client = login(inspector)
    for url in ("/audits/?export=csv", "/audits/actions/?export=csv", "/audits/plans/?export=csv"):
        response = client.get(url)
        assert response.status_code == 200 and "csv" in response["Content-Type"]


def test_another_propertys_audit_is_not_found(property_a, property_b, login):
    audit = open_audit(property_b)
    assert login(make_member(property_a, Role.INSPECTOR)).get(f"/audits/{audit.pk}/").status_code == 404


def test_new_audit_form_starts_an_unplanned_audit_once(property_a, login):
    from tests.audits.factories import audit_template

    inspector = make_member(property_a, Role.INSPECTOR)
    template = audit_template(property_a)
    client = login(inspector)
    data = {"template": template.pk, "department": property_a.departments.get(kind="front_office").pk, "method": "on_site",
            "once": "6f1c1d0e-0000-4000-8000-000000000001"}
    first = client.post("/audits/new/", data)
    second = client.post("/audits/new/", data)
    assert first.status_code == 302 and second.status_code == 302 and first["Location"] == second["Location"]
    assert Audit.objects.count() == 1


def test_inspector_makes_a_plan_on_the_page_and_a_bad_period_is_refused_next_to_its_field(property_a, login):
    from audits.models import AuditPlan
    from tests.audits.factories import audit_template

    inspector = make_member(property_a, Role.INSPECTOR)
    template = audit_template(property_a)
    client = login(inspector)
    data = {"name": "Front desk monthly", "template": template.pk, "department": property_a.departments.get(kind="front_office").pk,
            "area": "Front desk", "process": "Check-in", "method": "on_site", "frequency": "monthly", "inspector": inspector.pk,
            "starts_on": "2026-03-01", "ends_on": "2026-02-01", "window_days": 7}
    refused = client.post("/audits/plans/new/", data)
    assert refused.status_code == 200 and "The plan cannot end before it starts." in refused.content.decode()
    assert not AuditPlan.objects.exists()
    response = client.post("/audits/plans/new/", {**data, "ends_on": ""})
    plan = AuditPlan.objects.get()
    assert response.status_code == 302 and response["Location"] == plan.get_absolute_url()
    page = client.get(plan.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="zh-hans").content.decode()
    assert "负责质检员" in page and "现场检查" in page
