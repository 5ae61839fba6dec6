"""Routes of audit plans, audits, the mystery guest's link and corrective actions."""

from django.urls import path

from .views import actions, audits, mystery, plans

urlpatterns = [
    path("plans/", plans.PlanListView.as_view(), name="plan_list"),
    path("plans/new/", plans.PlanCreateView.as_view(), name="plan_create"),
    path("plans/<int:pk>/", plans.PlanDetailView.as_view(), name="plan_detail"),
    path("plans/<int:pk>/edit/", plans.PlanUpdateView.as_view(), name="plan_update"),
    path("plans/<int:pk>/toggle/", plans.PlanToggleView.as_view(), name="plan_toggle"),
    path("", audits.AuditListView.as_view(), name="audit_list"),
    path("new/", audits.AuditCreateView.as_view(), name="audit_create"),
    path("<int:pk>/", audits.AuditDetailView.as_view(), name="audit_detail"),
    path("<int:pk>/mystery-link/", audits.MysteryLinkCreateView.as_view(), name="audit_mystery_link"),
    path("photos/<int:pk>/", audits.AuditAnswerPhotoView.as_view(), name="answer_photo_file"),
    path("visit/<str:token>/", mystery.MysteryGuestView.as_view(), name="mystery_guest"),
    path("actions/", actions.ActionListView.as_view(), name="action_list"),
    path("actions/<int:pk>/", actions.ActionDetailView.as_view(), name="action_detail"),
    path("actions/<int:pk>/move/", actions.ActionMoveView.as_view(), name="action_move"),
    path("actions/<int:pk>/owner/", actions.ActionReassignView.as_view(), name="action_reassign"),
    path("actions/photos/<int:pk>/", actions.ActionPhotoFileView.as_view(), name="action_photo_file"),
    path("findings/<int:pk>/people/", actions.FindingStaffView.as_view(), name="finding_staff"),
]
