"""Work orders: report a defect, follow it through its states, attach photos; SLA settings."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.forms import modelformset_factory
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.utils.translation import pgettext_lazy
from django.views.generic import DetailView, FormView
from django.views.generic.base import View
from django.views.generic.detail import SingleObjectMixin

from hotelqa.forms import add_service_errors, keep_input_after_stale, message_errors, refuse_if_stale
from hotelqa.lists import FilteredListView
from hotelqa.mixins import PropertyObjectMixin, PropertyRequiredMixin, can
from hotelqa.shortcuts import object_or_none
from hotelqa.uploads import ProtectedFileView
from hotelqa.workflow import StaleEdit

from .. import services
from ..choices import Priority, WorkOrderSource, WorkOrderStatus
from ..filters import WorkOrderFilter
from ..forms import WorkOrderActionForm, WorkOrderPhotoForm, WorkOrderReportForm, WorkOrderSlaForm
from ..models import Asset, Location, WorkOrder, WorkOrderPhoto, WorkOrderSla
from ..tables import WorkOrderTable


class WorkOrderFromRecordView(PropertyRequiredMixin, View):
    """Open a work order from another app's record (a complaint whose root cause is an equipment
    failure), linked to it both ways through `WorkOrder.origin`."""

    http_method_names = ["post"]

    def check_active_property_permission(self):
        return True  # checked against the record's own property below

    def post(self, request, origin_type, origin_id):
        from django.contrib.contenttypes.models import ContentType
        from django.http import Http404

        from hotelqa.choices import DepartmentKind
        from hotelqa.models import Department, PropertyScopedModel
        from hotelqa.permissions import user_can

        try:
            model = ContentType.objects.get(pk=origin_type).model_class()
        except ContentType.DoesNotExist:
            raise Http404
        if model is None or not issubclass(model, PropertyScopedModel):
            raise Http404
        try:
            # Only records at the user's own properties: another hotel's record is a 404.
            origin = model.objects.for_user(request.user).select_related("property").get(pk=origin_id)
        except model.DoesNotExist:
            raise Http404
        if not user_can(request.user, "facilities.add_workorder", origin.property):
            raise PermissionDenied
        back = origin.get_absolute_url()
        asset = None
        if request.POST.get("asset"):
            asset = Asset.objects.filter(property=origin.property, pk=request.POST["asset"]).first() if request.POST["asset"].isdigit() else None
            if asset is None:
                messages.error(request, _("Choose an asset of this hotel."))
                return redirect(back)
        priority = request.POST.get("priority") if request.POST.get("priority") in Priority.values else Priority.HIGH
        room = getattr(origin, "room_number", "")
        location = asset.location if asset else Location.objects.filter(property=origin.property, name__iexact=room).first() if room else None
        text = getattr(origin, "description", "") or str(origin)
        work_order = services.work_order_create(
            property=origin.property, actor=request.user, title=text[:200], priority=priority, asset=asset, location=location,
            description=_("From %(record)s, room %(room)s.") % {"record": origin, "room": room or "—"},
            source=WorkOrderSource.COMPLAINT, origin=origin,
            department=Department.objects.filter(property=origin.property, kind=DepartmentKind.ENGINEERING).first(),
        )
        messages.success(request, _("Work order %(number)s opened.") % {"number": work_order.number})
        return redirect(back)


class WorkOrderListView(FilteredListView):
    model = WorkOrder
    export_name = "work-orders"
    queryset = WorkOrder.objects.select_related("asset", "location", "assignee", "department")
    permission_required = "facilities.view_workorder"
    filterset_class = WorkOrderFilter
    table_class = WorkOrderTable
    title = gettext_lazy("Work orders")
    create_url = reverse_lazy("facilities:workorder_create")
    create_permission = "facilities.add_workorder"
    extra_links = ((reverse_lazy("facilities:sla_edit"), gettext_lazy("SLA settings"), "facilities.change_workordersla"),)


class WorkOrderCreateView(PropertyRequiredMixin, FormView):
    """Report a defect (also where a QR scan's "report a defect" leads)."""

    permission_required = "facilities.add_workorder"
    form_class = WorkOrderReportForm
    template_name = "hotelqa/form.html"
    extra_context = {"title": gettext_lazy("Report a defect"), "multipart": True}

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["property"] = self.request.property
        return kwargs

    def get_initial(self):
        initial = {}
        prop = self.request.property
        asset = object_or_none(Asset.objects.for_property(prop), self.request.GET.get("asset"))
        if asset:
            initial.update(asset=asset, location=asset.location_id)
        location = object_or_none(Location.objects.for_property(prop), self.request.GET.get("location"))
        if location:
            initial["location"] = location
        from hotelqa.choices import DepartmentKind

        engineering = prop.departments.filter(kind=DepartmentKind.ENGINEERING).first()
        if engineering:
            initial["department"] = engineering
        return initial

    def form_valid(self, form):
        data = form.cleaned_data
        work_order = services.work_order_create(
            property=self.request.property, actor=self.request.user, title=data["title"], description=data["description"],
            priority=data["priority"], department=data["department"], asset=data["asset"], location=data["location"],
            photos=[data["photo"]] if data.get("photo") else [],
        )
        messages.success(self.request, _("Work order %(number)s opened.") % {"number": work_order.number})
        return redirect(work_order)


ACTION_LABELS = {
    WorkOrderStatus.ASSIGNED: gettext_lazy("Assign"),
    WorkOrderStatus.IN_PROGRESS: pgettext_lazy("work order", "Start work"),
    WorkOrderStatus.DONE: pgettext_lazy("work order", "Mark done"),
    WorkOrderStatus.VERIFIED: gettext_lazy("Verify"),
    WorkOrderStatus.REOPENED: pgettext_lazy("work order", "Reopen"),
}


class WorkOrderDetailView(PropertyObjectMixin, DetailView):
    model = WorkOrder
    queryset = WorkOrder.objects.select_related(
        "asset", "location", "assignee", "department", "reported_by", "inspection__version__template", "answer__item", "category")
    permission_required = "facilities.view_workorder"
    template_name = "facilities/workorder_detail.html"

    def get_context_data(self, form=None, **kwargs):
        wo = self.object
        moves = services.allowed_moves(work_order=wo, user=self.request.user)
        actions = [
            {"to": to, "label": ACTION_LABELS[to],
             "form": form if form is not None and form.data.get("to_status") == to else
             WorkOrderActionForm(property=wo.property, initial={"to_status": to, "assignee": wo.assignee_id, "version": wo.version})}
            for to in moves
        ]
        return super().get_context_data(
            actions=actions,
            history=wo.history.select_related("actor"),
            photos=wo.photos.all(),
            escalations=wo.escalations.all(),
            photo_form=WorkOrderPhotoForm(),
            can_photo=wo.status != WorkOrderStatus.VERIFIED and can(self.request, "facilities.add_workorder", wo.property),
            **kwargs,
        )


class WorkOrderTransitionView(PropertyObjectMixin, SingleObjectMixin, View):
    model = WorkOrder
    permission_required = "facilities.view_workorder"  # the move itself is checked by the service
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        self.object = wo = self.get_object()
        form = WorkOrderActionForm(request.POST, property=wo.property)
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.work_order_transition(
                    work_order=wo, to_status=data["to_status"], actor=request.user, note=data["note"],
                    assignee=data["assignee"], resolution=data["resolution"], parts=data["parts"] or None,
                    cost=data["cost"], expected_version=data["version"])
            except PermissionDenied:
                raise
            except StaleEdit:
                wo.refresh_from_db()
                stale = _(
                    "Someone else changed this work order while you were looking at it; it is now “%(status)s”. "
                    "Your input is kept below: check the history, then save again.") % {"status": wo.get_status_display()}
                messages.error(request, stale)
                form = keep_input_after_stale(form, version=wo.version, message=stale)
                status = 409
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Work order %(number)s is now %(status)s.") % {
                    "number": wo.number, "status": WorkOrderStatus(data["to_status"]).label})
                return redirect(wo)
        detail = WorkOrderDetailView(request=request, kwargs=self.kwargs, object=wo)
        detail.object = wo
        return render(request, detail.template_name, detail.get_context_data(form=form, object=wo, workorder=wo), status=status)


class WorkOrderPhotoView(PropertyObjectMixin, SingleObjectMixin, View):
    model = WorkOrder
    permission_required = "facilities.add_workorder"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        wo = self.get_object()
        form = WorkOrderPhotoForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.work_order_photo_add(work_order=wo, image=form.cleaned_data["image"], actor=request.user,
                                              caption=form.cleaned_data["caption"])
                messages.success(request, _("Photo added."))
            except ValidationError as exc:
                message_errors(request, exc)
        else:
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, error)
        return redirect(wo)


class SlaEditView(PropertyRequiredMixin, View):
    """Hours to repair and warning lead time per priority at the active property."""

    permission_required = "facilities.change_workordersla"
    template_name = "facilities/sla_form.html"

    def formset(self, data=None):
        services.slas_ensure_defaults(property=self.request.property)
        # edit_only: one row per priority exists already; a posted extra form must not create one.
        FormSet = modelformset_factory(WorkOrderSla, form=WorkOrderSlaForm, extra=0, edit_only=True)
        return FormSet(data, queryset=WorkOrderSla.objects.for_property(self.request.property))

    def get(self, request):
        return render(request, self.template_name, {"formset": self.formset(), "priorities": dict(Priority.choices)})

    def post(self, request):
        formset = self.formset(request.POST)
        status = 400
        if formset.is_valid():
            with transaction.atomic():
                stale = [form for form in formset if refuse_if_stale(form)]
                if not stale:
                    formset.save()
                    messages.success(request, _("SLA saved. New and reopened work orders use it."))
                    return redirect("facilities:sla_edit")
            status = 409
        return render(request, self.template_name, {"formset": formset, "priorities": dict(Priority.choices)}, status=status)


class WorkOrderPhotoFileView(ProtectedFileView):
    model = WorkOrderPhoto
    file_field = "image"
    property_path = "work_order.property"
    permission_required = "facilities.view_workorder"
