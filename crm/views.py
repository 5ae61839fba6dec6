from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView

from django.utils.translation import gettext as _

from hotelqa.audit import audit_record
from hotelqa.exports import ExportMixin
from hotelqa.mixins import PropertyListMixin, PropertyObjectMixin, PropertyRequiredMixin
from hotelqa.models import AuditAction
from hotelqa.permissions import user_can

from . import selectors
from .models import Guest


# Guest data is personal: no page of it is kept by the browser or a proxy (shared front-desk PCs).
@method_decorator(never_cache, name="dispatch")
class GuestSearchView(PropertyRequiredMixin, ListView):
    """htmx type-ahead: guests of the active property by name, phone or room."""

    permission_required = "crm.view_guest"
    template_name = "crm/partials/guest_search_results.html"
    context_object_name = "guests"

    def get_queryset(self):
        return selectors.guest_search(
            property=self.request.property, query=self.request.GET.get("q", ""), by_contact=selectors.sees_guest_contact(self.request.user, self.request.property)
        )


@method_decorator(never_cache, name="dispatch")
class GuestListView(ExportMixin, PropertyListMixin, ListView):
    model = Guest
    permission_required = "crm.view_guest"
    export_name = "guests"
    export_has_guest_data = True
    paginate_by = 25
    template_name = "crm/guest_list.html"
    context_object_name = "guests"

    def get_queryset(self):
        qs = super().get_queryset()
        q = self.request.GET.get("q", "").strip()
        if q:
            qs = selectors.guest_search(
                property=self.request.property, query=q, limit=200, with_visits=False,
                by_contact=selectors.sees_guest_contact(self.request.user, self.request.property),
            )
        return qs

    def export_columns(self):
        # What the list shows: the phone stays masked in the file as on the page.
        return [
            (_("Name"), lambda g: g.name), (_("Phone"), lambda g: g.masked_phone), (_("Company"), lambda g: g.company),
            (_("Guest type"), lambda g: g.get_guest_type_display()), (_("VIP level"), lambda g: g.get_vip_level_display()),
        ]


@method_decorator(never_cache, name="dispatch")
class GuestDetailView(PropertyObjectMixin, DetailView):
    """A guest's full profile: every view is written to the audit trail (who, when, which guest);
    phone and email are masked for roles that do not contact guests."""

    model = Guest
    permission_required = "crm.view_guest"
    template_name = "crm/guest_detail.html"
    context_object_name = "guest"

    def get_object(self, queryset=None):
        guest = super().get_object(queryset)
        audit_record(action=AuditAction.GUEST_PROFILE_VIEW, request=self.request, obj=guest)
        return guest

    def get_context_data(self, **kwargs):
        from complaints.models import Case

        guest, user = self.object, self.request.user
        # Each part of the profile needs the permission of what it shows, at the guest's property.
        return super().get_context_data(
            show_contact=selectors.sees_guest_contact(user, guest.property),
            stays=guest.stays.select_related("room").order_by("-arrival")[:20] if user_can(user, "crm.view_stay", guest.property) else None,
            cases=Case.objects.filter(guest=guest).order_by("-received_at")[:20] if user_can(user, "complaints.view_case", guest.property) else None,
            **kwargs,
        )
