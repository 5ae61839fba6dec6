from django.urls import path

from . import routing_views, views

app_name = "complaints"

urlpatterns = [
    path("", views.CaseListView.as_view(), name="case_list"),
    path("mine/", views.CaseListView.as_view(scope="mine"), name="case_mine"),
    path("department/", views.CaseListView.as_view(scope="department"), name="case_department"),
    path("export.csv", views.CaseExportView.as_view(), name="case_export"),
    path("new/", views.CaseCreateView.as_view(), name="case_create"),
    path("new/suggest/", views.CaseSuggestView.as_view(), name="case_suggest"),
    path("<int:pk>/", views.CaseDetailView.as_view(), name="case_detail"),
    path("<int:pk>/step/<str:to>/", views.CaseTransitionView.as_view(), name="case_transition"),
    path("photos/<int:pk>/", views.CasePhotoFileView.as_view(), name="case_photo_file"),
    path("<int:pk>/assign/", views.CaseReassignView.as_view(), name="case_reassign"),
    path("<int:pk>/translation/", views.CaseTranslationView.as_view(), name="case_translation"),
    path("<int:pk>/recovery/", views.RecoveryCreateView.as_view(), name="recovery_create"),
    path("recovery/<int:pk>/decide/", views.RecoveryDecideView.as_view(), name="recovery_decide"),
    path("revisits/", views.RevisitListView.as_view(), name="revisit_list"),
    path("revisits/<int:pk>/", views.RevisitRecordView.as_view(), name="revisit_record"),
    path("rooms/labels/", views.RoomLabelListView.as_view(), name="room_labels"),
    path("rooms/<int:pk>/rotate/", views.RoomTokenRotateView.as_view(), name="room_rotate"),
    path("routing-rules/", routing_views.RoutingRuleListView.as_view(), name="routingrule_list"),
    path("routing-rules/new/", routing_views.RoutingRuleCreateView.as_view(), name="routingrule_create"),
    path("routing-rules/standard/", routing_views.RoutingRuleSeedView.as_view(), name="routingrule_seed"),
    path("routing-rules/<int:pk>/", routing_views.RoutingRuleUpdateView.as_view(), name="routingrule_update"),
    path("routing-rules/<int:pk>/delete/", routing_views.RoutingRuleDeleteView.as_view(), name="routingrule_delete"),
    path("g/<str:token>/", views.GuestPageView.as_view(), name="guest_page"),
    path("g/<str:token>/thanks/", views.GuestThanksView.as_view(), name="guest_thanks"),
]
