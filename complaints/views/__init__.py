"""Views of the complaints app, by sub-domain; `urls.py` reads them from here."""

from .cases import (
    CaseCreateView,
    CaseDetailView,
    CasePhotoFileView,
    CaseReassignView,
    CaseSuggestView,
    CaseTransitionView,
    CaseTranslationView,
    RecoveryCreateView,
    RecoveryDecideView,
)
from .guest import GuestPageView, GuestThanksView, RoomLabelListView, RoomTokenRotateView
from .lists import CaseExportView, CaseListView
from .revisits import RevisitListView, RevisitRecordView

__all__ = [
    "CaseCreateView", "CaseDetailView", "CasePhotoFileView", "CaseExportView", "CaseListView", "CaseReassignView", "CaseSuggestView",
    "CaseTransitionView", "CaseTranslationView", "GuestPageView", "GuestThanksView", "RecoveryCreateView", "RecoveryDecideView",
    "RevisitListView", "RevisitRecordView", "RoomLabelListView", "RoomTokenRotateView",
]
