"""Corrective actions: the list, the action page with its PDCA step forms, evidence photos."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView
from django.views.generic.base import View
from django.views.generic.detail import SingleObjectMixin

from hotelqa.forms import add_service_errors, message_errors
from hotelqa.lists import FilteredListView
from hotelqa.mixins import PropertyObjectMixin, can
from hotelqa.uploads import ProtectedFileView
from hotelqa.workflow import StaleEdit

from .. import services
from ..filters_audits import ActionFilter
from ..forms_audits import ActionEvidenceForm, ActionPlanForm, ActionReassignForm, ActionVerifyForm, FindingStaffForm
from ..models import ActionStatus, CorrectiveAction, CorrectiveActionPhoto, Finding
from ..tables_audits import ActionTable

S = ActionStatus


class ActionListView(FilteredListView):
    model = CorrectiveAction
    export_name = "corrective-actions"
    queryset = CorrectiveAction.objects.select_related("finding__item", "department", "owner")
    permission_required = "audits.view_correctiveaction"
    filterset_class = ActionFilter
    table_class = ActionTable
    title = gettext_lazy("Corrective actions")
    extra_links = ((reverse_lazy("audits:audit_list"), gettext_lazy("Audits"), "audits.view_audit"),)


class ActionDetailView(PropertyObjectMixin, DetailView):
    model = CorrectiveAction
    queryset = CorrectiveAction.objects.select_related(
        "finding__item", "finding__answer", "finding__audit__version__template", "department", "owner", "verified_by", "property")
    permission_required = "audits.view_correctiveaction"
    template_name = "audits/action_detail.html"

    def get_context_data(self, forms=None, **kwargs):
        action = self.object
        moves = services.allowed_moves(action=action, user=self.request.user)
        forms = forms or {}
        initial = {"version": action.version}
        context = {
            "moves": moves, "history": action.history.select_related("actor"), "photos": list(action.photos.all()),
            "plan_form": forms.get("plan") or (ActionPlanForm(initial={**initial, "plan": action.plan}) if S.DO in moves and action.status == S.PLAN else None),
            "evidence_form": forms.get("evidence") or (ActionEvidenceForm(initial={**initial, "evidence": action.evidence}) if S.CHECK in moves else None),
            "verify_form": forms.get("verify") or (ActionVerifyForm(initial=initial) if S.ACT in moves else None),
            "is_owner": action.owner_id == self.request.user.pk,
            "finding": action.finding,
        }
        if can(self.request, "audits.verify_correctiveaction", action.property) and action.status in (S.PLAN, S.DO):
            context["reassign_form"] = forms.get("reassign") or ActionReassignForm(
                property=action.property, initial={"owner": action.owner_id, "due_at": action.due_at})
        if can(self.request, "audits.change_finding", action.property):
            context["staff_form"] = FindingStaffForm(property=action.property, initial={"staff": list(action.finding.staff.all())})
        else:
            context["staff"] = list(action.finding.staff.all())
        return super().get_context_data(**context, **kwargs)


class ActionMoveView(PropertyObjectMixin, SingleObjectMixin, View):
    """POST one PDCA move: `to` = do (with the plan), check (with evidence), act (verify), do (send back)."""

    model = CorrectiveAction
    permission_required = "audits.view_correctiveaction"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        action = self.get_object()
        to = request.POST.get("to", "")
        if to == S.DO and action.status == S.PLAN:
            key, form = "plan", ActionPlanForm(request.POST)
        elif to == S.CHECK:
            key, form = "evidence", ActionEvidenceForm(request.POST, request.FILES)
        elif to in (S.ACT, S.DO):
            key, form = "verify", ActionVerifyForm(request.POST)
        else:
            messages.error(request, _("Choose a step."))
            return redirect(action)
        if not form.is_valid():
            return self.again(action, key, form)
        data = form.cleaned_data
        try:
            with transaction.atomic():  # the photo and the move are kept together or not at all
                if key == "evidence" and data.get("photo"):
                    services.action_photo_add(action=action, image=data["photo"], actor=request.user)
                action = services.action_transition(
                    action=action, to_status=to, actor=request.user, note=data.get("note", ""), plan=data.get("plan"),
                    evidence=data.get("evidence") if key == "evidence" else None, expected_version=data["version"])
        except StaleEdit:
            form.add_error(None, _("Someone changed this action since you opened it: check it and try again."))
            form.data = form.data.copy()
            form.data["version"] = CorrectiveAction.objects.get(pk=action.pk).version
            return self.again(action, key, form, status=409)
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.again(action, key, form)
        except PermissionDenied:
            if to == S.ACT and action.owner_id == request.user.pk:
                form.add_error(None, _("You own this action: someone else must verify it."))
                return self.again(action, key, form, status=403)
            raise
        messages.success(request, {S.DO: _("Action moved to “Do”."), S.CHECK: _("Sent for checking."),
                                   S.ACT: _("Verified and closed.")}.get(to, _("Saved.")))
        return redirect(action)

    def again(self, action, key, form, status=400):
        view = ActionDetailView()
        view.setup(self.request, pk=action.pk)
        view.object = ActionDetailView.queryset.get(pk=action.pk)
        return view.render_to_response(view.get_context_data(forms={key: form}), status=status)


class ActionReassignView(PropertyObjectMixin, SingleObjectMixin, View):
    model = CorrectiveAction
    permission_required = "audits.verify_correctiveaction"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        action = self.get_object()
        form = ActionReassignForm(request.POST, property=action.property)
        if not form.is_valid():
            return ActionMoveView.again(self, action, "reassign", form)
        try:
            services.action_update_plan(action=action, actor=request.user, owner=form.cleaned_data["owner"], due_at=form.cleaned_data["due_at"])
        except ValidationError as exc:
            add_service_errors(form, exc)
            return ActionMoveView.again(self, action, "reassign", form)
        messages.success(request, _("Owner and due time saved."))
        return redirect(action)


class FindingStaffView(PropertyObjectMixin, SingleObjectMixin, View):
    model = Finding
    permission_required = "audits.change_finding"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        finding = self.get_object()
        form = FindingStaffForm(request.POST, property=finding.property)
        if form.is_valid():
            try:
                services.finding_set_staff(finding=finding, staff=form.cleaned_data["staff"])
                messages.success(request, _("People involved saved."))
            except ValidationError as exc:
                message_errors(request, exc)
        else:
            messages.error(request, _("Choose people of this property."))
        return redirect(finding.action)


class ActionPhotoFileView(ProtectedFileView):
    model = CorrectiveActionPhoto
    file_field = "image"
    property_path = "action.property"
    permission_required = "audits.view_correctiveaction"
