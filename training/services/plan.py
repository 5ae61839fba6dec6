import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from hotelqa.models import StaffMember

from ..choices import PlanSource, PlanStatus
from ..models import Course, PlanItem


def plan_ensure(*, staff: StaffMember, course: Course, due_on: dt.date, source=PlanSource.PLAN, proposal=None) -> tuple[PlanItem, bool]:
    """The open plan item of this person and course, created if there is none (never two)."""
    existing = PlanItem.objects.filter(staff=staff, course=course, status=PlanStatus.PLANNED).first()
    if existing:
        return existing, False
    try:
        with transaction.atomic():
            item = PlanItem.objects.create(
                property=staff.property, year=due_on.year, course=course, staff=staff, department=staff.department,
                due_on=due_on, source=source, proposal=proposal,
            )
        return item, True
    except IntegrityError:  # planned at the same moment by someone else
        return PlanItem.objects.get(staff=staff, course=course, status=PlanStatus.PLANNED), False


@transaction.atomic
def plan_add(*, property, course: Course, due_on: dt.date, department=None, position: str = "", staff=None) -> int:
    """Plan a course for the active staff of a department (and position), or for the people named.
    Returns the number of people newly planned; people already planned for it are left as they are."""
    if course.property_id != property.pk:
        raise ValidationError({"course": _("The course belongs to another property.")})
    if not course.is_active:
        raise ValidationError({"course": _("This course is retired: it cannot be planned.")})
    if due_on < timezone.localdate() - dt.timedelta(days=1):
        raise ValidationError({"due_on": _("The due date is in the past.")})
    people = StaffMember.objects.filter(property=property, is_active=True)
    if staff is not None:
        people = people.filter(pk__in=[s.pk for s in staff])
    else:
        if department is not None:
            people = people.filter(department=department)
        if position:
            people = people.filter(position__iexact=position.strip())
    people = list(people)
    if not people:
        raise ValidationError(_("Nobody matches: no active staff member in that department and position."))
    return sum(plan_ensure(staff=p, course=course, due_on=due_on)[1] for p in people)


def plan_mark_done(*, staff: StaffMember, course: Course, on: dt.date) -> int:
    return PlanItem.objects.filter(staff=staff, course=course, status=PlanStatus.PLANNED).update(status=PlanStatus.DONE, done_on=on)


@transaction.atomic
def plan_item_update(*, item: PlanItem, course: Course, staff: StaffMember, due_on: dt.date) -> PlanItem:
    """Change an open plan item's course, person or due date; done and cancelled items keep their history."""
    item = PlanItem.objects.select_for_update().get(pk=item.pk)
    if item.status != PlanStatus.PLANNED:
        raise ValidationError(_("Only a planned item can be changed: this one is done or cancelled."))
    if course.property_id != item.property_id:
        raise ValidationError({"course": _("The course belongs to another property.")})
    if course.pk != item.course_id and not course.is_active:
        raise ValidationError({"course": _("This course is retired: it cannot be planned.")})
    if staff.property_id != item.property_id or not staff.is_active:
        raise ValidationError({"staff": _("Choose an active staff member of this property.")})
    if due_on != item.due_on and due_on < timezone.localdate():
        raise ValidationError({"due_on": _("The due date is in the past.")})
    if PlanItem.objects.filter(staff=staff, course=course, status=PlanStatus.PLANNED).exclude(pk=item.pk).exists():
        raise ValidationError({"course": _("%(name)s already has this course planned.") % {"name": staff.name}})
    if (staff.pk, course.pk) != (item.staff_id, item.course_id):
        # Invitations linked to the item were for the old person or course.
        item.attendances.update(plan_item=None)
    item.course, item.staff, item.department_id, item.due_on, item.year = course, staff, staff.department_id, due_on, due_on.year
    item.save(update_fields=["course", "staff", "department", "due_on", "year"])
    return item
