"""The transition tables of the three case kinds and what each step requires (SPEC §4).

Views, tasks, the admin and the demo all move cases through `services.case_transition`, which
runs the foundation's workflow engine (`ENGINES`, one per kind): it refuses any move not listed
here, so a step cannot be skipped even by a hand-made POST.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hotelqa.workflow import Workflow

from .choices import CaseKind, EventKind
from .choices import CaseStatus as S

TRANSITIONS = {
    CaseKind.COMPLAINT: {
        S.RECEIVED: (S.RECORDED,),
        S.RECORDED: (S.CLASSIFIED,),
        S.CLASSIFIED: (S.INVESTIGATED,),
        S.INVESTIGATED: (S.SOLUTION,),
        S.SOLUTION: (S.CLOSED,),
        S.CLOSED: (S.REOPENED,),
        S.REOPENED: (S.INVESTIGATED,),
    },
    CaseKind.REQUEST: {
        S.ASSIGNED: (S.ACKNOWLEDGED,),
        S.ACKNOWLEDGED: (S.IN_PROGRESS,),
        S.IN_PROGRESS: (S.DONE,),
        S.DONE: (S.CONFIRMED, S.IN_PROGRESS),  # back to work when the guest is not happy
    },
    CaseKind.INCIDENT: {
        S.REPORTED: (S.CONTAINED,),
        S.CONTAINED: (S.INVESTIGATED,),
        S.INVESTIGATED: (S.CLOSED,),
        S.CLOSED: (S.REOPENED,),
        S.REOPENED: (S.INVESTIGATED,),
    },
}

INITIAL_STATUS = {
    CaseKind.COMPLAINT: S.RECEIVED,
    CaseKind.REQUEST: S.ASSIGNED,
    CaseKind.INCIDENT: S.REPORTED,
}

# The ordered path shown as a progress bar on the case page.
STEPS = {
    CaseKind.COMPLAINT: [S.RECEIVED, S.RECORDED, S.CLASSIFIED, S.INVESTIGATED, S.SOLUTION, S.CLOSED],
    CaseKind.REQUEST: [S.ASSIGNED, S.ACKNOWLEDGED, S.IN_PROGRESS, S.DONE, S.CONFIRMED],
    CaseKind.INCIDENT: [S.REPORTED, S.CONTAINED, S.INVESTIGATED, S.CLOSED],
}

# Fields each step fills in (the step form shows these) ...
STEP_FIELDS = {
    (CaseKind.COMPLAINT, S.RECORDED): ["apology_confirmed", "guest", "room_number", "description", "description_translation", "staff_involved"],
    (CaseKind.COMPLAINT, S.CLASSIFIED): ["category", "grade", "department", "assignee"],
    (CaseKind.COMPLAINT, S.INVESTIGATED): ["findings", "root_cause", "staff_members"],
    (CaseKind.COMPLAINT, S.SOLUTION): ["actions_taken", "guest_accepted"],
    (CaseKind.COMPLAINT, S.CLOSED): ["result_told", "satisfaction"],
    (CaseKind.COMPLAINT, S.REOPENED): [],
    (CaseKind.REQUEST, S.ACKNOWLEDGED): ["assignee"],
    (CaseKind.REQUEST, S.IN_PROGRESS): [],
    (CaseKind.REQUEST, S.DONE): ["actions_taken"],
    (CaseKind.REQUEST, S.CONFIRMED): ["satisfaction"],
    (CaseKind.INCIDENT, S.CONTAINED): ["containment", "grade", "department", "assignee"],
    (CaseKind.INCIDENT, S.INVESTIGATED): ["findings", "root_cause", "staff_members"],
    (CaseKind.INCIDENT, S.CLOSED): ["actions_taken"],
    (CaseKind.INCIDENT, S.REOPENED): [],
}

# ... and which of them must hold a value (True for booleans) before the move is allowed.
REQUIRED = {
    (CaseKind.COMPLAINT, S.RECORDED): ["apology_confirmed", "description"],
    (CaseKind.COMPLAINT, S.CLASSIFIED): ["category", "grade", "department", "assignee"],
    (CaseKind.COMPLAINT, S.INVESTIGATED): ["findings", "root_cause"],
    (CaseKind.COMPLAINT, S.SOLUTION): ["actions_taken", "guest_accepted"],
    (CaseKind.COMPLAINT, S.CLOSED): ["result_told", "satisfaction"],
    (CaseKind.REQUEST, S.ACKNOWLEDGED): ["assignee"],
    (CaseKind.REQUEST, S.DONE): ["actions_taken"],
    (CaseKind.INCIDENT, S.CONTAINED): ["containment", "department"],
    (CaseKind.INCIDENT, S.INVESTIGATED): ["findings", "root_cause"],
    (CaseKind.INCIDENT, S.CLOSED): ["actions_taken"],
}

# Moves that need a written reason.
NEEDS_NOTE = {(CaseKind.COMPLAINT, S.REOPENED), (CaseKind.INCIDENT, S.REOPENED), (CaseKind.REQUEST, S.IN_PROGRESS)}

# The move that counts as the first response and the one that counts as resolution.
FIRST_RESPONSE = {CaseKind.COMPLAINT: S.CLASSIFIED, CaseKind.REQUEST: S.ACKNOWLEDGED, CaseKind.INCIDENT: S.CONTAINED}
RESOLUTION = {CaseKind.COMPLAINT: S.CLOSED, CaseKind.REQUEST: S.DONE, CaseKind.INCIDENT: S.CLOSED}

# Moves only supervisors and up may make (they assign the work).
ASSIGNING_MOVES = {(CaseKind.COMPLAINT, S.CLASSIFIED), (CaseKind.INCIDENT, S.CONTAINED)}

# Moves that are the responsible department's work, not the front desk's.
WORKING_MOVES = {
    (CaseKind.COMPLAINT, S.INVESTIGATED), (CaseKind.COMPLAINT, S.SOLUTION),
    (CaseKind.REQUEST, S.ACKNOWLEDGED), (CaseKind.REQUEST, S.IN_PROGRESS), (CaseKind.REQUEST, S.DONE),
    (CaseKind.INCIDENT, S.INVESTIGATED), (CaseKind.INCIDENT, S.CLOSED),
}


def move_permission(kind, to_status):
    key = (kind, to_status)
    if key in ASSIGNING_MOVES:
        return "complaints.assign_case"
    if key in WORKING_MOVES:
        return "complaints.work_case"
    return "complaints.change_case"

ACTION_LABELS = {
    S.RECORDED: _("Record"),
    S.CLASSIFIED: _("Classify and assign"),
    S.INVESTIGATED: _("Record investigation"),
    S.SOLUTION: _("Record solution"),
    S.CLOSED: _("Close with feedback"),
    S.REOPENED: _("Reopen"),
    S.ACKNOWLEDGED: _("Acknowledge"),
    S.IN_PROGRESS: _("Start work"),
    S.DONE: _("Mark done"),
    S.CONFIRMED: _("Guest confirmed"),
    S.CONTAINED: _("Contained"),
}


def _history(case, **row):
    from .models import CaseEvent

    return CaseEvent(case=case, kind=EventKind.TRANSITION, **row)


# The engine's table shape: from status → {to status: permission}.
ENGINES = {
    kind: Workflow(
        transitions={from_status: {to: move_permission(kind, to) for to in moves} for from_status, moves in table.items()},
        history=_history,
        status_label=lambda status: S(status).label,
        refused=_("A case cannot go from “%(from)s” to “%(to)s”."),
    )
    for kind, table in TRANSITIONS.items()
}


def allowed_moves(kind, status):
    """Every move the table has from `status` (whoever makes it)."""
    return TRANSITIONS.get(kind, {}).get(status, ())


def action_label(kind, from_status, to_status):
    if kind == CaseKind.REQUEST and from_status == S.DONE and to_status == S.IN_PROGRESS:
        return pgettext_lazy("case action", "Back to work")
    return ACTION_LABELS.get(to_status, to_status)
