"""Builders that drive cases through the real services, so tests see what users see."""

from complaints import services
from complaints.choices import CaseKind, CaseStatus, Channel
from crm.models import Guest
from hotelqa.choices import DepartmentKind

STEP_DATA = {
    CaseStatus.CLASSIFIED: lambda case, actor: {"category": "noise", "grade": case.grade, "department": case.department, "assignee": actor},
    CaseStatus.INVESTIGATED: lambda case, actor: {"findings": "Party in 512", "root_cause": "guest"},
    CaseStatus.SOLUTION: lambda case, actor: {"actions_taken": "Moved the guest", "guest_accepted": True},
    CaseStatus.CLOSED: lambda case, actor: {"result_told": True, "satisfaction": 4},
}


def log_complaint(property, actor, *, grade="general", description="Noise from next door", room="512", department_kind=DepartmentKind.SECURITY, **kwargs):
    guest = Guest.objects.create(home_property=property, name="Li Wei", phone="13900000001")
    return services.case_log(
        property=property, actor=actor, kind=CaseKind.COMPLAINT, channel=Channel.IN_PERSON, description=description,
        apology_confirmed=True, guest=guest, room_number=room, grade=grade,
        department=property.departments.get(kind=department_kind), **kwargs,
    )


def advance(case, actor, *until):
    """Walk a complaint through the given steps with valid data."""
    for status in until:
        case = services.case_transition(case=case, to_status=status, actor=actor, expected_version=case.version, data=STEP_DATA[status](case, actor))
    return case


def close_complaint(property, actor, **kwargs):
    case = log_complaint(property, actor, **kwargs)
    return advance(case, actor, CaseStatus.CLASSIFIED, CaseStatus.INVESTIGATED, CaseStatus.SOLUTION, CaseStatus.CLOSED)
