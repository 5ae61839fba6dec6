"""Writes of the audits app, one module per sub-domain."""

from .audits import (  # noqa: F401
    audit_answer,
    audit_create,
    audit_start,
    audit_submit,
    mystery_link_create,
    mystery_link_for_token,
    mystery_submit,
    plan_set_active,
)
from .corrective import (  # noqa: F401
    WATCH_SOURCE,
    WORKFLOW,
    action_deadlines,
    action_notify,
    action_photo_add,
    action_transition,
    action_update_plan,
    allowed_moves,
    corrective_actions_watch,
    finding_set_staff,
    findings_create,
)
