from .followups import FollowUpListView, FollowUpRecordView
from .loyalty import MemberAdjustView, MemberDetailView, MemberEnrolView, MemberRedeemView, SegmentListView
from .surveys import SurveyAnalysisView, SurveyDetailView, SurveyListView, SurveyPublicView, SurveyThanksView

__all__ = [
    "FollowUpListView", "FollowUpRecordView", "MemberAdjustView", "MemberDetailView", "MemberEnrolView", "MemberRedeemView",
    "SegmentListView", "SurveyAnalysisView", "SurveyDetailView", "SurveyListView", "SurveyPublicView", "SurveyThanksView",
]
