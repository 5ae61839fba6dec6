"""Audit plans 监督计划: list, create, edit, detail, pause/resume."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView
from django.views.generic.base import View
from django.views.generic.detail import SingleObjectMixin

from hotelqa.lists import FilteredListView, PropertyCreateView, PropertyUpdateView
from hotelqa.mixins import PropertyObjectMixin, can

from .. import services
from ..filters_audits import PlanFilter
from ..forms_audits import AuditPlanForm
from ..models import AuditPlan
from ..scheduling import next_periods
from ..tables_audits import PlanTable


class PlanListView(FilteredListView):
    model = AuditPlan
    export_name = "audit-plans"
    queryset = AuditPlan.objects.select_related("template", "department", "inspector")
    filterset_class = PlanFilter
    table_class = PlanTable
    title = gettext_lazy("Audit plans")
    create_url = reverse_lazy("audits:plan_create")
    extra_links = (
        (reverse_lazy("audits:audit_list"), gettext_lazy("Audits"), "audits.view_audit"),
        (reverse_lazy("facilities:template_list"), gettext_lazy("Checklists"), "checklists.view_checklisttemplate"),
    )


class PlanCreateView(PropertyCreateView):
    model = AuditPlan
    form_class = AuditPlanForm
    template_name = "audits/plan_form.html"
    title = gettext_lazy("New audit plan")


class PlanUpdateView(PropertyUpdateView):
    model = AuditPlan
    form_class = AuditPlanForm
    template_name = "audits/plan_form.html"
    title = gettext_lazy("Edit audit plan")


class PlanDetailView(PropertyObjectMixin, DetailView):
    model = AuditPlan
    queryset = AuditPlan.objects.select_related("template", "department", "inspector", "property")
    permission_required = "audits.view_auditplan"
    template_name = "audits/plan_detail.html"

    def get_context_data(self, **kwargs):
        plan = self.object
        return super().get_context_data(
            upcoming=next_periods(plan) if plan.is_active else [],
            recent=plan.audits.select_related("inspector", "version__template")[:20],
            can_edit=can(self.request, "audits.change_auditplan", plan.property), **kwargs,
        )


class PlanToggleView(PropertyObjectMixin, SingleObjectMixin, View):
    model = AuditPlan
    permission_required = "audits.change_auditplan"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        plan = services.plan_set_active(plan=self.get_object(), active=not self.get_object().is_active)
        messages.success(request, _("Plan resumed.") if plan.is_active else _("Plan paused."))
        return redirect(plan)
