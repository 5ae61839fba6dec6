"""Writes of the case engine, by sub-domain. Every change of a case goes through a function here;
callers use `from complaints import services` and the names below."""

from .cases import StaleCaseError, case_note_add, case_reassign, case_transition, case_translation_save
from .common import calendar_for, case_url, deadlines_for, may_close, settings_for, sla_minutes
from .intake import case_log, case_number_next, case_photo_add, property_prefix
from .recovery import recovery_add, recovery_decide, recovery_limit
from .revisits import revisit_record, revisit_schedule, revisits_list_due
from .sla import case_deadlines, deadline_label, escalation_step, notify_case_step, sla_watch

__all__ = [
    "StaleCaseError", "calendar_for", "case_deadlines", "deadline_label", "notify_case_step", "case_log", "case_note_add",
    "case_number_next", "case_reassign", "case_transition", "case_translation_save", "case_url",
    "deadlines_for", "case_photo_add", "may_close", "escalation_step", "property_prefix", "recovery_add", "recovery_decide",
    "recovery_limit", "revisit_record", "revisit_schedule", "revisits_list_due", "settings_for", "sla_minutes", "sla_watch",
]
