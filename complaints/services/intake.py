"""Logging a case: its number, department, deadlines and first timeline rows."""

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from hotelqa.choices import DepartmentKind, Role
from hotelqa.models import Department, Property, User
from hotelqa.selectors import department_supervisors, members_with_role
from hotelqa.services import Message, notification_send

from .. import workflow
from ..choices import CaseKind, CaseStatus, EventKind, Grade
from ..models import Case, CaseCounter, CaseEvent, CasePhoto
from ..routing import patterns_for, route
from ..rules import CATEGORY_DEPARTMENT, suggest
from .common import case_url, deadlines_for, notify_assignment, validate_assignee


def property_prefix(property: Property) -> str:
    words = [w for w in property.name.replace("-", " ").split() if w[:1].isalpha()]
    initials = "".join(w[0] for w in words[:2]).upper()
    return initials or property.code[:3].upper()


def case_number_next(*, property: Property, year: int) -> str:
    counter, _created = CaseCounter.objects.select_for_update().get_or_create(property=property, year=year)
    # The counter's row stays locked until the case is saved: nobody else takes the same number.
    counter.last += 1
    counter.save(update_fields=["last"])
    return f"{property_prefix(property)}-{year}-{counter.last:06d}"


@transaction.atomic
def case_log(
    *,
    property: Property,
    actor: User | None,
    kind: str,
    channel: str,
    description: str,
    description_translation: str = "",
    apology_confirmed: bool = False,
    guest=None,
    room=None,
    room_number: str = "",
    category: str = "",
    grade: str = "",
    department: Department | None = None,
    assignee: User | None = None,
    staff_involved: str = "",
    received_at: dt.datetime | None = None,
) -> Case:
    """Log a new case. A complaint with the apology confirmed and a description is received and
    recorded in one go (steps 1–2); it lands on the department's queue."""
    now = timezone.now()
    received_at = received_at or now
    hint = suggest(description, patterns_for(property))
    # A category chosen by a person decides the department; the keyword rules only fill blanks.
    department_kind = CATEGORY_DEPARTMENT.get(category) if category else hint.department_kind
    category = category or hint.category
    grade = grade or hint.grade or Grade.GENERAL
    unstaffed = None
    if department is None:
        # Chosen automatically: never a department with nobody in it to take the case.
        routed = route(property=property, kind=department_kind or DepartmentKind.FRONT_OFFICE)
        department, unstaffed = routed.department, routed.unstaffed
        assignee = assignee or routed.assignee
    if department is not None and department.property_id != property.pk:
        raise ValidationError({"department": _("The department belongs to another property.")})
    if guest is not None and guest.is_anonymized:
        raise ValidationError({"guest": _("This guest's profile was anonymized.")})
    validate_assignee(property=property, assignee=assignee)
    if room is not None and not room_number:
        room_number = room.number
    initial = workflow.INITIAL_STATUS[kind]
    case = Case(
        property=property, kind=kind, status=initial, channel=channel,
        received_at=received_at, apology_confirmed=apology_confirmed, guest=guest, room=room,
        room_number=room_number, description=description, description_translation=description_translation.strip(), staff_involved=staff_involved,
        category=category, grade=grade, department=department, assignee=assignee, created_by=actor,
    )
    case.number = case_number_next(property=property, year=timezone.localtime(received_at).year)
    case.response_due, case.resolution_due = deadlines_for(case=case, start=received_at)
    # The related objects were loaded (and checked against the property) above, so re-checking
    # that each one exists would only cost a query apiece on the front desk's busiest form; a new
    # case has no satisfaction yet, so its 1–5 check needs no query either.
    case.full_clean(exclude=["number", "property", "guest", "room", "department", "assignee", "created_by", "satisfaction"])
    # Steps 1–2 in one go: the case is written already recorded, its history shows both steps.
    recorded = kind == CaseKind.COMPLAINT and apology_confirmed and bool(guest or room_number)
    if recorded:
        case.status = CaseStatus.RECORDED
    case.save()
    events = [CaseEvent(case=case, kind=EventKind.CREATED, to_status=initial, actor=actor, created_at=now)]
    if unstaffed is not None:
        events.append(CaseEvent(
            case=case, kind=EventKind.NOTE, actor=None, created_at=now,
            note=_("%(department)s has nobody in it: the case went to %(fallback)s.") % {"department": unstaffed, "fallback": department},
        ))
    if recorded:
        events.append(CaseEvent(case=case, kind=EventKind.TRANSITION, from_status=initial, to_status=CaseStatus.RECORDED, actor=actor, created_at=now))
    CaseEvent.objects.bulk_create(events)
    case.routed_from = unstaffed  # read by the form's confirmation message
    if assignee:
        notify_assignment(case)
    elif unstaffed is not None:
        notification_send(
            recipients=department_supervisors(property=property, department=department) or members_with_role(property=property, role=Role.FRONT_DESK),
            property=property, kind="new_case", url=case_url(case), body=description[:500],
            title=Message(_lazy("%(number)s came to %(department)s: %(unstaffed)s has nobody in it"), {"number": case.number, "department": department, "unstaffed": unstaffed}),
        )
    elif kind == CaseKind.REQUEST or grade != "general":
        notification_send(
            recipients=department_supervisors(property=property, department=department), property=property, kind="new_case", url=case_url(case),
            title=Message(_lazy("New %(kind)s %(number)s for %(department)s"), {"kind": CaseKind(case.kind).label, "number": case.number, "department": department or "-"}),
            body=description[:500],
        )
    return case


def case_photo_add(*, case: Case, image, actor: User | None) -> CasePhoto:
    """Attach a photo (already checked by `hotelqa.uploads.PhotoField`) to a case."""
    return CasePhoto.objects.create(case=case, image=image, uploaded_by=actor)
