from .assessment_urls import urlpatterns as assessment_urlpatterns
from .urls_audits import urlpatterns as audit_urlpatterns

app_name = "audits"

urlpatterns = [] + audit_urlpatterns + assessment_urlpatterns
