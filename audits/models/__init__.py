"""The audits app's models, one module per sub-domain; import them from ``audits.models``."""

from .assessment import AssessmentConsequence, AssessmentCriterion, AssessmentScore, StaffAssessment, StaffAssessmentHistory  # noqa: F401
from .audits import Audit, AuditFrequency, AuditMethod, AuditPlan, AuditStatus, MysteryGuestLink  # noqa: F401
from .corrective import (  # noqa: F401
    ActionStatus,
    CorrectiveAction,
    CorrectiveActionHistory,
    CorrectiveActionPhoto,
    EscalationLevel,
    Finding,
)
