"""The CRM's pages, one module per sub-domain."""

from .guests import GuestDetailView, GuestEditView, GuestListView, GuestSearchView
from .imports import StayImportDetailView, StayImportListView, StayImportProgressView, StayImportUploadView
from .privacy import GuestAnonymizeView, GuestExportView, GuestMergeView

__all__ = [
    "GuestAnonymizeView", "GuestDetailView", "GuestEditView", "GuestExportView", "GuestListView", "GuestMergeView", "GuestSearchView",
    "StayImportDetailView", "StayImportListView", "StayImportProgressView", "StayImportUploadView",
]
