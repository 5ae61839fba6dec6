"""Assets, locations (rooms/areas) and categories; QR labels and the phone page a scan opens."""

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import pgettext
from django.views.generic import DetailView, FormView, ListView

from hotelqa.exports import ExportMixin
from hotelqa.lists import FilteredListView, PropertyCreateView, PropertyUpdateView
from hotelqa.mixins import (
    PropertyListMixin,
    PropertyObjectMixin,
    PropertyRequiredMixin,
    can,
)
from hotelqa.ui import qr_svg

from .. import importing
from ..choices import InspectionStatus
from ..filters import AssetFilter, LocationFilter
from ..forms import AdhocInspectionForm, AssetCategoryForm, AssetForm, AssetImportForm, LocationForm
from ..models import Asset, AssetCategory, Inspection, Location, WorkOrder
from ..tables import AssetTable, LocationTable


class AssetListView(FilteredListView):
    model = Asset
    export_name = "assets"
    queryset = Asset.objects.select_related("category", "location")
    filterset_class = AssetFilter
    table_class = AssetTable
    title = gettext_lazy("Assets")
    create_url = reverse_lazy("facilities:asset_create")
    extra_links = (
        (reverse_lazy("facilities:asset_labels"), gettext_lazy("Print QR labels"), "facilities.view_asset"),
        (reverse_lazy("facilities:asset_import"), gettext_lazy("Import"), "facilities.add_asset"),
        (reverse_lazy("facilities:location_list"), gettext_lazy("Rooms and areas"), "facilities.view_location"),
        (reverse_lazy("facilities:category_list"), gettext_lazy("Categories"), "facilities.view_assetcategory"),
    )


class AssetCreateView(PropertyCreateView):
    model = Asset
    form_class = AssetForm
    title = gettext_lazy("New asset")


class AssetUpdateView(PropertyUpdateView):
    model = Asset
    form_class = AssetForm
    title = gettext_lazy("Edit asset")


class AssetDetailView(PropertyObjectMixin, DetailView):
    model = Asset
    queryset = Asset.objects.select_related("category", "location")
    permission_required = "facilities.view_asset"
    template_name = "facilities/asset_detail.html"

    def get_context_data(self, **kwargs):
        asset = self.object
        return super().get_context_data(
            inspections=Inspection.objects.filter(asset=asset).select_related("version__template", "submitted_by")[:20],
            work_orders=WorkOrder.objects.filter(asset=asset).select_related("assignee")[:20],
            qr=qr_svg(self.request.build_absolute_uri(reverse("facilities:asset_scan", args=[asset.pk]))),
            can_edit=can(self.request, "facilities.change_asset", asset.property),
            **kwargs,
        )


class AssetLabelView(PropertyObjectMixin, DetailView):
    """A printable label: QR code, tag and name."""

    model = Asset
    permission_required = "facilities.view_asset"
    template_name = "facilities/label.html"

    def get_context_data(self, **kwargs):
        url = self.request.build_absolute_uri(reverse("facilities:asset_scan", args=[self.object.pk]))
        labels = [{"qr": qr_svg(url), "title": self.object.code, "subtitle": self.object.display_name, "where": self.object.location}]
        return super().get_context_data(labels=labels, **kwargs)


class AssetLabelsView(PropertyListMixin, ListView):
    """Sheet of QR labels for the assets in the current filter."""

    model = Asset
    permission_required = "facilities.view_asset"
    template_name = "facilities/label.html"
    paginate_by = 30

    def get_queryset(self):
        qs = super().get_queryset().select_related("location")
        return AssetFilter(self.request.GET, queryset=qs, property=self.request.property).qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["labels"] = [
            {"qr": qr_svg(self.request.build_absolute_uri(reverse("facilities:asset_scan", args=[a.pk]))),
             "title": a.code, "subtitle": a.display_name, "where": a.location}
            for a in context["object_list"]
        ]
        return context


class ScanMixin:
    """The phone page a QR label opens: continue an open inspection, start one, or report a defect."""

    template_name = "facilities/scan.html"

    def scan_context(self, *, asset=None, location=None):
        target = asset or location
        inspections = Inspection.objects.filter(status__in=InspectionStatus.open_values()).select_related("version__template")
        inspections = inspections.filter(asset=asset) if asset else inspections.filter(location=location, asset__isnull=True)
        report_url = reverse("facilities:workorder_create") + (f"?asset={asset.pk}" if asset else f"?location={location.pk}")
        return {
            "target": target,
            "asset": asset,
            "location": location,
            "open_inspections": inspections.order_by("-due_end")[:3],
            "adhoc_form": AdhocInspectionForm(property=target.property),
            "can_inspect": can(self.request, "facilities.change_inspection", target.property),
            "can_start": can(self.request, "facilities.add_inspection", target.property),
            "can_report": can(self.request, "facilities.add_workorder", target.property),
            "report_url": report_url,
        }


class AssetScanView(PropertyObjectMixin, ScanMixin, DetailView):
    model = Asset
    queryset = Asset.objects.select_related("location", "category")
    permission_required = "facilities.view_asset"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**self.scan_context(asset=self.object), **kwargs)


class AssetImportView(PropertyRequiredMixin, FormView):
    """Upload → preview with per-row errors → confirm. Nothing is saved while any row has an error."""

    permission_required = "facilities.add_asset"
    form_class = AssetImportForm
    template_name = "facilities/asset_import.html"
    session_key = "facilities_asset_import"

    def form_valid(self, form):
        try:
            raw = importing.read_table(form.cleaned_data["file"])
        except importing.ImportFileError as exc:
            form.add_error("file", str(exc))
            return self.form_invalid(form)
        rows = importing.check_rows(property=self.request.property, rows=raw)
        has_errors = any(r.errors for r in rows)
        if has_errors:
            self.request.session.pop(self.session_key, None)
        else:
            self.request.session[self.session_key] = {
                "property": self.request.property.pk, "rows": importing.rows_to_session(rows)}
        return self.render_to_response(self.get_context_data(form=form, rows=rows, has_errors=has_errors,
                                                             error_count=sum(1 for r in rows if r.errors)))

    def post(self, request, *args, **kwargs):
        if "confirm" not in request.POST:
            return super().post(request, *args, **kwargs)
        stored = request.session.pop(self.session_key, None)
        if not stored or stored["property"] != request.property.pk:
            messages.error(request, _("Upload the file again: the preview has expired."))
            return redirect("facilities:asset_import")
        rows = importing.check_rows(
            property=request.property, rows=importing.rows_from_session(property=request.property, data=stored["rows"]))
        try:
            count = importing.assets_import(property=request.property, rows=rows)
        except importing.ImportFileError:
            messages.error(request, _("The data changed since the preview; nothing was imported. Check the rows below."))
            return self.render_to_response(self.get_context_data(form=self.get_form_class()(), rows=rows, has_errors=True,
                                                                 error_count=sum(1 for r in rows if r.errors)))
        messages.success(request, _("%(count)d assets imported.") % {"count": count})
        return redirect("facilities:asset_list")


class LocationListView(FilteredListView):
    model = Location
    export_name = "locations"
    queryset = Location.objects.annotate(asset_count=Count("assets")).order_by("building", "floor", "name")
    filterset_class = LocationFilter
    table_class = LocationTable
    title = gettext_lazy("Rooms and areas")
    create_url = reverse_lazy("facilities:location_create")
    extra_links = ((reverse_lazy("facilities:location_labels"), gettext_lazy("Print QR labels"), "facilities.view_location"),)


class LocationCreateView(PropertyCreateView):
    model = Location
    form_class = LocationForm
    title = gettext_lazy("New room or area")


class LocationUpdateView(PropertyUpdateView):
    model = Location
    form_class = LocationForm
    title = gettext_lazy("Edit room or area")


class LocationDetailView(PropertyObjectMixin, ScanMixin, DetailView):
    """A room/area's page is also what its QR label opens."""

    model = Location
    permission_required = "facilities.view_location"

    def get_context_data(self, **kwargs):
        loc = self.object
        return super().get_context_data(
            **self.scan_context(location=loc),
            assets=loc.assets.select_related("category")[:50],
            qr=qr_svg(self.request.build_absolute_uri(loc.get_absolute_url())),
            can_edit=can(self.request, "facilities.change_location", loc.property),
            **kwargs,
        )


class LocationLabelsView(PropertyListMixin, ListView):
    """Sheet of QR labels for the rooms/areas in the current filter (A4, 3 per row)."""

    model = Location
    permission_required = "facilities.view_location"
    template_name = "facilities/label.html"
    paginate_by = 30

    def get_queryset(self):
        return LocationFilter(self.request.GET, queryset=super().get_queryset(), property=self.request.property).qs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["labels"] = [
            {"qr": qr_svg(self.request.build_absolute_uri(loc.get_absolute_url())), "title": loc.display_name,
             "subtitle": loc.get_area_type_display(), "where": loc}
            for loc in context["object_list"]
        ]
        return context


class CategoryListView(ExportMixin, PropertyListMixin, ListView):
    model = AssetCategory
    permission_required = "facilities.view_assetcategory"
    template_name = "facilities/category_list.html"
    paginate_by = 50
    export_name = "asset-categories"

    def export_columns(self):
        return [
            (pgettext("thing", "Name"), lambda c: c.name), (_("Chinese name"), lambda c: c.name_zh), (_("Code"), lambda c: c.code),
            (_("Typical service life (years)"), lambda c: c.default_life_years), (_("Assets"), lambda c: c.asset_count),
        ]

    def get_queryset(self):
        return super().get_queryset().annotate(asset_count=Count("assets")).order_by("name")

    def get_context_data(self, **kwargs):
        return super().get_context_data(can_edit=can(self.request, "facilities.change_assetcategory"), **kwargs)


class CategoryCreateView(PropertyCreateView):
    model = AssetCategory
    form_class = AssetCategoryForm
    success_url = reverse_lazy("facilities:category_list")
    title = gettext_lazy("New asset category")


class CategoryUpdateView(PropertyUpdateView):
    model = AssetCategory
    form_class = AssetCategoryForm
    success_url = reverse_lazy("facilities:category_list")
    title = gettext_lazy("Edit asset category")
