"""Writes of the training app. Callers use `from training import services`."""

from .plan import plan_add, plan_ensure, plan_item_update, plan_mark_done  # noqa: F401
from .proposals import (  # noqa: F401
    proposal_accept,
    proposal_create,
    proposal_dismiss,
    proposals_from_case,
    proposals_from_inspection,
    proposals_from_trends,
)
from .reminders import reminders_send  # noqa: F401
from .sessions import (  # noqa: F401
    attendance_mark,
    scores_record,
    self_check_in,
    session_cancel,
    session_create,
    session_invite,
    session_update,
)
from .staff import staff_save  # noqa: F401
