"""What the case services share: SLAs and service calendars, deadlines, settings, who is told."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from hotelqa.choices import DepartmentKind, Role
from hotelqa.models import Department, Membership, Property, User
from hotelqa.services import Message, notification_send

from ..business_time import Calendar, add_business_time
from ..choices import CaseKind
from ..models import DEFAULT_SLA_MINUTES, Case, ComplaintSettings, ServiceCalendar, SlaPolicy


def sla_minutes(*, property: Property, kind: str, grade: str) -> tuple[int, int]:
    grade_key = "" if kind == CaseKind.REQUEST else grade
    policy = SlaPolicy.objects.filter(property=property, kind=kind, grade=grade_key).first()
    if policy:
        return policy.response_minutes, policy.resolution_minutes
    return DEFAULT_SLA_MINUTES[(kind, grade_key)]


def calendar_for(*, property: Property, department: Department | None) -> Calendar:
    tz = ZoneInfo(property.time_zone)
    if department is None:
        return Calendar(tz=tz)
    cal = ServiceCalendar.objects.filter(department=department).prefetch_related("hours", "holidays").first()
    if cal is None or cal.always_open:
        return Calendar(tz=tz)
    hours = {}
    for h in cal.hours.all():
        hours.setdefault(h.weekday, []).append((h.opens, h.closes))
    return Calendar(tz=tz, always_open=False, hours=hours, holidays=frozenset(h.date for h in cal.holidays.all()))


def deadlines_for(*, case: Case, start: dt.datetime) -> tuple[dt.datetime, dt.datetime]:
    response, resolution = sla_minutes(property=case.property, kind=case.kind, grade=case.grade)
    calendar = calendar_for(property=case.property, department=case.department)
    return (
        add_business_time(start, dt.timedelta(minutes=response), calendar),
        add_business_time(start, dt.timedelta(minutes=resolution), calendar),
    )


def settings_for(property: Property) -> ComplaintSettings:
    return ComplaintSettings.objects.filter(property=property).first() or ComplaintSettings(property=property)


def may_close(*, user: User, case: Case) -> bool:
    """Closing a complaint with the guest's feedback is for the people configured per property
    (by default front desk, guest relations and supervisors), not for whoever did the repair."""
    closers = set(filter(None, settings_for(case.property).closing_roles.split(",")))
    role = user.role_in(case.property)
    if role in closers:
        return True
    if "guest_relations" in closers and role == Role.STAFF:
        membership = user.membership_in(case.property)
        return bool(membership and membership.department_id and membership.department.kind == DepartmentKind.FRONT_OFFICE)
    return False


def case_url(case: Case) -> str:
    return reverse("complaints:case_detail", args=[case.pk])


def notify_assignment(case: Case) -> None:
    if case.assignee_id:
        notification_send(
            recipients=[case.assignee], property=case.property, kind="assignment", url=case_url(case),
            title=Message(_lazy("%(number)s assigned to you: %(text)s"), {"number": case.number, "text": case.description[:80]}),
        )


def validate_assignee(*, property: Property, assignee: User | None) -> None:
    if assignee is not None and not Membership.objects.filter(user=assignee, property=property).exists():
        raise ValidationError({"assignee": _("This person does not work at this property.")})
