"""The front desk's revisit list and recording a call."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import ListView
from django.views.generic.detail import SingleObjectMixin

from hotelqa.exports import ExportMixin
from hotelqa.forms import add_service_errors
from hotelqa.mixins import PropertyListMixin, PropertyObjectMixin
from crm.selectors import sees_guest_contact

from .. import selectors, services
from ..forms import RevisitForm
from ..models import Revisit
from ..tables import revisit_export_columns


@method_decorator(never_cache, name="dispatch")  # guests' names and phone numbers
class RevisitListView(ExportMixin, PropertyListMixin, ListView):
    model = Revisit
    permission_required = "complaints.view_revisit"
    template_name = "complaints/revisit_list.html"
    context_object_name = "revisits"
    paginate_by = 25
    export_name = "revisits"
    export_has_guest_data = True

    def export_columns(self):
        return revisit_export_columns()

    def get_queryset(self):
        self.tab = "upcoming" if self.request.GET.get("tab") == "upcoming" else "due"
        return revisit_tab(self.request.property, self.tab)

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=RevisitForm(), tab=self.tab, show_contact=sees_guest_contact(self.request.user, self.request.property), **kwargs)


def revisit_tab(property, tab):
    """The "due" list (put there by the hourly job) or the "upcoming" one (not yet due)."""
    if tab == "upcoming":
        return selectors.revisits_upcoming(property=property)
    return selectors.revisits_on_list(property=property)


class RevisitRecordView(PropertyObjectMixin, SingleObjectMixin, View):
    model = Revisit
    permission_required = "complaints.change_revisit"
    http_method_names = ["post"]

    def post(self, request, pk):
        revisit = self.get_object()
        form = RevisitForm(request.POST)
        if form.is_valid():
            try:
                services.revisit_record(revisit=revisit, actor=request.user, outcome=form.cleaned_data["outcome"], note=form.cleaned_data["note"])
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Revisit of %(number)s recorded.") % {"number": revisit.case.number})
                next_url = request.POST.get("next", "")
                if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
                    return redirect(next_url)  # back to the case page it was recorded from
                return redirect("complaints:revisit_list")
        tab = "due" if revisit.listed_at else "upcoming"
        return render(request, "complaints/revisit_list.html", {
            "revisits": revisit_tab(revisit.property, tab), "tab": tab, "form": RevisitForm(), "bound": form, "bound_pk": revisit.pk,
            "show_contact": sees_guest_contact(request.user, revisit.property),
        }, status=400)
