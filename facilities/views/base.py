"""Shared view plumbing: every facilities view is built on the foundation's scoping mixins."""

import segno
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.safestring import mark_safe
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from hotelqa.exports import ExportMixin
from hotelqa.mixins import PropertyListMixin
from hotelqa.permissions import user_can


class FilteredListView(ExportMixin, PropertyListMixin, SingleTableMixin, FilterView):
    """List of the active property's records with a filter form and a paginated table; exports
    as CSV and XLSX with the same filters (set `export_name`)."""

    paginate_by = 25
    template_name = "facilities/list.html"
    title = ""
    create_url = None
    create_permission = None
    extra_links = ()

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["property"] = self.request.property
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = self.title
        if self.create_url and user_can(self.request.user, self.create_permission, self.request.property):
            context["create_url"] = self.create_url
        context["extra_links"] = [
            (url, label) for url, label, perm in self.extra_links if user_can(self.request.user, perm, self.request.property)
        ]
        return context


class PropertyFormKwargsMixin:
    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["property"] = getattr(self, "object", None).property if getattr(self, "object", None) else self.request.property
        return kwargs


def can(request, perm, property=None):
    return user_can(request.user, perm, property or request.property)


def qr_svg(url):
    """Inline SVG of a QR code for `url` (no image files, no external service)."""
    return mark_safe(segno.make(url, error="m").svg_inline(scale=4, border=2, omitsize=True))


def add_errors(form, exc: ValidationError):
    """Put a service's ValidationError next to the fields it names, else on the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def message_errors(request, exc: ValidationError):
    for msg in exc.messages:
        messages.error(request, msg)
