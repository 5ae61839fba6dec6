"""The trainer's changes after the fact: edit or cancel a session, change a plan item, and enter
a training need by hand (it joins the proposals to review like the product's own)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView, UpdateView

from hotelqa.forms import add_service_errors
from hotelqa.mixins import PropertyFormKwargsMixin, PropertyObjectMixin, PropertyRequiredMixin

from .. import services
from ..choices import PlanStatus, ProposalSource, SessionStatus
from ..forms import NeedForm, PlanItemForm, SessionCancelForm, SessionEditForm
from ..models import PlanItem, Session


class _OpenSessionMixin(PropertyObjectMixin):
    """A cancelled session is history: its pages send back to it with a message."""

    model = Session
    queryset = Session.objects.select_related("course", "property")
    permission_required = "training.change_session"
    template_name = "hotelqa/form.html"

    def _cancelled(self):
        messages.error(self.request, _("The session was cancelled."))
        return redirect(self.object.get_absolute_url())

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.status == SessionStatus.CANCELLED:
            return self._cancelled()
        return self.render_to_response(self.get_context_data())

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if self.object.status == SessionStatus.CANCELLED:
            return self._cancelled()
        form = self.get_form()
        return self.form_valid(form) if form.is_valid() else self.form_invalid(form)


class SessionEditView(_OpenSessionMixin, PropertyFormKwargsMixin, UpdateView):
    form_class = SessionEditForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("Edit session: %(course)s") % {"course": self.object.course}, **kwargs)

    def form_valid(self, form):
        d = form.cleaned_data
        try:
            services.session_update(session=self.object, date=d["date"], start_time=d.get("start_time"), trainer=d.get("trainer"),
                                    place=d.get("place", ""), format=d.get("format", ""), notes=d.get("notes", ""), staff=d["staff"])
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Session saved."))
        return redirect(self.object.get_absolute_url())


class SessionCancelView(_OpenSessionMixin, UpdateView):
    form_class = SessionCancelForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.pop("instance", None)
        return kwargs

    def get_context_data(self, **kwargs):
        # "Save" / "Cancel" would read 保存 / 取消 on a page whose action is itself 取消.
        return super().get_context_data(title=_("Cancel session: %(course)s · %(date)s") % {"course": self.object.course, "date": self.object.date.isoformat()},
                                        submit_label=_("Cancel session"), back_label=_("Keep the session"), **kwargs)

    def form_valid(self, form):
        try:
            services.session_cancel(session=self.object, actor=self.request.user, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Session cancelled: the people invited are no longer expected."))
        return redirect(self.object.get_absolute_url())


class PlanItemEditView(PropertyObjectMixin, UpdateView):
    model = PlanItem
    queryset = PlanItem.objects.select_related("property", "course", "staff")
    form_class = PlanItemForm
    permission_required = "training.change_planitem"
    template_name = "hotelqa/form.html"

    def get_object(self, queryset=None):
        item = super().get_object(queryset)
        if item.status != PlanStatus.PLANNED:
            raise Http404  # done and cancelled items are history
        return item

    def get_success_url(self):
        return f"{reverse('training:plan')}?year={self.object.year}"

    def get_context_data(self, **kwargs):
        return super().get_context_data(title=_("Edit plan item: %(name)s") % {"name": self.object.staff.name}, **kwargs)

    def form_valid(self, form):
        d = form.cleaned_data
        try:
            self.object = services.plan_item_update(item=self.object, course=d["course"], staff=d["staff"], due_on=d["due_on"])
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Plan item saved."))
        return redirect(self.get_success_url())


class NeedCreateView(PropertyRequiredMixin, FormView):
    form_class = NeedForm
    permission_required = "training.add_proposal"
    template_name = "hotelqa/form.html"
    extra_context = {"title": gettext_lazy("New training need")}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "property": self.request.property}

    def form_valid(self, form):
        d = form.cleaned_data
        try:
            proposal, _created = services.proposal_create(property=self.request.property, source=ProposalSource.MANUAL, course=d["course"],
                                                          staff=list(d["staff"]), reason=d["reason"], proposed_by=self.request.user)
        except ValidationError as exc:
            add_service_errors(form, exc)
            return self.form_invalid(form)
        messages.success(self.request, _("Training need recorded: it waits for review with the others."))
        return redirect(proposal.get_absolute_url())
