"""The docs page: Swagger UI, served from the application's own files."""

from django.conf import settings
from django.utils import translation
from drf_spectacular.plumbing import set_query_parameters
from drf_spectacular.views import SpectacularSwaggerSplitView


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI (English only: it has no translations) showing the schema in the reader's language."""

    def _get_schema_url(self, request):
        url = super()._get_schema_url(request)
        if request.GET.get("lang") or not settings.USE_I18N:
            return url
        return set_query_parameters(url, lang=translation.get_language())
