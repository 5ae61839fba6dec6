"""The CRM's models, one module per sub-domain; import them from ``crm.models``."""

from .followups import MARKETING_KINDS, FollowUp, FollowUpKind, FollowUpOutcome
from .guests import Guest, GuestErasure, GuestMerge, PreferenceOption, Room, Stay, new_room_token
from .imports import StayImport, StayImportMapping
from .loyalty import LoyaltyMember, LoyaltyTier, PointsEntry, PointsKind, TierChange, TierChangeReason
from .segments import GuestSegment, Lifecycle, ValueSegment
from .surveys import Dimension, Survey, SurveyAnswer, SurveySource, SurveyTemplate, new_survey_token

__all__ = [
    "Guest", "GuestErasure", "GuestMerge", "PreferenceOption", "Room", "Stay", "StayImport", "StayImportMapping", "new_room_token",
    "LoyaltyMember", "LoyaltyTier", "PointsEntry", "PointsKind", "TierChange", "TierChangeReason",
    "GuestSegment", "Lifecycle", "ValueSegment",
    "FollowUp", "FollowUpKind", "FollowUpOutcome", "MARKETING_KINDS",
    "Dimension", "Survey", "SurveyAnswer", "SurveySource", "SurveyTemplate", "new_survey_token",
]
