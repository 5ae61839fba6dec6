import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _  # noqa: F401

from hotelqa.models import Department, StaffMember

from hotelqa import events

from .. import events as need_events
from ..choices import PlanSource, ProposalSource, ProposalStatus
from ..models import Course, Proposal
from .plan import plan_ensure

# What complaints and inspections say, read by value so the meaning is written down in one place.
STAFF_ERROR = "staff"  # complaints.choices.RootCause.STAFF
PROPOSAL_DUE_DAYS = 30
TREND_RECENT_DAYS = 30
TREND_BASELINE_DAYS = 90
TREND_MINIMUM = 3  # fewer complaints than this in 30 days is not a trend


def course_for_category(property, category: str):
    """The offered course that declares this complaint category (the first by code), or None."""
    if not category:
        return None
    for course in Course.objects.filter(property=property, is_active=True).order_by("code"):
        if category in (course.complaint_categories or []):
            return course
    return None


def course_for_standard(property, *texts: str):
    """The offered course teaching a standard named in these texts (case-insensitive), or None."""
    haystack = " ".join(t for t in texts if t).lower()
    if not haystack:
        return None
    for course in Course.objects.filter(property=property, is_active=True).exclude(standards="").order_by("code"):
        if any(s.lower() in haystack for s in course.standard_list()):
            return course
    return None


@transaction.atomic
def proposal_create(*, property, source: str, staff=(), department=None, course=None, origin=None, key: str = "",
                    reason: str = "", complaint_category: str = "", standard: str = "", event: dict | None = None,
                    proposed_by=None) -> tuple[Proposal, bool]:
    """Propose training from a finding elsewhere in the product; the trainer then accepts it (it
    joins the annual plan for its people) or dismisses it with a reason.

    - `property`: the property whose trainer reviews it; `source`: a `training.choices.ProposalSource`
      value (``"audit"`` for an audit finding, ``"complaint"``, ``"inspection"``, ``"trend"``, ``"manual"``).
    - `staff`: the `hotelqa.StaffMember` records to retrain (records of other properties are ignored);
      without any, accepting plans the course for the `department`'s active staff.
    - `course`: the course to propose; when None it is looked up from `complaint_category` (a
      `complaints.choices.Category` value the course declares) or `standard` (text naming a standard
      the course teaches); when nothing matches the proposal has no course and the trainer picks one.
    - `origin`: the record it comes from (an audit finding, a case …); one proposal per origin and
      course, so calling again returns the first one (`created` False) with any new staff added.
      Without an origin, `key` (e.g. ``"trend:<dept>:<category>:<month>"``) makes it unique.
    - `reason`: what the trainer reads (as typed); or `event`, a `hotelqa.events.event(...)` put
      into words in the reader's language.
    - `proposed_by`: the user who entered a need by hand (source ``"manual"``).

    Returns `(proposal, created)`. Safe to call twice, late or concurrently."""
    if course is None:
        course = course_for_category(property, complaint_category) or course_for_standard(property, standard)
    if course is not None and course.property_id != property.pk:
        raise ValidationError({"course": _("The course belongs to another property.")})
    if department is not None and department.property_id != property.pk:
        raise ValidationError({"department": _("The department belongs to another property.")})
    people = [s for s in staff if s.property_id == property.pk]
    lookup = {}
    if origin is not None:
        lookup = {"origin_type": ContentType.objects.get_for_model(origin), "origin_id": origin.pk}
        if course is not None:  # one record can need several courses (two failed standards)
            lookup["course"] = course
    elif key:
        lookup = {"property": property, "key": key}
    existing = Proposal.objects.filter(**lookup).first() if lookup else None
    if existing is None:
        try:
            with transaction.atomic():
                proposal = Proposal.objects.create(property=property, source=source, course=course, department=department,
                                                   key="" if origin is not None else key, reason=reason[:2000], event=event or {},
                                                   proposed_by=proposed_by,
                                                   **{k: v for k, v in lookup.items() if k in ("origin_type", "origin_id")})
            created = True
        except IntegrityError:
            proposal, created = Proposal.objects.filter(**lookup).first(), False
    else:
        proposal, created = existing, False
    if people and proposal.status == ProposalStatus.OPEN:
        proposal.staff.add(*people)
    return proposal, created


def proposals_from_case(case):
    """A complaint (or incident) whose root cause is a staff error and that names the staff
    involved proposes the course for its category to those people."""
    if case.root_cause != STAFF_ERROR:
        return None
    people = list(case.staff_members.all())
    if not people:
        return None
    from complaints.choices import Category

    event = events.event(need_events.FROM_CASE, case=case.number, category=events.choice(Category, case.category) if case.category else "—")
    proposal, _created = proposal_create(property=case.property, source=ProposalSource.COMPLAINT, staff=people, department=case.department,
                                         origin=case, complaint_category=case.category, event=event)
    return proposal


def proposals_from_inspection(inspection) -> int:
    """Failed items of a submitted inspection that name a standard propose the course teaching it
    to the inspected department's staff."""
    if inspection.response_id is None or not inspection.department_id:
        return 0
    from hotelqa.checklists.models import ChecklistAnswer

    made = 0
    answers = ChecklistAnswer.objects.filter(response_id=inspection.response_id, is_failed=True).exclude(item__standard="", item__standard_zh="").select_related("item")
    for answer in answers:
        item = answer.item
        course = course_for_standard(inspection.property, item.standard, item.standard_zh, item.text)
        if course is None:
            continue
        staff = StaffMember.objects.filter(property=inspection.property, department_id=inspection.department_id, is_active=True)
        _p, created = proposal_create(property=inspection.property, source=ProposalSource.INSPECTION, course=course, staff=staff,
                                      department=inspection.department, origin=inspection,
                                      event=events.event(need_events.FROM_INSPECTION, item=events.text(en=item.text, **{"zh-hans": item.text_zh}),
                                                         standard=events.text(en=item.standard, **{"zh-hans": item.standard_zh})))
        made += int(created)
    return made


def proposals_from_trends(*, today: dt.date | None = None, properties=None) -> int:
    """A department whose complaints in a category over the last 30 days rose above its 90-day
    baseline (the 90 days before, per 30 days) proposes the course addressing that category to
    the department's staff; once per department, category and month."""
    from complaints.models import Case

    today = today or timezone.localdate()
    recent_from = today - dt.timedelta(days=TREND_RECENT_DAYS)
    base_from = recent_from - dt.timedelta(days=TREND_BASELINE_DAYS)
    cases = Case.objects.filter(kind="complaint", department__isnull=False, received_at__date__gte=base_from, received_at__date__lt=today).exclude(category="")
    if properties is not None:
        cases = cases.filter(property__in=properties)
    rows = cases.values("property_id", "department_id", "category").annotate(
        recent=Count("pk", filter=Q(received_at__date__gte=recent_from)), base=Count("pk", filter=Q(received_at__date__lt=recent_from)),
    )
    made = 0
    for row in rows:
        baseline = row["base"] * TREND_RECENT_DAYS / TREND_BASELINE_DAYS
        if row["recent"] < TREND_MINIMUM or row["recent"] <= baseline:
            continue
        department = Department.objects.select_related("property").get(pk=row["department_id"])
        course = course_for_category(department.property, row["category"])
        if course is None:
            continue
        staff = StaffMember.objects.filter(department=department, is_active=True)
        _p, created = proposal_create(
            property=department.property, source=ProposalSource.TREND, course=course, staff=staff, department=department,
            key=f"trend:{department.pk}:{row['category']}:{today:%Y-%m}",
            event=events.event(need_events.FROM_TREND, recent=row["recent"], baseline=f"{baseline:.1f}"),
        )
        made += int(created)
    return made


@transaction.atomic
def proposal_accept(*, proposal: Proposal, actor, due_on: dt.date | None = None, course=None) -> int:
    """The proposal joins the plan: its course for its people (or its department's staff) by the date."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != ProposalStatus.OPEN:
        raise ValidationError(_("This training need was already decided."))
    course = course or proposal.course
    if course is None:
        raise ValidationError({"course": _("Choose the course to plan.")})
    if course.property_id != proposal.property_id:
        raise ValidationError({"course": _("The course belongs to another property.")})
    if not course.is_active:
        raise ValidationError({"course": _("This course is retired: it cannot be planned.")})
    due_on = due_on or timezone.localdate() + dt.timedelta(days=PROPOSAL_DUE_DAYS)
    if due_on < timezone.localdate():
        raise ValidationError({"due_on": _("The due date is in the past.")})
    people = list(proposal.staff.filter(is_active=True))
    if not people and proposal.department_id:
        people = list(StaffMember.objects.filter(department_id=proposal.department_id, is_active=True))
    if not people:
        raise ValidationError(_("Nobody to plan: the training need names no active staff and no department."))
    for person in people:
        item, created = plan_ensure(staff=person, course=course, due_on=due_on, source=PlanSource.PROPOSAL, proposal=proposal)
        if not created and item.proposal_id is None:
            item.proposal = proposal
            item.save(update_fields=["proposal"])
    proposal.status, proposal.course, proposal.due_on = ProposalStatus.ACCEPTED, course, due_on
    proposal.decided_by, proposal.decided_at = actor, timezone.now()
    proposal.save(update_fields=["status", "course", "due_on", "decided_by", "decided_at"])
    return len(people)


@transaction.atomic
def proposal_dismiss(*, proposal: Proposal, actor, reason: str) -> Proposal:
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != ProposalStatus.OPEN:
        raise ValidationError(_("This training need was already decided."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Give the reason for dismissing it.")})
    proposal.status, proposal.dismissed_reason = ProposalStatus.DISMISSED, reason.strip()
    proposal.decided_by, proposal.decided_at = actor, timezone.now()
    proposal.save(update_fields=["status", "dismissed_reason", "decided_by", "decided_at"])
    return proposal
