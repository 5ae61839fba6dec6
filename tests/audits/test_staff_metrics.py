"""The scorecard's audit, corrective-action and training figures from fixed records, worked out by
hand; the data-filled assessment criteria they feed; SQL flat in months."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from audits import assessment_services as services
from audits.choices import Rating, ScoreSource
from audits.models import Audit, AuditStatus, CorrectiveAction, Finding
from audits.scorecard import scorecard
from hotelqa import staff_metrics
from hotelqa.choices import Role
from hotelqa.models import StaffMember
from hotelqa.staff_metrics import add_months
from tests.factories import make_member
from tests.training.helpers import course
from training.models import Attendance, Certification, Session

from .assessment_data import at, last_month, person_month, staff_with_login
from .factories import audit_template, submitted_audit

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(property_a):
    return staff_with_login(property_a, kind="front_office", name="Wang Fang")


def audits_of_the_month(property, month):
    """Front office (the person's department), submitted in `month`: 90, 80 and 75 → 245 ÷ 3 =
    81.7. Left out: housekeeping's 40 that month, front office's 10 the month before."""
    version = audit_template(property).current_version
    front, rooms = property.departments.get(kind="front_office"), property.departments.get(kind="housekeeping")
    rows = [(front, month, 3, 90), (front, month, 9, 80), (front, month, 20, 75), (rooms, month, 5, 40), (front, add_months(month, -1), 15, 10)]
    Audit.objects.bulk_create([
        Audit(property=property, version=version, department=department, period_start=m, due_at=at(m, day, 18),
              status=AuditStatus.SUBMITTED, submitted_at=at(m, day), score=Decimal(score), passed=score >= 80)
        for department, m, day, score in rows
    ])


def findings_and_actions(property, staff, month):
    """Four findings with their actions, the person owning every action.
    Findings: three made in `month` (the 1st and 2nd naming the person), one the month before
    (naming them) → 2 in `month`, 1 before.
    Actions: three given in `month`, one the month before → owned 3 in `month`. Due in `month`:
    closed a day early, closed two days late, never closed → on time 1 ÷ 3 = 33.3 %; the fourth is
    due next month (not counted)."""
    submitted_audit(property, id_checked=False)
    submitted_audit(property, id_checked=False)
    findings = list(Finding.objects.order_by("pk"))
    assert len(findings) == 4
    before, after = add_months(month, -1), add_months(month, 1)
    for finding, made, named in zip(findings, [at(month, 3), at(month, 4), at(month, 5), at(before, 20)], [True, True, False, True]):
        Finding.objects.filter(pk=finding.pk).update(created_at=made)
        if named:
            finding.staff.add(staff)
    actions = list(CorrectiveAction.objects.order_by("finding_id"))
    plans = [(at(month, 3), at(month, 10), at(month, 9)), (at(month, 4), at(month, 12), at(month, 14)),
             (at(month, 5), at(month, 20), None), (at(before, 20), at(after, 25), None)]
    for action, (created, due, closed) in zip(actions, plans):
        CorrectiveAction.objects.filter(pk=action.pk).update(owner=staff.user, created_at=created, due_at=due, closed_at=closed)


def training_of_the_month(property, staff, month):
    """Sessions in `month`: attended and passed, attended and failed, invited but absent → attended
    2, passed 1; the month before: attended and passed. Certificates on the month's last day: one
    without expiry issued the month before, one issued on the 28th, valid two years (both valid),
    one expired on the 15th, one issued next month → 2; on the last day of the month before: the
    first and the one that expired on the 15th → 2."""
    c = course(property, validity_months=24)
    before, after = add_months(month, -1), add_months(month, 1)
    for day, attended, passed in [(month.replace(day=4), True, True), (month.replace(day=11), True, False),
                                  (month.replace(day=18), False, None), (before.replace(day=20), True, True)]:
        session = Session.objects.create(property=property, course=c, date=day)
        Attendance.objects.create(session=session, property=property, staff=staff, attended=attended, passed=passed)
    for issued, expires in [(before.replace(day=1), None), (month.replace(day=28), month.replace(day=28) + dt.timedelta(days=730)),
                            (dt.date(2020, 1, 1), month.replace(day=15)), (after.replace(day=1), None)]:
        Certification.objects.create(property=property, staff=staff, course=c, name="Etiquette", issued_on=issued, expires_on=expires)


def test_audit_action_and_training_figures_computed_by_hand(property_a, staff):
    month = last_month()
    before = add_months(month, -1)
    audits_of_the_month(property_a, month)
    findings_and_actions(property_a, staff, month)
    training_of_the_month(property_a, staff, month)
    values = staff_metrics.values_for(staff, [before, month])
    assert values["audits.department_audit_score"] == {before: Decimal("10.0"), month: Decimal("81.7")}
    assert values["audits.findings_naming"] == {before: 1, month: 2}
    assert values["audits.actions_owned"] == {before: 1, month: 3}
    assert values["audits.actions_on_time"] == {month: Decimal("33.3")}
    assert values["training.sessions_attended"] == {before: 1, month: 2}
    assert values["training.assessments_passed"] == {before: 1, month: 1}
    assert values["training.certificates_valid"] == {before: 2, month: 2}


def test_a_person_without_login_still_has_their_training_and_findings(property_a):
    month = last_month()
    person = StaffMember.objects.create(property=property_a, staff_number="N2", name="No login", hire_date=dt.date(2020, 1, 1),
                                        department=property_a.departments.get(kind="front_office"))
    training_of_the_month(property_a, person, month)
    values = staff_metrics.values_for(person, [month])
    assert values["training.sessions_attended"] == {month: 2}
    assert values["audits.actions_owned"] == {} and values["complaints.cases_handled"] == {}


def test_assessment_criteria_filled_from_audits_and_actions(property_a, staff):
    month = last_month()
    supervisor = make_member(property_a, Role.SUPERVISOR, department_kind="front_office")
    person_month(property_a, staff, month)
    audits_of_the_month(property_a, month)
    findings_and_actions(property_a, staff, month)
    assessment = services.assessment_create(staff=staff, month=month, actor=supervisor)
    rows = {row.criterion.code: row for row in assessment.scores.select_related("criterion")}
    assert rows["task_quality"].source == ScoreSource.DATA and rows["task_quality"].score == Decimal("81.7")
    assert rows["task_quality"].figures == {"audits.department_audit_score": "81.7"}
    # mean(cases in time 75, work orders on time 100, actions closed on time 33.3) = 208.3 ÷ 3
    assert rows["task_on_time"].score == Decimal("69.4")
    assert rows["task_on_time"].figures["audits.actions_on_time"] == "33.3"
    services.assessment_score(assessment=assessment, actor=supervisor, comment="", scores={
        rows[code].pk: (Decimal(v), "") for code, v in {"information_accuracy": 90, "teamwork": 70, "discipline": 100}.items()})
    assessment.refresh_from_db()
    # (30×70 + 20×69.4 + 15×81.7 + 15×90 + 10×70 + 10×100) ÷ 100 = 7763.5 ÷ 100 = 77.635
    assert assessment.total == Decimal("77.6") and assessment.rating == Rating.SATISFACTORY


def test_scorecard_adds_up_counts_but_not_certificates(property_a, staff):
    month = last_month()
    training_of_the_month(property_a, staff, month)
    card = scorecard(StaffMember.objects.select_related("property").get(pk=staff.pk), [add_months(month, -1), month])
    rows = {row.metric.code: row for row in card["metric_rows"]}
    assert rows["training.sessions_attended"].total == 3
    assert rows["training.certificates_valid"].cells == [2, 2] and rows["training.certificates_valid"].total is None


def test_metrics_read_each_table_once_whatever_the_months(property_a, staff):
    month = last_month()
    person_month(property_a, staff, month)
    staff = StaffMember.objects.select_related("property").get(pk=staff.pk)
    counts = []
    for n in (1, 24):
        with CaptureQueriesContext(connection) as queries:
            staff_metrics.values_for(staff, [add_months(month, -i) for i in range(n - 1, -1, -1)])
        counts.append(len(queries))
    assert counts[0] == counts[1]
    # Cases, revisits, inspections, work orders, 4 audit figures, attendance, certificates.
    assert counts[0] == 10 < len(staff_metrics.all_metrics())


def test_scorecard_page_shows_the_figures_with_sql_flat_in_months_and_records(property_a, staff, django_assert_max_num_queries):
    manager = make_member(property_a, Role.MANAGER)
    client = Client()
    client.force_login(manager)
    url = f"/audits/scorecards/{staff.pk}/"
    client.get(url)
    with CaptureQueriesContext(connection) as empty:
        client.get(url + "?months=24")
    month = last_month()
    audits_of_the_month(property_a, month)
    findings_and_actions(property_a, staff, month)
    training_of_the_month(property_a, staff, month)
    for back in range(1, 12):
        person_month(property_a, staff, add_months(month, -back))
    with django_assert_max_num_queries(len(empty)):
        response = client.get(url + "?months=24")
    body = response.content.decode()
    for code, value in [("audits.department_audit_score", "81.7"), ("audits.actions_on_time", "33.3"), ("training.certificates_valid", "2")]:
        row = body.split(f'data-metric="{code}"')[1].split("</tr>")[0]
        assert value in row
    row = body.split('data-metric="training.certificates_valid"')[1].split("</tr>")[0]
    assert row.rstrip().endswith('<td class="text-end fw-semibold"></td>')  # no total for a state at the month's end
