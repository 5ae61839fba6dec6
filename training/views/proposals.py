"""Training needs: proposals from complaints, inspections, trends and audits; accept or dismiss."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import DetailView

from hotelqa.forms import add_service_errors
from hotelqa.lists import FilteredListView
from hotelqa.mixins import PropertyObjectMixin, can

from .. import services
from ..filters import ProposalFilter
from ..forms import AcceptForm, DismissForm
from ..models import Proposal
from ..tables import ProposalTable


class ProposalListView(FilteredListView):
    model = Proposal
    export_name = "training-needs"
    permission_required = "training.view_proposal"
    filterset_class = ProposalFilter
    table_class = ProposalTable
    title = gettext_lazy("Training needs")
    create_url = reverse_lazy("training:proposal_create")
    create_permission = "training.add_proposal"

    def get_queryset(self):
        from django.db.models import Count

        return super().get_queryset().select_related("course", "department").annotate(people=Count("staff"))


class ProposalDetailView(PropertyObjectMixin, DetailView):
    model = Proposal
    queryset = Proposal.objects.select_related("course", "department", "decided_by", "origin_type")
    permission_required = "training.view_proposal"
    template_name = "training/proposal_detail.html"
    context_object_name = "proposal"

    def get_context_data(self, **kwargs):
        proposal = self.object
        may_decide = proposal.status == "open" and can(self.request, "training.change_proposal", proposal.property)
        origin = proposal.origin
        return super().get_context_data(
            staff=list(proposal.staff.select_related("department").order_by("name")),
            plan_items=list(proposal.plan_items.select_related("staff", "course").order_by("staff__name")),
            origin=origin, origin_url=getattr(origin, "get_absolute_url", lambda: "")() if origin else "",
            accept_form=kwargs.pop("accept_form", None) or (AcceptForm(proposal=proposal) if may_decide else None),
            dismiss_form=kwargs.pop("dismiss_form", None) or (DismissForm() if may_decide else None),
            **kwargs,
        )


class ProposalDecideView(ProposalDetailView):
    permission_required = "training.change_proposal"
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        action = self.kwargs["action"]
        if action not in ("accept", "dismiss"):
            raise Http404
        proposal = self.object = self.get_object()
        if action == "accept":
            form = AcceptForm(request.POST, proposal=proposal)
            if form.is_valid():
                try:
                    n = services.proposal_accept(proposal=proposal, actor=request.user, due_on=form.cleaned_data["due_on"], course=form.cleaned_data["course"])
                except ValidationError as exc:
                    add_service_errors(form, exc)
                else:
                    messages.success(request, _("Accepted: %(n)s people planned.") % {"n": n})
                    return redirect(proposal.get_absolute_url())
            return self.render_to_response(self.get_context_data(accept_form=form), status=400)
        form = DismissForm(request.POST)
        if form.is_valid():
            try:
                services.proposal_dismiss(proposal=proposal, actor=request.user, reason=form.cleaned_data["reason"])
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Dismissed."))
                return redirect(proposal.get_absolute_url())
        return self.render_to_response(self.get_context_data(dismiss_form=form), status=400)
