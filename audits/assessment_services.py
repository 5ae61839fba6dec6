"""Writes of the monthly staff assessment: making the draft (data-filled criteria computed from
hotelqa.staff_metrics), the supervisor's scores, the workflow draft → submitted → approved
(or returned to draft), and rewards and sanctions."""

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hotelqa import staff_metrics
from hotelqa.choices import Role
from hotelqa.permissions import user_can
from hotelqa.selectors import property_managers
from hotelqa.services import Message, notification_send
from hotelqa.workflow import Workflow, bump_version

from .choices import AssessmentStatus as S
from .choices import ConsequenceKind, ScoreSource, rating_for
from .models import AssessmentConsequence, AssessmentCriterion, AssessmentScore, StaffAssessment, StaffAssessmentHistory

# 001 考核指标: the five indicators, task completion split into its two sides (on time, quality).
DEFAULT_CRITERIA = [
    ("guest_satisfaction", "Guest satisfaction", "客户满意度", 30, ["complaints.satisfaction", "complaints.revisit_satisfaction"],
     "Guest ratings of the cases they handled and the revisit outcome; complaints about them.", "通过客户调查、投诉处理等方式进行考核。"),
    ("task_on_time", "Task completion: on time", "服务任务完成情况：及时性", 20,
     ["complaints.sla_kept", "facilities.work_orders_on_time", "facilities.inspections_on_time", "audits.actions_on_time"],
     "Cases, work orders, inspections and corrective actions done by their deadline.", "任务完成的及时性。"),
    # An audit scores the department's work, not one person's: the supervisor scores the
    # criterion in a month without an audit of the department.
    ("task_quality", "Task completion: quality", "服务任务完成情况：质量", 15, ["audits.department_audit_score"],
     "Quality of the work done, from the quality audits of their department and daily checks.", "任务完成的质量。"),
    ("information_accuracy", "Information accuracy", "信息管理准确性", 15, [],
     "Guest information accurate and complete.", "客户信息的准确性和完整性。"),
    ("teamwork", "Teamwork", "团队协作能力", 10, [],
     "Working with other departments and colleagues.", "与其他部门和人员的协作配合情况。"),
    ("discipline", "Discipline", "工作纪律遵守情况", 10, [],
     "Attendance and keeping the rules.", "考勤、规章制度执行等方面。"),
]

ONE_DECIMAL = Decimal("0.1")


def criteria_ensure_defaults(*, property):
    """The property's criteria, with the manual's defaults created the first time."""
    if not AssessmentCriterion.objects.filter(property=property).exists():
        AssessmentCriterion.objects.bulk_create(
            [AssessmentCriterion(property=property, code=code, name=name, name_zh=name_zh, weight=weight, metrics=metrics, order=i,
                                 description=desc, description_zh=desc_zh)
             for i, (code, name, name_zh, weight, metrics, desc, desc_zh) in enumerate(DEFAULT_CRITERIA)],
            ignore_conflicts=True,
        )
    return list(AssessmentCriterion.objects.filter(property=property, is_active=True))


def _may_assess(user, staff):
    """Managers and admins assess anyone at their property; supervisors their own department's
    staff; nobody assesses themselves."""
    if user is None:
        return True
    if staff.user_id is not None and staff.user_id == user.pk:
        return False
    role = user.role_in(staff.property)
    if role in (Role.MANAGER, Role.ADMIN) or user.is_superuser:
        return True
    if role == Role.SUPERVISOR:
        membership = user.membership_in(staff.property)
        return membership is not None and membership.department_id is not None and membership.department_id == staff.department_id
    return False


def may_assess(user, staff, permission="audits.change_staffassessment"):
    return user_can(user, permission, staff.property) and _may_assess(user, staff)


def _may_move(user, permission, assessment):
    return may_assess(user, assessment.staff, permission)


WORKFLOW = Workflow(
    transitions={
        S.DRAFT: {S.SUBMITTED: "audits.submit_staffassessment"},
        S.SUBMITTED: {S.APPROVED: "audits.approve_staffassessment", S.DRAFT: "audits.approve_staffassessment"},
    },
    history=lambda assessment, **row: StaffAssessmentHistory(assessment=assessment, **row),
    status_label=lambda s: S(s).label,
    refused=_("An assessment cannot go from “%(from)s” to “%(to)s”."),
    may=_may_move,
)


def current_month():
    return timezone.localdate().replace(day=1)


def data_score(criterion, values: dict):
    """(score, figures) of a data-filled criterion from its metrics' values of the month: the mean
    of the scores of the metrics that have a value; (None, {}) when none has."""
    figures, scores = {}, []
    for code in criterion.metrics:
        try:
            metric = staff_metrics.get(code)
        except KeyError:
            continue
        value = values.get(code)
        if value is None or metric.score is None:
            continue
        figures[code] = str(value)
        scores.append(min(Decimal(100), max(Decimal(0), Decimal(metric.score(Decimal(value))))))
    if not scores:
        return None, {}
    return (sum(scores) / len(scores)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP), figures


def _month_values(staff, month, criteria):
    codes = {code for c in criteria for code in c.metrics}
    metrics = [m for m in staff_metrics.scoring_metrics() if m.code in codes]
    values = staff_metrics.values_for(staff, [month], metrics)
    return {code: by_month.get(month) for code, by_month in values.items()}


def compute_total(scores):
    """Σ weight × score ÷ Σ weight over the scored criteria, one decimal; None if any is unscored."""
    scores = list(scores)
    if not scores or any(s.score is None for s in scores):
        return None
    weight = sum(s.weight for s in scores)
    return (sum(Decimal(s.weight) * s.score for s in scores) / weight).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def _refresh_total(assessment):
    assessment.total = compute_total(assessment.scores.all())
    assessment.rating = rating_for(assessment.total)


@transaction.atomic
def assessment_create(*, staff, month: dt.date, actor):
    """The draft of `staff`'s assessment for `month`, its data-filled criteria computed."""
    month = month.replace(day=1)
    if month > current_month():
        raise ValidationError({"month": _("A month that has not started yet cannot be assessed.")})
    if staff.hire_date and month < staff.hire_date.replace(day=1):
        raise ValidationError({"month": _("%(name)s started on %(date)s: choose a month from then on.") % {"name": staff.name, "date": staff.hire_date}})
    if actor is not None and not may_assess(actor, staff, "audits.add_staffassessment"):
        raise PermissionDenied
    if StaffAssessment.objects.filter(staff=staff, month=month).exists():
        raise ValidationError({"month": _("%(name)s already has an assessment for %(month)s.") % {"name": staff.name, "month": f"{month:%Y-%m}"}})
    criteria = criteria_ensure_defaults(property=staff.property)
    try:
        with transaction.atomic():
            assessment = StaffAssessment.objects.create(property=staff.property, staff=staff, month=month, created_by=actor)
    except IntegrityError:  # made by someone else a moment ago
        raise ValidationError({"month": _("%(name)s already has an assessment for %(month)s.") % {"name": staff.name, "month": f"{month:%Y-%m}"}})
    values = _month_values(staff, month, criteria)
    rows = []
    for criterion in criteria:
        score, figures = data_score(criterion, values) if criterion.metrics else (None, {})
        rows.append(AssessmentScore(assessment=assessment, criterion=criterion, weight=criterion.weight, figures=figures, score=score,
                                    source=ScoreSource.DATA if score is not None else ScoreSource.SUPERVISOR))
    AssessmentScore.objects.bulk_create(rows)
    _refresh_total(assessment)
    assessment.save(update_fields=["total", "rating"])
    WORKFLOW.record(assessment, from_status="", to_status=S.DRAFT, actor=actor)
    return assessment


def _check_editable(assessment, actor):
    if assessment.status != S.DRAFT:
        raise ValidationError(_("Only a draft can be changed; this assessment is “%(status)s”.") % {"status": assessment.get_status_display()})
    if actor is not None and not may_assess(actor, assessment.staff):
        raise PermissionDenied


@transaction.atomic
def assessment_refresh_data(*, assessment, actor, expected_version=None):
    """Recompute the data-filled criteria of a draft from the records as they are now."""
    assessment = StaffAssessment.objects.select_for_update().get(pk=assessment.pk)
    _check_editable(assessment, actor)
    scores = list(assessment.scores.select_related("criterion"))
    values = _month_values(assessment.staff, assessment.month, [s.criterion for s in scores])
    for row in scores:
        if not row.criterion.metrics:
            continue
        score, figures = data_score(row.criterion, values)
        if score is not None:
            row.score, row.figures, row.source = score, figures, ScoreSource.DATA
        elif row.source == ScoreSource.DATA:
            row.score, row.figures, row.source = None, {}, ScoreSource.SUPERVISOR
        row.save(update_fields=["score", "figures", "source"])
    bump_version(assessment, expected_version)
    _refresh_total(assessment)
    assessment.save(update_fields=["total", "rating"])
    return assessment


@transaction.atomic
def assessment_score(*, assessment, scores: dict, comment: str, actor, expected_version=None):
    """The supervisor's scores: `scores` maps a score row's id to (score or None, note). Rows
    filled from data keep their score (only the note changes)."""
    assessment = StaffAssessment.objects.select_for_update().get(pk=assessment.pk)
    _check_editable(assessment, actor)
    rows = {row.pk: row for row in assessment.scores.all()}
    unknown = set(scores) - set(rows)
    if unknown:
        raise ValidationError(_("A criterion that is not part of this assessment was sent."))
    for pk, (score, note) in scores.items():
        row = rows[pk]
        if row.source == ScoreSource.SUPERVISOR:
            if score is not None and not (0 <= score <= 100):
                raise ValidationError({f"score_{pk}": _("A score is between 0 and 100.")})
            row.score = None if score is None else Decimal(score).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)
        row.note = note or ""
        row.save(update_fields=["score", "note"])
    bump_version(assessment, expected_version)
    assessment.comment = comment
    _refresh_total(assessment)
    assessment.save(update_fields=["total", "rating", "comment"])
    return assessment


def assessment_transition(*, assessment, to_status, actor, note="", expected_version=None):
    with transaction.atomic():
        def prepare(obj, from_status, now):
            if to_status == S.SUBMITTED:
                _refresh_total(obj)
                if obj.total is None:
                    raise ValidationError(_("Score every criterion before submitting."))
                obj.submitted_at = now
                return {"submitted_at", "total", "rating"}
            if to_status == S.APPROVED:
                obj.approved_at, obj.approved_by = now, actor
                return {"approved_at", "approved_by"}
            if to_status == S.DRAFT and not note.strip():
                raise ValidationError({"note": _("Say what the supervisor should change.")})
            return set()

        assessment, _from = WORKFLOW.move(assessment, to_status, actor=actor, note=note, expected_version=expected_version, prepare=prepare)
        _notify(assessment, to_status, note)
    return assessment


def _notify(assessment, to_status, note):
    params = {"name": assessment.staff.name, "month": f"{assessment.month:%Y-%m}"}
    url = assessment.get_absolute_url()
    if to_status == S.SUBMITTED:
        notification_send(recipients=property_managers(property=assessment.property), property=assessment.property, url=url,
                          title=Message(_("Assessment of %(name)s for %(month)s waits for your approval"), params))
    elif to_status == S.DRAFT:
        notification_send(recipients=[assessment.created_by], property=assessment.property, url=url, body=note,
                          title=Message(_("Assessment of %(name)s for %(month)s was returned to you"), params))
    elif to_status == S.APPROVED:
        from django.urls import reverse

        notification_send(recipients=[assessment.created_by], property=assessment.property, url=url,
                          title=Message(_("Assessment of %(name)s for %(month)s was approved"), params))
        if assessment.staff.user_id:
            notification_send(recipients=[assessment.staff.user], property=assessment.property, url=reverse("audits:assessment_mine"),
                              title=Message(_("Your assessment for %(month)s is ready"), params))


@transaction.atomic
def consequence_add(*, assessment, kind, note, actor, amount=None):
    """Record a reward or sanction on an assessment that is not approved yet."""
    assessment = StaffAssessment.objects.select_for_update().get(pk=assessment.pk)
    if assessment.status == S.APPROVED:
        raise ValidationError(_("An approved assessment is not changed."))
    permission = "audits.change_staffassessment" if assessment.status == S.DRAFT else "audits.approve_staffassessment"
    if actor is not None and not may_assess(actor, assessment.staff, permission):
        raise PermissionDenied
    errors = {}
    if kind in ConsequenceKind.with_amount() and amount is None:
        errors["amount"] = _("Give the amount of the bonus or deduction.")
    if kind not in ConsequenceKind.with_amount() and amount is not None:
        errors["amount"] = _("Only a bonus or a deduction has an amount.")
    if not (note or "").strip():
        errors["note"] = _("Give the reason.")
    if errors:
        raise ValidationError(errors)
    return AssessmentConsequence.objects.create(assessment=assessment, kind=kind, amount=amount, note=note.strip(), created_by=actor)
