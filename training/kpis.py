"""Training KPIs (SPEC §5, issue #9 point 10). Each is a share of records that lie in the period,
so a period's value adds up from its days; the KPI page lists the records behind the number."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, DateField, Exists, ExpressionWrapper, F, IntegerField, OuterRef, Q, Subquery
from django.db.models.functions import Cast, Coalesce
from django.utils.translation import gettext as _g
from django.utils.translation import gettext_lazy as _

from hotelqa.choices import KpiDirection
from hotelqa.kpi_registry import Aggregate, Kpi, Measure, register
from hotelqa.models import StaffMember

from . import rules
from .choices import PlanStatus, SessionStatus
from .models import Attendance, Certification, PlanItem

HIGHER = KpiDirection.HIGHER_IS_BETTER
RETRAIN_WITHIN_DAYS = 30


def _days(property, start, end):
    tz = ZoneInfo(property.time_zone) if getattr(property, "time_zone", "") else None
    return (start.astimezone(tz).date(), end.astimezone(tz).date()) if tz else (start.date(), end.date())


def attendances_invited(*, property, start, end, department=None):
    first, last = _days(property, start, end)
    qs = Attendance.objects.filter(property=property, session__date__gte=first, session__date__lt=last).exclude(session__status="cancelled")
    return qs.filter(staff__department=department) if department is not None else qs


def attendances_assessed(*, property, start, end, department=None):
    return attendances_invited(property=property, start=start, end=end, department=department).filter(passed__isnull=False)


def plan_items_due(*, property, start, end, department=None):
    first, last = _days(property, start, end)
    qs = PlanItem.objects.filter(property=property, due_on__gte=first, due_on__lt=last).exclude(status=PlanStatus.CANCELLED)
    return qs.filter(department=department) if department is not None else qs


def certificates_expired_at(*, property, start, end, department=None):
    """Certificates of active staff expired at the close of the period's last day and not renewed
    (no later certificate of the same course issued by then)."""
    _first, last = _days(property, start, end)
    newer = Certification.objects.filter(staff=OuterRef("staff"), course=OuterRef("course"), issued_on__gt=OuterRef("issued_on"), issued_on__lt=last)
    qs = Certification.objects.filter(property=property, staff__is_active=True, issued_on__lt=last, expires_on__lt=last).exclude(Exists(newer))
    return qs.filter(staff__department=department) if department is not None else qs


def certificates_expired(*, property, start, end, department=None):
    return Measure(Decimal(certificates_expired_at(property=property, start=start, end=end, department=department).count()))


def new_hires_due(*, property, start, end, department=None):
    """Staff whose pre-job training fell due in the period (hire date + 30 days), except those who
    left before that day, each with `pre_job_days_done`: the days of pre-job training they attended
    up to and including the due date (as `selectors.pre_job_days` counts them)."""
    first, last = _days(property, start, end)
    due = dt.timedelta(days=rules.PRE_JOB_DUE_DAYS)
    days = (Attendance.objects.filter(staff=OuterRef("pk"), attended=True, session__course__is_pre_job=True, session__date__lte=OuterRef("pre_job_due"))
            .exclude(session__status=SessionStatus.CANCELLED).order_by().values("staff").annotate(n=Count("session__date", distinct=True)).values("n"))
    qs = (StaffMember.objects.filter(property=property, hire_date__gte=first - due, hire_date__lt=last - due)
          .annotate(pre_job_due=ExpressionWrapper(F("hire_date") + due, output_field=DateField()))
          .exclude(left_on__lt=F("pre_job_due"))
          .annotate(pre_job_days_done=Coalesce(Subquery(days, output_field=IntegerField()), 0)))
    return qs.filter(department=department) if department is not None else qs


def _pre_job_note(staff):
    return _g("%(done)s of %(need)s days by %(due)s") % {
        "done": staff.pre_job_days_done, "need": rules.PRE_JOB_DAYS, "due": rules.pre_job_due_on(staff.hire_date).isoformat()}


def staff_error_complaints(*, property, start, end, department=None):
    from complaints.models import Case

    named = Case.staff_members.through.objects.filter(case_id=OuterRef("pk"))
    qs = Case.objects.filter(property=property, kind="complaint", root_cause="staff", received_at__gte=start, received_at__lt=end).filter(Exists(named))
    return qs.filter(department=department) if department is not None else qs


def _retrained():
    from complaints.models import Case

    # Done on or before the 30th day after the complaint: before the day after it began.
    deadline = ExpressionWrapper(Cast(OuterRef("received_at"), DateField()) + dt.timedelta(days=RETRAIN_WITHIN_DAYS + 1), output_field=DateField())
    return Exists(PlanItem.objects.filter(
        proposal__origin_type=ContentType.objects.get_for_model(Case), proposal__origin_id=OuterRef("pk"),
        status=PlanStatus.DONE, done_on__lt=deadline,
    ))


class _LazyRetrained:
    """The Exists() needs the content type, which is read from the database on first use."""

    def resolve_expression(self, *args, **kwargs):
        return _retrained().resolve_expression(*args, **kwargs)

    def __getattr__(self, name):
        return getattr(_retrained(), name)


register(Kpi(
    code="training.plan_completion", name=_("Training plan completion"), unit="%", scale=100, order=500,
    description=_("Share of planned trainings due in the period that are done."),
    formula=_("Plan items due in the period that are done ÷ plan items due in the period (cancelled ones left out)."),
    direction=HIGHER, target=Decimal(90), warning=Decimal(75), settle_days=30,
    records=plan_items_due, records_select=("staff", "course"), counted=Q(status=PlanStatus.DONE),
    records_label=_("Plan items due in the period (✓ = done)"),
))
register(Kpi(
    code="training.attendance", name=_("Training attendance"), unit="%", scale=100, order=501,
    description=_("Share of the people invited to sessions in the period who attended."),
    formula=_("Invitations to sessions held in the period that were attended ÷ invitations to sessions in the period (cancelled sessions left out)."),
    direction=HIGHER, target=Decimal(90), warning=Decimal(80), settle_days=7,
    records=attendances_invited, records_select=("staff", "session__course"), counted=Q(attended=True),
    records_label=_("Invitations to sessions in the period (✓ = attended)"),
))
register(Kpi(
    code="training.pass_rate", name=_("Assessment pass rate"), unit="%", scale=100, order=502,
    description=_("Share of assessed attendees who reached the course's pass mark."),
    formula=_("Attendees of sessions in the period scored at or above the pass mark ÷ attendees of sessions in the period with a score."),
    direction=HIGHER, target=Decimal(90), warning=Decimal(80), settle_days=7,
    records=attendances_assessed, records_select=("staff", "session__course"), counted=Q(passed=True),
    records_label=_("Assessed attendees of sessions in the period (✓ = passed)"),
))
register(Kpi(
    code="training.retraining_after_staff_error", name=_("Retraining after staff-error complaints"), unit="%", scale=100, order=503,
    description=_("Share of complaints caused by a staff error whose staff were retrained within 30 days."),
    formula=_("Complaints received in the period with a staff error as root cause and named staff, whose retraining was done within 30 days "
              "÷ those complaints."),
    direction=HIGHER, target=Decimal(80), warning=Decimal(50), settle_days=45,
    records=staff_error_complaints, counted=_LazyRetrained(),
    records_label=_("Staff-error complaints received in the period (✓ = retrained within 30 days)"),
))
register(Kpi(
    code="training.pre_job_compliance", name=_("Pre-job training compliance"), unit="%", scale=100, order=505,
    description=_("Share of new hires who had done their 15 days of pre-job training (岗前培训) by 30 days after their hire date. "
                  "Each new hire is counted in the period holding that due date; the trainer's list shows every new hire still short of 15 days."),
    formula=_("New hires whose pre-job training was due in the period (hire date + 30 days) with at least 15 days of pre-job training "
              "attended by then ÷ new hires whose pre-job training was due in the period (those who left before it left out)."),
    direction=HIGHER, target=Decimal(95), warning=Decimal(80), settle_days=14,
    records=new_hires_due, records_select=("department",), counted=Q(pre_job_days_done__gte=rules.PRE_JOB_DAYS),
    record_note=_pre_job_note, records_label=_("New hires whose pre-job training was due in the period (✓ = 15 days done by then)"),
))
register(Kpi(
    code="training.certificates_expired", name=_("Certificates expired"), unit="", order=504, decimals=0,
    description=_("Certificates of active staff that had expired, not renewed, at the close of the period."),
    formula=_("Certificates of active staff expired before the end of the period's last day with no later certificate of the same course."),
    direction=KpiDirection.LOWER_IS_BETTER, target=Decimal(0), warning=Decimal(5),
    compute=certificates_expired, aggregate=Aggregate.LAST, records=certificates_expired_at, records_select=("staff",),
    records_label=_("Certificates expired at the close of the period"), records_count="total",
))
