from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from .forms import AdminLoginForm, LoginForm
from .views import admin_pages, dashboard, downloads, health, organisation, reports, shell

admin.site.login_form = AdminLoginForm

urlpatterns = [
    path("", shell.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("favicon.ico", shell.favicon, name="favicon"),
    path("i18n/setlang/", shell.language_switch, name="set_language"),
    path("accounts/login/", auth_views.LoginView.as_view(redirect_authenticated_user=True, authentication_form=LoginForm), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("accounts/password/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("accounts/password/done/", auth_views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("property/switch/", shell.property_switch, name="property_switch"),
    path("notifications/", shell.notification_list, name="notification_list"),
    path("notifications/<int:pk>/open/", shell.notification_open, name="notification_open"),
    path("notifications/read-all/", shell.notification_mark_all_read, name="notification_mark_all_read"),
    path("departments/", organisation.DepartmentListView.as_view(), name="department_list"),
    path("departments/<int:pk>/", organisation.DepartmentDetailView.as_view(), name="department_detail"),
    path("dashboard/", dashboard.DashboardView.as_view(), name="dashboard"),
    path("dashboard/kpi/<str:code>/", dashboard.KpiDetailView.as_view(), name="kpi_detail"),
    path("downloads/", downloads.DownloadListView.as_view(), name="download_list"),
    path("downloads/<int:pk>/row/", downloads.DownloadRowView.as_view(), name="download_row"),
    path("downloads/<int:pk>/file/", downloads.DownloadFileView.as_view(), name="download_file"),
    path("reports/monthly/", reports.MonthlyReportView.as_view(), name="monthly_report"),
    path("settings/kpi-targets/", admin_pages.KpiTargetListView.as_view(), name="kpi_target_list"),
    path("settings/kpi-targets/<str:code>/", admin_pages.KpiTargetEditView.as_view(), name="kpi_target_edit"),
    path("settings/audit/", admin_pages.AuditTrailView.as_view(), name="audit_list"),
    path("settings/jobs/", admin_pages.JobListView.as_view(), name="job_list"),
    path("settings/jobs/<str:name>/run/", admin_pages.JobRunNowView.as_view(), name="job_run_now"),
    path("facilities/", include("facilities.urls")),
    path("complaints/", include("complaints.urls")),
    path("training/", include("training.urls")),
    path("crm/", include("crm.urls")),
    path("audits/", include("audits.urls")),
    path("api/", include("api.urls")),
    path("admin/", admin.site.urls),
]
# Uploaded files are never served from MEDIA_URL: each app's views hand them out after checking
# that the user may see the record they belong to (hotelqa.uploads.protected_file_response).
