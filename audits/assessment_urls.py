from django.urls import path

from .views import assessment as views

urlpatterns = [
    path("assessments/", views.AssessmentListView.as_view(), name="assessment_list"),
    path("assessments/new/", views.AssessmentCreateView.as_view(), name="assessment_create"),
    path("assessments/mine/", views.MyAssessmentsView.as_view(), name="assessment_mine"),
    path("assessments/<str:pk>/", views.AssessmentDetailView.as_view(), name="assessment_detail"),
    path("assessments/<str:pk>/scores/", views.AssessmentScoreView.as_view(), name="assessment_score"),
    path("assessments/<str:pk>/move/", views.AssessmentMoveView.as_view(), name="assessment_transition"),
    path("assessments/<str:pk>/consequences/", views.ConsequenceAddView.as_view(), name="assessment_consequence"),
    path("scorecards/", views.ScorecardListView.as_view(), name="scorecard_list"),
    path("scorecards/<str:pk>/", views.ScorecardView.as_view(), name="scorecard"),
]
