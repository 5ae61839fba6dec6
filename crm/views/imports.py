"""PMS stay import: upload, map the columns, preview, import (whole or not at all)."""

from django.contrib import messages
from django.core.files.base import ContentFile
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, FormView, ListView

from hotelqa.mixins import PropertyListMixin, PropertyObjectMixin, PropertyRequiredMixin

from .. import importing
from ..choices import ImportStatus
from ..forms import StayImportMappingForm, StayImportUploadForm
from ..models import StayImport, StayImportMapping
from ..services import imports as import_services


class StayImportListView(PropertyListMixin, ListView):
    model = StayImport
    permission_required = "crm.import_stays"
    template_name = "crm/import_list.html"
    context_object_name = "imports"
    paginate_by = 25

    def get_queryset(self):
        return super().get_queryset().select_related("uploaded_by")


class StayImportUploadView(PropertyRequiredMixin, FormView):
    permission_required = "crm.import_stays"
    form_class = StayImportUploadForm
    template_name = "crm/import_upload.html"

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        content = upload.read()
        try:
            import io

            table = importing.read_table(io.BytesIO(content), upload.name)
        except importing.ImportFileError as exc:
            form.add_error("file", str(exc))
            return self.form_invalid(form)
        with transaction.atomic():
            stay_import = StayImport(property=self.request.property, uploaded_by=self.request.user, file_name=upload.name[:200],
                                     total_rows=len(table.rows))
            stay_import.file.save(f"stays{'.xlsx' if upload.name.lower().endswith('.xlsx') else '.csv'}", ContentFile(content), save=False)
            stay_import.save()
        return redirect(reverse("crm:stayimport_detail", args=[stay_import.pk]))


@method_decorator(never_cache, name="dispatch")
class StayImportDetailView(PropertyObjectMixin, DetailView):
    """One import: the column mapping (remembered per property), then the preview with every
    refused row, then the import; a large file shows its progress."""

    model = StayImport
    permission_required = "crm.import_stays"
    template_name = "crm/import_detail.html"
    context_object_name = "stay_import"

    def header(self):
        try:
            return import_services.import_table(self.object).header
        except (importing.ImportFileError, OSError):
            return []

    def mapping_form(self, data=None):
        header = self.header()
        remembered = StayImportMapping.objects.filter(property=self.object.property).values_list("mapping", flat=True).first()
        initial = self.object.mapping or importing.guess_mapping(header, remembered)
        return StayImportMappingForm(data, header=header, initial=initial)

    def get_context_data(self, **kwargs):
        imp = self.object
        kwargs.setdefault("form", self.mapping_form() if imp.status in (ImportStatus.MAPPING, ImportStatus.PREVIEW, ImportStatus.FAILED) else None)
        busy = imp.status in (ImportStatus.QUEUED, ImportStatus.RUNNING)
        saved_rows = import_services.import_saved_rows(imp) if busy and imp.confirmed else None
        percent = min(100, 100 * saved_rows // imp.total_rows) if saved_rows is not None and imp.total_rows else imp.progress
        return super().get_context_data(fields=importing.FIELDS, busy=busy, saved_rows=saved_rows, percent=percent, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object = imp = self.get_object()
        if request.POST.get("action") == "import":
            if imp.status != ImportStatus.PREVIEW:
                messages.error(request, _("Check the file first: only a file with no refused row is imported."))
                return redirect(request.path)
            import_services.import_start(stay_import=imp, confirmed=True)
            if imp.status == ImportStatus.DONE:
                messages.success(request, _("%(created)d stays added, %(updated)d updated, %(unchanged)d unchanged.") % {
                    "created": imp.created, "updated": imp.updated, "unchanged": imp.unchanged})
            return redirect(request.path)
        if imp.status not in (ImportStatus.MAPPING, ImportStatus.PREVIEW, ImportStatus.FAILED):
            return redirect(request.path)
        form = self.mapping_form(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        mapping = {k: v for k, v in form.cleaned_data.items() if v}
        chosen = [v for v in mapping.values()]
        if len(chosen) != len(set(chosen)):
            form.add_error(None, _("Each column can hold one field only."))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        import_services.import_set_mapping(stay_import=imp, mapping=mapping, actor=request.user)
        imp.status = ImportStatus.MAPPING
        imp.save(update_fields=["status"])
        import_services.import_start(stay_import=imp, confirmed=False)
        return redirect(request.path)


@method_decorator(never_cache, name="dispatch")
class StayImportProgressView(StayImportDetailView):
    """The progress bar's htmx refresh; answers 286 (htmx: stop polling) once the run ended."""

    template_name = "crm/partials/import_progress.html"

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if self.object.status not in (ImportStatus.QUEUED, ImportStatus.RUNNING):
            response["HX-Refresh"] = "true"
        return response
