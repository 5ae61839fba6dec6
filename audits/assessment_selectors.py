"""Reads of the staff assessment: who sees which assessments and staff records."""

from hotelqa.choices import Role
from hotelqa.models import StaffMember

from .choices import AssessmentStatus
from .models import StaffAssessment


def supervised_department_id(user, property):
    """The department a supervisor sees (None: everything at the property, or nothing)."""
    if user.role_in(property) != Role.SUPERVISOR:
        return None
    membership = user.membership_in(property)
    return membership.department_id if membership else None


def _narrow(qs, user, property, field):
    if user.role_in(property) == Role.SUPERVISOR:
        department = supervised_department_id(user, property)
        return qs.filter(**{field: department}) if department else qs.none()
    return qs


def assessments_visible_to(*, user, property):
    """Managers, trainers/HR and admins: the property's assessments; supervisors: their department's."""
    qs = StaffAssessment.objects.filter(property=property).select_related("staff", "staff__department")
    return _narrow(qs, user, property, "staff__department_id")


def staff_visible_to(*, user, property):
    return _narrow(StaffMember.objects.filter(property=property).select_related("department"), user, property, "department_id")


def own_staff_record(*, user, property):
    return StaffMember.objects.filter(property=property, user=user).select_related("department", "property").first()


def own_approved_assessments(*, user, property):
    return (StaffAssessment.objects.filter(property=property, staff__user=user, status=AssessmentStatus.APPROVED)
            .select_related("staff").prefetch_related("scores__criterion", "consequences").order_by("-month"))
