from django.urls import path

from .views import courses, edit, personas, plan, proposals, sessions, staff

app_name = "training"

urlpatterns = [
    path("", personas.TrainerHomeView.as_view(), name="home"),
    path("me/", staff.MyTrainingView.as_view(), name="mine"),
    path("staff/", staff.StaffListView.as_view(), name="staff_list"),
    path("staff/new/", staff.StaffCreateView.as_view(), name="staff_create"),
    path("staff/<int:pk>/", staff.StaffDetailView.as_view(), name="staff_detail"),
    path("staff/<int:pk>/edit/", staff.StaffUpdateView.as_view(), name="staff_update"),
    path("staff/<int:pk>/level/", staff.StaffLevelView.as_view(), name="staff_level"),
    path("courses/", courses.CourseListView.as_view(), name="course_list"),
    path("courses/new/", courses.CourseCreateView.as_view(), name="course_create"),
    path("courses/<int:pk>/", courses.CourseDetailView.as_view(), name="course_detail"),
    path("courses/<int:pk>/edit/", courses.CourseUpdateView.as_view(), name="course_update"),
    path("plan/", plan.PlanView.as_view(), name="plan"),
    path("plan/add/", plan.PlanAddView.as_view(), name="plan_add"),
    path("plan/<int:pk>/edit/", edit.PlanItemEditView.as_view(), name="planitem_update"),
    path("sessions/", sessions.SessionListView.as_view(), name="session_list"),
    path("sessions/new/", sessions.SessionCreateView.as_view(), name="session_create"),
    path("sessions/<int:pk>/edit/", edit.SessionEditView.as_view(), name="session_update"),
    path("sessions/<int:pk>/cancel/", edit.SessionCancelView.as_view(), name="session_cancel"),
    path("sessions/<int:pk>/", sessions.SessionDetailView.as_view(), name="session_detail"),
    path("sessions/<int:pk>/tap/", sessions.SessionTapView.as_view(), name="session_tap"),
    path("sessions/<int:pk>/invite/", sessions.SessionInviteView.as_view(), name="session_invite"),
    path("sessions/<int:pk>/scores/", sessions.SessionScoresView.as_view(), name="session_scores"),
    path("check-in/<str:token>/", sessions.SessionCheckInView.as_view(), name="session_checkin"),
    path("needs/", proposals.ProposalListView.as_view(), name="proposal_list"),
    path("needs/new/", edit.NeedCreateView.as_view(), name="proposal_create"),
    path("needs/<int:pk>/", proposals.ProposalDetailView.as_view(), name="proposal_detail"),
    path("needs/<int:pk>/<slug:action>/", proposals.ProposalDecideView.as_view(), name="proposal_decide"),
    path("certificates/", personas.CertificationListView.as_view(), name="certification_list"),
    path("certificates/new/", personas.CertificationCreateView.as_view(), name="certification_create"),
]
