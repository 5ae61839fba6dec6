"""The assessment and scorecard pages: what each role sees and may do, bad input, Chinese pages,
and SQL that stays flat in months and records."""

import datetime as dt
from decimal import Decimal

import pytest
from django.test import Client

from audits import assessment_services as services
from audits.choices import AssessmentStatus
from audits.models import StaffAssessment
from hotelqa.choices import Role
from hotelqa.models import StaffMember
from hotelqa.staff_metrics import add_months
from tests.factories import make_member

from .assessment_data import last_month, person_month, staff_with_login

pytestmark = pytest.mark.django_db


def client_for(user, lang=None):
    client = Client()
    client.force_login(user)
    if lang:
        client.post("/i18n/setlang/", {"language": lang, "next": "/"})
    return client


@pytest.fixture
def staff(property_a):
    return staff_with_login(property_a)


@pytest.fixture
def supervisor(property_a):
    return make_member(property_a, Role.SUPERVISOR, department_kind="housekeeping")


@pytest.fixture
def manager(property_a):
    return make_member(property_a, Role.MANAGER)


def test_supervisor_drafts_scores_and_submits_manager_approves_staff_sees_it(property_a, staff, supervisor, manager):
    month = last_month()
    person_month(property_a, staff, month)
    sup = client_for(supervisor)
    response = sup.post("/audits/assessments/new/", {"staff": staff.pk, "month": f"{month:%Y-%m}"})
    assessment = StaffAssessment.objects.get(staff=staff, month=month)
    assert response.status_code == 302 and response["Location"] == f"/audits/assessments/{assessment.pk}/"
    page = sup.get(response["Location"]).content.decode()
    assert "Guest satisfaction" in page and "70.0" in page and "87.5" in page and "Submit for approval" in page

    rows = {r.criterion.code: r for r in assessment.scores.select_related("criterion")}
    data = {"version": assessment.version, "comment": "Good month", "save": ""}
    for code, value in {"task_quality": "80", "information_accuracy": "90", "teamwork": "70", "discipline": "100"}.items():
        data[f"score_{rows[code].pk}"] = value
    assert sup.post(f"/audits/assessments/{assessment.pk}/scores/", data).status_code == 302
    assessment.refresh_from_db()
    assert assessment.total == Decimal("81.0")
    assert sup.post(f"/audits/assessments/{assessment.pk}/move/", {"to_status": "submitted", "version": assessment.version}).status_code == 302
    # Submitted: the supervisor cannot approve, and the form is gone.
    assessment.refresh_from_db()
    assert sup.post(f"/audits/assessments/{assessment.pk}/move/", {"to_status": "approved", "version": assessment.version}).status_code == 403
    assert "Save scores" not in sup.get(f"/audits/assessments/{assessment.pk}/").content.decode()

    mgr = client_for(manager)
    assert "Approve" in mgr.get(f"/audits/assessments/{assessment.pk}/").content.decode()
    assert mgr.post(f"/audits/assessments/{assessment.pk}/move/", {"to_status": "approved", "version": assessment.version}).status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.APPROVED

    mine = client_for(staff.user).get("/audits/assessments/mine/").content.decode()
    assert f"{month:%Y-%m}" in mine and "81.0" in mine and "Good month" in mine


def test_staff_see_only_their_own(property_a, staff, supervisor, manager):
    colleague = staff_with_login(property_a, name="Colleague")
    for person in (staff, colleague):
        a = services.assessment_create(staff=person, month=last_month(), actor=supervisor)
        services.assessment_score(assessment=a, actor=supervisor, comment=f"about {person.name}",
                                  scores={r.pk: (Decimal(80), "") for r in a.scores.all()})
        services.assessment_transition(assessment=a, to_status=AssessmentStatus.SUBMITTED, actor=supervisor)
        services.assessment_transition(assessment=a, to_status=AssessmentStatus.APPROVED, actor=manager)
    client = client_for(staff.user)
    mine = client.get("/audits/assessments/mine/").content.decode()
    assert "about Li Mei" in mine and "about Colleague" not in mine
    assert client.get(f"/audits/assessments/{StaffAssessment.objects.get(staff=colleague).pk}/").status_code == 403
    assert client.get(f"/audits/scorecards/{staff.pk}/").status_code == 200
    assert client.get(f"/audits/scorecards/{colleague.pk}/").status_code == 403


def test_a_draft_is_not_shown_to_the_staff_member(property_a, staff, supervisor):
    services.assessment_create(staff=staff, month=last_month(), actor=supervisor)
    assert "No approved assessment yet." in client_for(staff.user).get("/audits/assessments/mine/").content.decode()


def test_supervisor_sees_only_their_department(property_a, supervisor, manager):
    other = staff_with_login(property_a, kind="engineering", name="Wrench Person")
    assessment = services.assessment_create(staff=other, month=last_month(), actor=manager)
    sup = client_for(supervisor)
    assert sup.get(f"/audits/assessments/{assessment.pk}/").status_code == 404
    assert "Wrench Person" not in sup.get("/audits/assessments/").content.decode()
    assert sup.get(f"/audits/scorecards/{other.pk}/").status_code == 404
    assert "Wrench Person" in client_for(manager).get("/audits/assessments/").content.decode()


def test_another_propertys_assessment_is_not_found(property_a, property_b, staff, supervisor):
    assessment = services.assessment_create(staff=staff, month=last_month(), actor=supervisor)
    assert client_for(make_member(property_b, Role.MANAGER)).get(f"/audits/assessments/{assessment.pk}/").status_code == 404


@pytest.mark.parametrize("month,message", [
    ("2099-01", "A month that has not started yet cannot be assessed."),
    ("13-2025", "Enter a month as YYYY-MM."),
    ("", "This field is required."),
])
def test_bad_month_is_refused_next_to_the_field(property_a, staff, supervisor, month, message):
    response = client_for(supervisor).post("/audits/assessments/new/", {"staff": staff.pk, "month": month})
    assert response.status_code == 400
    assert message in str(response.context["form"].errors["month"])
    assert not StaffAssessment.objects.exists()


def test_second_assessment_of_a_month_is_refused(property_a, staff, supervisor):
    services.assessment_create(staff=staff, month=last_month(), actor=supervisor)
    response = client_for(supervisor).post("/audits/assessments/new/", {"staff": staff.pk, "month": f"{last_month():%Y-%m}"})
    assert response.status_code == 400 and "already has an assessment" in response.content.decode()


def test_bad_scores_and_stale_saves(property_a, staff, supervisor):
    assessment = services.assessment_create(staff=staff, month=last_month(), actor=supervisor)
    row = assessment.scores.first()
    client = client_for(supervisor)
    url = f"/audits/assessments/{assessment.pk}/scores/"
    for bad in ("101", "-1", "abc"):
        assert client.post(url, {"version": assessment.version, f"score_{row.pk}": bad}).status_code == 400
    assert client.post(url, {"version": assessment.version - 1, f"score_{row.pk}": "50"}).status_code == 409
    row.refresh_from_db()
    assert row.score is None
    # Submitting with criteria unscored: refused with a message on the page.
    response = client.post(f"/audits/assessments/{assessment.pk}/move/", {"to_status": "submitted", "version": assessment.version})
    assert response.status_code == 400 and "Score every criterion before submitting." in response.content.decode()


def test_returning_needs_a_note(property_a, staff, supervisor, manager):
    assessment = services.assessment_create(staff=staff, month=last_month(), actor=supervisor)
    services.assessment_score(assessment=assessment, actor=supervisor, comment="", scores={r.pk: (Decimal(70), "") for r in assessment.scores.all()})
    services.assessment_transition(assessment=assessment, to_status=AssessmentStatus.SUBMITTED, actor=supervisor)
    assessment.refresh_from_db()
    response = client_for(manager).post(f"/audits/assessments/{assessment.pk}/move/", {"to_status": "draft", "version": assessment.version})
    assert response.status_code == 400 and "Say what the supervisor should change." in response.content.decode()


def test_consequence_form_refuses_bad_input(property_a, staff, supervisor):
    assessment = services.assessment_create(staff=staff, month=last_month(), actor=supervisor)
    client = client_for(supervisor)
    url = f"/audits/assessments/{assessment.pk}/consequences/"
    response = client.post(url, {"consequence-kind": "bonus", "consequence-note": "Great"})
    assert response.status_code == 400 and "Give the amount of the bonus or deduction." in response.content.decode()
    assert client.post(url, {"consequence-kind": "bonus", "consequence-amount": "-5", "consequence-note": "x"}).status_code == 400
    assert client.post(url, {"consequence-kind": "bonus", "consequence-amount": "200", "consequence-note": "Great"}).status_code == 302
    assert assessment.consequences.get().amount == Decimal(200)


@pytest.mark.parametrize("path", ["/audits/assessments/", "/audits/assessments/new/", "/audits/scorecards/", "/audits/assessments/mine/"])
def test_pages_in_chinese(property_a, manager, path):
    body = client_for(manager, "zh-hans").get(path).content.decode()
    assert any(word in body for word in ("员工绩效考核", "员工综合档案", "我的考核", "新建员工考核"))


def test_detail_and_scorecard_in_chinese(property_a, staff, supervisor, manager):
    month = last_month()
    person_month(property_a, staff, month)
    assessment = services.assessment_create(staff=staff, month=month, actor=supervisor)
    body = client_for(manager, "zh-hans").get(f"/audits/assessments/{assessment.pk}/").content.decode()
    assert "客户满意度" in body and "来自记录" in body
    body = client_for(manager, "zh-hans").get(f"/audits/scorecards/{staff.pk}/").content.decode()
    assert "处理的事项" in body and "逐月数据" in body


def test_scorecard_sql_is_flat_in_months_and_records(property_a, staff, supervisor, manager, django_assert_max_num_queries):
    client = client_for(manager)
    client.get(f"/audits/scorecards/{staff.pk}/?months=6")  # warm caches
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count(months):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(f"/audits/scorecards/{staff.pk}/?months={months}").status_code == 200
        return len(ctx.captured_queries)

    month = last_month()
    for back in range(0, 20):  # records and approved assessments in 20 months
        m = add_months(month, -back)
        person_month(property_a, staff, m)
        a = services.assessment_create(staff=staff, month=m, actor=supervisor)
        services.assessment_score(assessment=a, actor=supervisor, comment="", scores={r.pk: (Decimal(80), "") for r in a.scores.all() if r.score is None})
        services.assessment_transition(assessment=a, to_status=AssessmentStatus.SUBMITTED, actor=supervisor)
        services.assessment_transition(assessment=a, to_status=AssessmentStatus.APPROVED, actor=manager)
    assert count(24) == count(6)
    body = client.get(f"/audits/scorecards/{staff.pk}/?months=24").content.decode()
    assert body.count('data-metric="complaints.cases_handled"') == 1 and "80" in body


def test_assessment_list_sql_is_flat(property_a, supervisor, manager, django_assert_max_num_queries):
    for i in range(30):
        person = StaffMember.objects.create(property=property_a, staff_number=f"L{i}", name=f"Person {i}", hire_date=dt.date(2020, 1, 1),
                                            department=property_a.departments.get(kind="housekeeping"))
        services.assessment_create(staff=person, month=last_month(), actor=supervisor)
    client = client_for(manager)
    client.get("/audits/assessments/")
    with django_assert_max_num_queries(14):  # 25 rows a page, each with its department: no query per row
        assert client.get("/audits/assessments/").status_code == 200
