from django.urls import path

from . import views
from .engagement import views as engage

app_name = "crm"

urlpatterns = [
    path("guests/", views.GuestListView.as_view(), name="guest_list"),
    path("guests/search/", views.GuestSearchView.as_view(), name="guest_search"),
    path("guests/<int:pk>/", views.GuestDetailView.as_view(), name="guest_detail"),
    path("guests/<int:pk>/edit/", views.GuestEditView.as_view(), name="guest_edit"),
    path("guests/<int:pk>/merge/", views.GuestMergeView.as_view(), name="guest_merge"),
    path("guests/<int:pk>/export/", views.GuestExportView.as_view(), name="guest_export"),
    path("guests/<int:pk>/anonymize/", views.GuestAnonymizeView.as_view(), name="guest_anonymize"),
    path("imports/", views.StayImportListView.as_view(), name="stayimport_list"),
    path("imports/new/", views.StayImportUploadView.as_view(), name="stayimport_create"),
    path("imports/<int:pk>/", views.StayImportDetailView.as_view(), name="stayimport_detail"),
    path("imports/<int:pk>/progress/", views.StayImportProgressView.as_view(), name="stayimport_progress"),
    # Engagement: loyalty, segments, follow-ups, surveys
    path("guests/<int:pk>/enrol/", engage.MemberEnrolView.as_view(), name="member_enrol"),
    path("members/<int:pk>/", engage.MemberDetailView.as_view(), name="member_detail"),
    path("members/<int:pk>/redeem/", engage.MemberRedeemView.as_view(), name="member_redeem"),
    path("members/<int:pk>/adjust/", engage.MemberAdjustView.as_view(), name="member_adjust"),
    path("segments/", engage.SegmentListView.as_view(), name="segment_list"),
    path("follow-ups/", engage.FollowUpListView.as_view(), name="followup_list"),
    path("follow-ups/<int:pk>/record/", engage.FollowUpRecordView.as_view(), name="followup_record"),
    path("surveys/", engage.SurveyListView.as_view(), name="survey_list"),
    path("surveys/analysis/", engage.SurveyAnalysisView.as_view(), name="survey_analysis"),
    path("surveys/<int:pk>/", engage.SurveyDetailView.as_view(), name="survey_detail"),
    path("s/<str:token>/", engage.SurveyPublicView.as_view(), name="survey_public"),
    path("s/<str:token>/thanks/", engage.SurveyThanksView.as_view(), name="survey_thanks"),
]
