"""The one follow-up worklist of the front desk and guest relations: the CRM's thank-you,
birthday and win-back calls, and the complaint revisits the complaints app registers."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import ListView
from django.views.generic.detail import SingleObjectMixin

from hotelqa.forms import add_service_errors
from hotelqa.mixins import PropertyListMixin, PropertyObjectMixin
from hotelqa.permissions import user_can

from ...models import FollowUp
from ...selectors import sees_guest_contact
from .. import followups, hooks
from ..forms import FollowUpForm


@method_decorator(never_cache, name="dispatch")  # guests' names and phone numbers
class FollowUpListView(PropertyListMixin, ListView):
    model = FollowUp
    permission_required = "crm.view_followup"
    template_name = "crm/engage/followup_list.html"
    context_object_name = "followups"
    paginate_by = 25

    def get_queryset(self):
        self.tab = "done" if self.request.GET.get("tab") == "done" else "due"
        if self.tab == "done":
            return FollowUp.objects.filter(property=self.request.property, done_at__isnull=False).select_related("guest", "done_by").order_by("-done_at")
        return followups.followups_due(property=self.request.property)

    def get_context_data(self, **kwargs):
        request = self.request
        return super().get_context_data(
            tab=self.tab, form=FollowUpForm(), show_contact=sees_guest_contact(request.user, request.property),
            may_record=user_can(request.user, "crm.change_followup", request.property),
            sections=hooks.worklist_sections(property=request.property, user=request.user) if self.tab == "due" else [],
            bound=kwargs.pop("bound", None), bound_pk=kwargs.pop("bound_pk", None), **kwargs,
        )


class FollowUpRecordView(PropertyObjectMixin, SingleObjectMixin, View):
    model = FollowUp
    permission_required = "crm.change_followup"
    http_method_names = ["post"]

    def post(self, request, pk):
        followup = self.get_object()
        form = FollowUpForm(request.POST)
        if form.is_valid():
            try:
                followups.followup_record(followup=followup, actor=request.user, outcome=form.cleaned_data["outcome"], note=form.cleaned_data["note"])
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Follow-up with %(guest)s recorded.") % {"guest": followup.guest})
                return redirect("crm:followup_list")
        # Shown again with the message next to the field, the other rows as they were.
        view = FollowUpListView()
        view.setup(request)
        view.object_list = view.get_queryset()
        response = view.render_to_response(view.get_context_data(bound=form, bound_pk=followup.pk))
        response.status_code = 400
        return response
