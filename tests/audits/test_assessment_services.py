"""The monthly staff assessment: figures from fixed data, worked out by hand; the workflow and who
may make each move; bad input."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from audits import assessment_services as services
from audits.choices import AssessmentStatus, ConsequenceKind, Rating, ScoreSource, rating_for
from audits.models import AssessmentConsequence, AssessmentCriterion, StaffAssessment
from hotelqa import staff_metrics
from hotelqa.choices import Role
from hotelqa.models import Notification, StaffMember
from hotelqa.staff_metrics import add_months
from tests.factories import make_member

from .assessment_data import inspections, last_month, person_month, staff_with_login

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(property_a):
    return staff_with_login(property_a)


@pytest.fixture
def supervisor(property_a):
    return make_member(property_a, Role.SUPERVISOR, department_kind="housekeeping")


@pytest.fixture
def manager(property_a):
    return make_member(property_a, Role.MANAGER)


def supervisor_scores(assessment, values):
    rows = {row.criterion.code: row for row in assessment.scores.select_related("criterion")}
    return {rows[code].pk: (Decimal(v), "") for code, v in values.items()}


def test_metrics_of_a_month_from_fixed_records(property_a, staff):
    month = last_month()
    person_month(property_a, staff, month)
    inspections(property_a, staff.user, month, on_time=3, late=1)
    values = {code: by_month.get(month) for code, by_month in staff_metrics.values_for(staff, [month]).items()}
    assert values["complaints.cases_handled"] == 4
    assert values["complaints.sla_kept"] == Decimal("75.0")
    assert values["complaints.satisfaction"] == Decimal("4.50")
    assert values["complaints.revisit_satisfaction"] == Decimal("50.0")
    assert values["facilities.work_orders_done"] == 2
    assert values["facilities.work_orders_on_time"] == Decimal("100.0")
    assert values["facilities.inspections_done"] == 4
    assert values["facilities.inspections_on_time"] == Decimal("75.0")


def test_metrics_split_by_month_in_one_query_each(property_a, staff, django_assert_max_num_queries):
    month = last_month()
    person_month(property_a, staff, month)
    months = [add_months(month, -1), month, add_months(month, 1)]
    staff = StaffMember.objects.select_related("property").get(pk=staff.pk)
    with django_assert_max_num_queries(len(staff_metrics.all_metrics())):
        values = staff_metrics.values_for(staff, months)
    assert values["complaints.cases_handled"] == {months[0]: 1, month: 4, months[2]: 1}


def test_a_person_without_login_has_no_figures(property_a):
    staff = StaffMember.objects.create(property=property_a, staff_number="N1", name="No login", hire_date=dt.date(2020, 1, 1))
    assert all(v == {} for v in staff_metrics.values_for(staff, [last_month()]).values())


def test_assessment_figures_computed_by_hand(property_a, staff, supervisor):
    month = last_month()
    person_month(property_a, staff, month)
    assessment = services.assessment_create(staff=staff, month=month, actor=supervisor)
    rows = {row.criterion.code: row for row in assessment.scores.select_related("criterion")}
    assert rows["guest_satisfaction"].source == ScoreSource.DATA and rows["guest_satisfaction"].score == Decimal("70.0")
    assert rows["guest_satisfaction"].figures == {"complaints.satisfaction": "4.50", "complaints.revisit_satisfaction": "50.0"}
    assert rows["task_on_time"].score == Decimal("87.5")  # mean(75, 100): no inspection that month
    for code in ("task_quality", "information_accuracy", "teamwork", "discipline"):
        assert rows[code].source == ScoreSource.SUPERVISOR and rows[code].score is None
    assert assessment.total is None and assessment.rating == ""

    services.assessment_score(assessment=assessment, actor=supervisor, comment="Steady month", scores=supervisor_scores(
        assessment, {"task_quality": 80, "information_accuracy": 90, "teamwork": 70, "discipline": 100}))
    assessment.refresh_from_db()
    # (30×70 + 20×87.5 + 15×80 + 15×90 + 10×70 + 10×100) ÷ 100 = 8100 ÷ 100
    assert assessment.total == Decimal("81.0")
    assert assessment.rating == Rating.GOOD


def test_weights_are_the_admins_and_kept_per_assessment(property_a, staff, supervisor):
    month = last_month()
    person_month(property_a, staff, month)
    services.criteria_ensure_defaults(property=property_a)
    AssessmentCriterion.objects.filter(property=property_a, code="guest_satisfaction").update(weight=60)
    assessment = services.assessment_create(staff=staff, month=month, actor=supervisor)
    services.assessment_score(assessment=assessment, actor=supervisor, comment="", scores=supervisor_scores(
        assessment, {"task_quality": 80, "information_accuracy": 90, "teamwork": 70, "discipline": 100}))
    assessment.refresh_from_db()
    # (60×70 + 20×87.5 + 15×80 + 15×90 + 10×70 + 10×100) ÷ 130 = 10200 ÷ 130 = 78.46…
    assert assessment.total == Decimal("78.5") and assessment.rating == Rating.SATISFACTORY
    AssessmentCriterion.objects.filter(property=property_a, code="guest_satisfaction").update(weight=5)
    assert assessment.scores.get(criterion__code="guest_satisfaction").weight == 60


def test_no_records_means_the_supervisor_scores_every_criterion(property_a, staff, supervisor):
    assessment = services.assessment_create(staff=staff, month=last_month(), actor=supervisor)
    assert set(assessment.scores.values_list("source", flat=True)) == {ScoreSource.SUPERVISOR}


@pytest.mark.parametrize("total,band", [(Decimal(90), Rating.EXCELLENT), (Decimal("89.9"), Rating.GOOD), (Decimal(80), Rating.GOOD),
                                        (Decimal(70), Rating.SATISFACTORY), (Decimal("69.9"), Rating.NEEDS_IMPROVEMENT),
                                        (Decimal(60), Rating.NEEDS_IMPROVEMENT), (Decimal("59.9"), Rating.UNSATISFACTORY), (Decimal(0), Rating.UNSATISFACTORY)])
def test_rating_bands(total, band):
    assert rating_for(total) == band


def _filled(staff, supervisor, score=85):
    assessment = services.assessment_create(staff=staff, month=last_month(), actor=supervisor)
    services.assessment_score(assessment=assessment, actor=supervisor, comment="",
                              scores={row.pk: (Decimal(score), "") for row in assessment.scores.all()})
    assessment.refresh_from_db()
    return assessment


def test_draft_submitted_approved_and_notifications(property_a, staff, supervisor, manager):
    assessment = _filled(staff, supervisor)
    services.assessment_transition(assessment=assessment, to_status=AssessmentStatus.SUBMITTED, actor=supervisor)
    assert Notification.objects.filter(recipient=manager, url=assessment.get_absolute_url()).exists()
    services.assessment_transition(assessment=assessment, to_status=AssessmentStatus.APPROVED, actor=manager)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.APPROVED and assessment.approved_by == manager and assessment.approved_at
    assert Notification.objects.filter(recipient=staff.user).exists()
    assert list(assessment.history.values_list("to_status", flat=True)) == ["draft", "submitted", "approved"]


def test_manager_returns_with_a_reason(property_a, staff, supervisor, manager):
    assessment = _filled(staff, supervisor)
    services.assessment_transition(assessment=assessment, to_status=AssessmentStatus.SUBMITTED, actor=supervisor)
    with pytest.raises(ValidationError) as exc:
        services.assessment_transition(assessment=assessment, to_status=AssessmentStatus.DRAFT, actor=manager, note=" ")
    assert "note" in exc.value.error_dict
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.SUBMITTED
    services.assessment_transition(assessment=assessment, to_status=AssessmentStatus.DRAFT, actor=manager, note="Teamwork too high")
    assert Notification.objects.filter(recipient=supervisor, body="Teamwork too high").exists()


def test_who_may_make_each_move(property_a, staff, supervisor, manager):
    other_supervisor = make_member(property_a, Role.SUPERVISOR, department_kind="engineering")
    assessment = _filled(staff, supervisor)
    with pytest.raises(PermissionDenied):  # another department's supervisor
        services.assessment_transition(assessment=assessment, to_status=AssessmentStatus.SUBMITTED, actor=other_supervisor)
    services.assessment_transition(assessment=assessment, to_status=AssessmentStatus.SUBMITTED, actor=supervisor)
    with pytest.raises(PermissionDenied):  # a supervisor does not approve
        services.assessment_transition(assessment=assessment, to_status=AssessmentStatus.APPROVED, actor=supervisor)
    with pytest.raises(PermissionDenied):  # staff and HR read at most
        services.assessment_transition(assessment=assessment, to_status=AssessmentStatus.APPROVED, actor=make_member(property_a, Role.TRAINER))
    with pytest.raises(ValidationError):  # not a move of the table
        services.assessment_transition(assessment=assessment, to_status=AssessmentStatus.SUBMITTED, actor=manager)
    with pytest.raises(PermissionDenied):
        services.assessment_create(staff=staff_with_login(property_a, kind="engineering", name="Other"), month=last_month(), actor=supervisor)


def test_nobody_assesses_themselves(property_a, manager):
    own = StaffMember.objects.create(property=property_a, staff_number="M1", name="Me", user=manager, hire_date=dt.date(2020, 1, 1))
    with pytest.raises(PermissionDenied):
        services.assessment_create(staff=own, month=last_month(), actor=manager)


def test_submit_needs_every_criterion_scored(property_a, staff, supervisor):
    assessment = services.assessment_create(staff=staff, month=last_month(), actor=supervisor)
    with pytest.raises(ValidationError):
        services.assessment_transition(assessment=assessment, to_status=AssessmentStatus.SUBMITTED, actor=supervisor)
    assessment.refresh_from_db()
    assert assessment.status == AssessmentStatus.DRAFT and assessment.submitted_at is None


def test_future_month_and_second_assessment_are_refused(property_a, staff, supervisor):
    future = add_months(last_month(), 2)
    with pytest.raises(ValidationError) as exc:
        services.assessment_create(staff=staff, month=future, actor=supervisor)
    assert "month" in exc.value.error_dict
    services.assessment_create(staff=staff, month=last_month(), actor=supervisor)
    with pytest.raises(ValidationError):
        services.assessment_create(staff=staff, month=last_month(), actor=supervisor)
    assert StaffAssessment.objects.filter(staff=staff).count() == 1


def test_month_before_hiring_is_refused(property_a, supervisor):
    staff = staff_with_login(property_a)
    staff.hire_date = last_month() + dt.timedelta(days=40)
    staff.save()
    with pytest.raises(ValidationError):
        services.assessment_create(staff=staff, month=last_month(), actor=supervisor)


def test_scores_out_of_range_change_nothing(property_a, staff, supervisor):
    assessment = services.assessment_create(staff=staff, month=last_month(), actor=supervisor)
    row = assessment.scores.first()
    with pytest.raises(ValidationError):
        services.assessment_score(assessment=assessment, actor=supervisor, comment="x", scores={row.pk: (Decimal(101), "")})
    row.refresh_from_db()
    assessment.refresh_from_db()
    assert row.score is None and assessment.comment == ""


def test_an_approved_assessment_is_not_edited(property_a, staff, supervisor, manager):
    assessment = _filled(staff, supervisor)
    services.assessment_transition(assessment=assessment, to_status=AssessmentStatus.SUBMITTED, actor=supervisor)
    services.assessment_transition(assessment=assessment, to_status=AssessmentStatus.APPROVED, actor=manager)
    with pytest.raises(ValidationError):
        services.assessment_score(assessment=assessment, actor=manager, comment="later", scores={})
    with pytest.raises(ValidationError):
        services.assessment_refresh_data(assessment=assessment, actor=manager)
    with pytest.raises(ValidationError):
        services.consequence_add(assessment=assessment, kind=ConsequenceKind.WARNING, note="late", actor=manager)
    assessment.refresh_from_db()
    assert assessment.comment == "" and not AssessmentConsequence.objects.exists()


def test_rewards_and_sanctions(property_a, staff, supervisor, manager):
    assessment = _filled(staff, supervisor, score=95)
    services.consequence_add(assessment=assessment, kind=ConsequenceKind.BONUS, amount=Decimal(500), note="Guest letter", actor=supervisor)
    with pytest.raises(ValidationError) as exc:
        services.consequence_add(assessment=assessment, kind=ConsequenceKind.DEDUCTION, note="x", actor=supervisor)
    assert "amount" in exc.value.error_dict
    with pytest.raises(ValidationError) as exc:
        services.consequence_add(assessment=assessment, kind=ConsequenceKind.WARNING, amount=Decimal(5), note="", actor=supervisor)
    assert set(exc.value.error_dict) == {"amount", "note"}
    services.assessment_transition(assessment=assessment, to_status=AssessmentStatus.SUBMITTED, actor=supervisor)
    with pytest.raises(PermissionDenied):  # submitted: the manager decides now
        services.consequence_add(assessment=assessment, kind=ConsequenceKind.COMMENDATION, note="x", actor=supervisor)
    services.consequence_add(assessment=assessment, kind=ConsequenceKind.COMMENDATION, note="Best of the month", actor=manager)
    assert list(assessment.consequences.values_list("kind", flat=True)) == ["bonus", "commendation"]


def test_refresh_picks_up_records_added_later(property_a, staff, supervisor):
    month = last_month()
    assessment = services.assessment_create(staff=staff, month=month, actor=supervisor)
    person_month(property_a, staff, month)
    services.assessment_refresh_data(assessment=assessment, actor=supervisor)
    row = assessment.scores.get(criterion__code="guest_satisfaction")
    assert row.source == ScoreSource.DATA and row.score == Decimal("70.0")
