"""Merging two profiles, a guest's data export and anonymization."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, FormView

from hotelqa.audit import audit_record
from hotelqa.forms import add_service_errors
from hotelqa.models import AuditAction
from hotelqa.shortcuts import object_or_none

from .. import selectors, services
from ..forms import AnonymizeForm, MergeForm
from ..models import Guest
from .guests import GuestObjectMixin


@method_decorator(never_cache, name="dispatch")
class GuestMergeView(GuestObjectMixin, FormView):
    """Merge another profile of the same person into this one (admins)."""

    permission_required = "crm.merge_guest"
    form_class = MergeForm
    template_name = "crm/guest_merge.html"

    def get_initial(self):
        return {"other": self.request.GET.get("other") or None}

    def get_context_data(self, **kwargs):
        guest = self.guest()
        form = kwargs.get("form")
        other_id = (form.data.get("other") if form is not None and form.is_bound else None) or self.request.GET.get("other")
        other = object_or_none(Guest.objects.active(), other_id) if other_id else None
        if other is not None:
            audit_record(action=AuditAction.GUEST_PROFILE_VIEW, request=self.request, obj=other, property=self.request.property)
        return super().get_context_data(guest=guest, other=other if other is not None and other.pk != guest.pk else None,
                                        duplicates=selectors.guest_duplicates(guest), **kwargs)

    def guest(self):
        if not hasattr(self, "_guest"):
            from django.shortcuts import get_object_or_404

            self._guest = get_object_or_404(self.get_queryset().active(), pk=self.kwargs["pk"])
        return self._guest

    def form_valid(self, form):
        guest = self.guest()
        other = object_or_none(Guest.objects.all(), form.cleaned_data["other"])
        if other is None:
            form.add_error("other", _("There is no guest with this number."))
            return self.form_invalid(form)
        try:
            merge = services.guest_merge(target=guest, source=other, actor=self.request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        moved = sum(merge.moved.values())
        messages.success(self.request, _("Profile #%(source)s merged into this one; %(n)d records moved.") % {"source": merge.source_id, "n": moved})
        return redirect(reverse("crm:guest_detail", args=[guest.pk]))


@method_decorator(never_cache, name="dispatch")
class GuestExportView(GuestObjectMixin, DetailView):
    """Everything held about one guest, as JSON or XLSX, on the guest's request (recorded)."""

    permission_required = "crm.export_guest_data"

    def get(self, request, *args, **kwargs):
        guest = self.get_object()
        fmt = request.GET.get("format", "json")
        if fmt not in ("json", "xlsx"):
            fmt = "json"
        audit_record(action=AuditAction.GUEST_DATA_EXPORT, request=request, obj=guest, property=request.property)
        if fmt == "xlsx":
            body, content_type = services.guest_export_xlsx(guest), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        else:
            body, content_type = services.guest_export_json(guest), "application/json; charset=utf-8"
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="guest-{guest.pk}.{fmt}"'
        return response


@method_decorator(never_cache, name="dispatch")
class GuestAnonymizeView(GuestObjectMixin, FormView):
    permission_required = "crm.anonymize_guest"
    form_class = AnonymizeForm
    template_name = "crm/guest_anonymize.html"

    def guest(self):
        if not hasattr(self, "_guest"):
            from django.shortcuts import get_object_or_404

            self._guest = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        return self._guest

    def get_context_data(self, **kwargs):
        return super().get_context_data(guest=self.guest(), **kwargs)

    def form_valid(self, form):
        guest = self.guest()
        try:
            services.guest_anonymize(guest=guest, actor=self.request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("The guest's personal data was erased. Their stays and cases are kept without it."))
        return redirect(reverse("crm:guest_detail", args=[guest.pk]))
