from csp.decorators import csp_update
from django.urls import path
from rest_framework.permissions import AllowAny
from drf_spectacular.views import SpectacularAPIView

from .views import cases, facilities, guests, reference
from .views.docs import DocsView

app_name = "api"

# Ids are matched as any text and looked up by `object_or_404`: a malformed id is a JSON 404 like
# a missing one, never the HTML page of an unmatched address.
urlpatterns = [
    path("v1/cases/", cases.CaseListView.as_view(), name="case_list"),
    path("v1/cases/<str:pk>/", cases.CaseDetailView.as_view(), name="case_detail"),
    path("v1/cases/<str:pk>/moves/", cases.CaseMoveView.as_view(), name="case_move"),
    path("v1/cases/<str:pk>/notes/", cases.CaseNoteView.as_view(), name="case_note"),
    path("v1/work-orders/", facilities.WorkOrderListView.as_view(), name="workorder_list"),
    path("v1/work-orders/<str:pk>/", facilities.WorkOrderDetailView.as_view(), name="workorder_detail"),
    path("v1/work-orders/<str:pk>/moves/", facilities.WorkOrderMoveView.as_view(), name="workorder_move"),
    path("v1/inspections/", facilities.InspectionListView.as_view(), name="inspection_list"),
    path("v1/inspections/<str:pk>/", facilities.InspectionDetailView.as_view(), name="inspection_detail"),
    path("v1/inspections/<str:pk>/moves/", facilities.InspectionMoveView.as_view(), name="inspection_move"),
    path("v1/guests/", guests.GuestUpsertView.as_view(), name="guest_upsert"),
    path("v1/stays/", guests.StayUpsertView.as_view(), name="stay_upsert"),
    path("v1/stays/batch/", guests.StayBatchView.as_view(), name="stay_batch"),
    path("v1/kpis/", reference.KpiListView.as_view(), name="kpi_list"),
    path("v1/properties/", reference.PropertyListView.as_view(), name="property_list"),
    path("v1/departments/", reference.DepartmentListView.as_view(), name="department_list"),
    path("v1/categories/", reference.CategoryListView.as_view(), name="category_list"),
    path("schema/", SpectacularAPIView.as_view(permission_classes=[AllowAny], authentication_classes=[]), name="schema"),
    # Swagger UI sets a few inline styles; scripts stay 'self' only (its files are ours, from the sidecar).
    path("docs/", csp_update({"style-src": ["'self'", "'unsafe-inline'"]})(
        DocsView.as_view(url_name="api:schema", template_name="api/swagger_ui.html", permission_classes=[AllowAny], authentication_classes=[])
    ), name="docs"),
]
