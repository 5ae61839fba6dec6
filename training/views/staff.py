"""Staff records (the foundation's `StaffMember`): list, record with its training, create, edit, career level."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import CreateView, DetailView, UpdateView

from hotelqa.forms import add_service_errors, refuse_if_stale
from hotelqa.lists import FilteredListView
from hotelqa.mixins import PropertyCreateMixin, PropertyFormKwargsMixin, PropertyObjectMixin, PropertyRequiredMixin, can
from hotelqa.models import StaffMember
from hotelqa.services import staff_set_level

from .. import selectors, services
from ..filters import StaffFilter
from ..forms import LevelForm, StaffForm
from ..models import Attendance, Certification, PlanItem
from ..tables import StaffTable


class StaffListView(FilteredListView):
    model = StaffMember
    export_name = "staff"
    queryset = StaffMember.objects.select_related("department")
    permission_required = "hotelqa.view_staffmember"
    filterset_class = StaffFilter
    table_class = StaffTable
    title = gettext_lazy("Staff")
    create_url = reverse_lazy("training:staff_create")
    create_permission = "hotelqa.add_staffmember"


class StaffSaveMixin:
    def form_valid(self, form):
        try:
            with transaction.atomic():
                if getattr(form, "instance", None) is not None and form.instance.pk and refuse_if_stale(form):
                    return self.render_to_response(self.get_context_data(form=form), status=409)
                self.object = services.staff_save(staff=form.instance)
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Staff record saved."))
        return redirect("training:staff_detail", self.object.pk)


class StaffCreateView(PropertyCreateMixin, PropertyFormKwargsMixin, StaffSaveMixin, CreateView):
    model = StaffMember
    form_class = StaffForm
    permission_required = "hotelqa.add_staffmember"
    template_name = "hotelqa/form.html"
    extra_context = {"title": gettext_lazy("New staff member")}


class StaffUpdateView(PropertyObjectMixin, PropertyFormKwargsMixin, StaffSaveMixin, UpdateView):
    model = StaffMember
    form_class = StaffForm
    permission_required = "hotelqa.change_staffmember"
    template_name = "hotelqa/form.html"
    extra_context = {"title": gettext_lazy("Edit staff record")}


def training_record(staff, today=None):
    """What a staff record page shows about a person's training, in a fixed number of queries."""
    from django.utils import timezone

    today = today or timezone.localdate()
    facts = selectors.staff_rules([staff], today)[staff.pk]
    return {
        "facts": facts, "today_date": today,
        "plan_items": list(PlanItem.objects.filter(staff=staff).select_related("course").order_by("status", "due_on")[:50]),
        "attendances": list(Attendance.objects.filter(staff=staff).select_related("session__course").order_by("-session__date")[:50]),
        "certifications": list(Certification.objects.filter(staff=staff).select_related("course").order_by("expires_on")),
        "levels": list(staff.level_changes.select_related("changed_by").order_by("-effective_on", "-created_at")),
    }


class StaffDetailView(PropertyObjectMixin, DetailView):
    model = StaffMember
    queryset = StaffMember.objects.select_related("department", "user", "property")
    permission_required = "hotelqa.view_staffmember"
    template_name = "training/staff_detail.html"
    context_object_name = "staff"

    def get_context_data(self, **kwargs):
        staff = self.object
        can_change = can(self.request, "hotelqa.change_staffmember", staff.property)
        context = super().get_context_data(**training_record(staff), can_change=can_change, **kwargs)
        if can_change:
            context.setdefault("level_form", LevelForm(staff=staff))
        if can(self.request, "complaints.view_case", staff.property):
            context["cases"] = list(staff.cases.order_by("-received_at")[:10])
        return context


class StaffLevelView(PropertyObjectMixin, DetailView):
    """A step on the career ladder (003 §6.3), recorded in the history."""

    model = StaffMember
    queryset = StaffMember.objects.select_related("department", "user", "property")
    permission_required = "hotelqa.change_staffmember"
    template_name = "training/staff_detail.html"
    context_object_name = "staff"

    def get(self, request, *args, **kwargs):
        return HttpResponseNotAllowed(["POST"])

    def post(self, request, *args, **kwargs):
        staff = self.object = self.get_object()
        form = LevelForm(request.POST, staff=staff)
        if not form.is_valid():
            context = {"staff": staff, "object": staff, "level_form": form, "can_change": True, **training_record(staff)}
            return render(request, self.template_name, context, status=400)
        staff_set_level(staff=staff, level=form.cleaned_data["level"], actor=request.user,
                        effective_on=form.cleaned_data["effective_on"], note=form.cleaned_data["note"])
        messages.success(request, _("Career level changed."))
        return redirect(reverse("training:staff_detail", args=[staff.pk]))


class MyTrainingView(PropertyRequiredMixin, DetailView):
    """A staff member's own training record, upcoming sessions and certificates (a phone page)."""

    permission_required = "training.view_own_training"
    template_name = "training/mine.html"
    context_object_name = "staff"

    def get_object(self, queryset=None):
        return selectors.staff_record_of(self.request.user, self.request.property)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        staff = self.object
        if staff is not None:
            from django.utils import timezone

            from ..models import Attendance as A

            context.update(training_record(staff))
            context["upcoming"] = list(A.objects.filter(staff=staff, session__date__gte=timezone.localdate())
                                       .exclude(session__status="cancelled").select_related("session__course")
                                       .order_by("session__date", "session__start_time")[:10])
        return context
