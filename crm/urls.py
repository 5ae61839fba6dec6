from django.urls import path

from . import views

app_name = "crm"

urlpatterns = [
    path("guests/", views.GuestListView.as_view(), name="guest_list"),
    path("guests/search/", views.GuestSearchView.as_view(), name="guest_search"),
    path("guests/<int:pk>/", views.GuestDetailView.as_view(), name="guest_detail"),
]
