"""The guest list, the desk's type-ahead, the profile and its edit page.

Guests are people of the group: anyone who may open guests at the active property finds every
guest of the group and sees their profile (preferences, VIP level, service alerts); stays and
cases are shown only for the properties where the user's role there lets them see those."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, ListView, UpdateView

from hotelqa.audit import audit_record
from hotelqa.exports import ExportMixin, choice_text
from hotelqa.forms import OptimisticUpdateMixin
from hotelqa.mixins import PropertyRequiredMixin
from hotelqa.models import AuditAction
from hotelqa.permissions import property_ids_with, user_can
from hotelqa.ui import panels_for

from .. import privacy, selectors
from ..forms import GuestProfileForm
from ..models import Guest


class GuestObjectMixin(PropertyRequiredMixin):
    """A guest of the group, with the permission checked at the active property."""

    model = Guest
    context_object_name = "guest"

    def get_queryset(self):
        return Guest.objects.for_user(self.request.user)


# Guest data is personal: no page of it is kept by the browser or a proxy (shared front-desk PCs).
@method_decorator(never_cache, name="dispatch")
class GuestSearchView(PropertyRequiredMixin, ListView):
    """htmx type-ahead: guests of the group by name or phone, or who is in a room of the active property."""

    permission_required = "crm.view_guest"
    template_name = "crm/partials/guest_search_results.html"
    context_object_name = "guests"

    def get_queryset(self):
        return selectors.guest_search(
            property=self.request.property, query=self.request.GET.get("q", ""), by_contact=selectors.sees_guest_contact(self.request.user, self.request.property)
        )


@method_decorator(never_cache, name="dispatch")
class GuestListView(ExportMixin, PropertyRequiredMixin, ListView):
    """Guests of the group: the latest recorded first (partial index crm_guest_latest), or those
    matching the search."""

    permission_required = "crm.view_guest"
    export_name = "guests"
    export_has_guest_data = True
    paginate_by = 25
    template_name = "crm/guest_list.html"
    context_object_name = "guests"

    def get_queryset(self):
        q = self.request.GET.get("q", "").strip()
        if q:
            return selectors.guest_search(
                property=self.request.property, query=q, limit=200, with_visits=False,
                by_contact=selectors.sees_guest_contact(self.request.user, self.request.property),
            )
        return Guest.objects.active().select_related("home_property").order_by("-created_at", "-pk")

    def get_paginator(self, queryset, *args, **kwargs):
        # A search gives at most 200 guests, counted for free; the whole group is never counted.
        if isinstance(queryset, list):
            return Paginator(queryset, *args, **kwargs)
        return selectors.UncountedPaginator(queryset, *args, **kwargs)

    def export_columns(self):
        # What the list shows: the phone stays masked in the file as on the page.
        return [
            (_("Name"), lambda g: g.name), (_("Phone"), lambda g: g.masked_phone), (_("Company"), lambda g: g.company),
            (_("Guest type"), choice_text("guest_type")), (_("VIP level"), choice_text("vip_level")),
        ]


@method_decorator(never_cache, name="dispatch")
class GuestDetailView(GuestObjectMixin, DetailView):
    """A guest's full profile: every view is written to the audit trail (who, when, which guest);
    confidential and sensitive fields are masked for roles that do not need them."""

    permission_required = "crm.view_guest"
    template_name = "crm/guest_detail.html"

    def get_object(self, queryset=None):
        guest = super().get_object(queryset)
        audit_record(action=AuditAction.GUEST_PROFILE_VIEW, request=self.request, obj=guest, property=self.request.property)
        return guest

    def get_context_data(self, **kwargs):
        guest, request = self.object, self.request
        user, here = request.user, request.property
        # Stays of the properties where the user's role there shows stays; cases come from the
        # complaints app's record panel, which checks its own permission per property.
        stay_properties = property_ids_with(user, "crm.view_stay")
        stays = guest.stays.filter(property_id__in=stay_properties).select_related("room", "property").order_by("-arrival")[:20]
        may_merge = user_can(user, "crm.merge_guest", here)
        return super().get_context_data(
            sensitive=privacy.profile_fields(guest, user, here),
            preferences=list(guest.preferences.all()),
            stays=list(stays) if stay_properties else None,
            stays_elsewhere=guest.stays.exclude(property_id__in=stay_properties).count(),
            record_panels=panels_for(request, "record", request.role, obj=guest),
            duplicates=selectors.guest_duplicates(guest) if may_merge and not guest.is_anonymized else [],
            may_edit=user_can(user, "crm.change_guest", here) and not guest.is_anonymized,
            may_merge=may_merge,
            may_export=user_can(user, "crm.export_guest_data", here),
            may_anonymize=user_can(user, "crm.anonymize_guest", here) and not guest.is_anonymized,
            merges=list(guest.merges.select_related("actor")[:10]),
            **kwargs,
        )


@method_decorator(never_cache, name="dispatch")
class GuestEditView(OptimisticUpdateMixin, GuestObjectMixin, UpdateView):
    permission_required = "crm.change_guest"
    form_class = GuestProfileForm
    template_name = "crm/guest_form.html"

    def get_queryset(self):
        return super().get_queryset().active()

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["classes"] = privacy.visible_classes(self.request.user, self.request.property)
        return kwargs

    def get_success_url(self):
        messages.success(self.request, _("Profile saved."))
        return reverse("crm:guest_detail", args=[self.object.pk])
