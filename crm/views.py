from django.views.generic import ListView

from hotelqa.mixins import PropertyListMixin, PropertyRequiredMixin

from . import selectors
from .models import Guest


class GuestSearchView(PropertyRequiredMixin, ListView):
    """htmx type-ahead: guests of the active property by name, phone or room."""

    permission_required = "crm.view_guest"
    template_name = "crm/partials/guest_search_results.html"
    context_object_name = "guests"

    def get_queryset(self):
        return selectors.guest_search(property=self.request.property, query=self.request.GET.get("q", ""))


class GuestListView(PropertyListMixin, ListView):
    model = Guest
    permission_required = "crm.view_guest"
    paginate_by = 25
    template_name = "crm/guest_list.html"
    context_object_name = "guests"

    def get_queryset(self):
        qs = super().get_queryset()
        q = self.request.GET.get("q", "").strip()
        if q:
            qs = selectors.guest_search(property=self.request.property, query=q, limit=200)
        return qs
