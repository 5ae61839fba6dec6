"""Members (balance, ledger, tier history, redeem and adjust) and the segment lists."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView
from django.views.generic.detail import SingleObjectMixin

from hotelqa.forms import add_service_errors, message_errors
from hotelqa.lists import FilteredListView
from hotelqa.mixins import PropertyObjectMixin
from hotelqa.permissions import user_can

from ...models import GuestSegment, LoyaltyMember
from ...views.guests import GuestObjectMixin
from .. import loyalty
from ..forms import AdjustForm, RedeemForm
from ..lists import SegmentFilter, SegmentTable


def member_context(request, member, redeem=None, adjust=None):
    prop = member.property
    return {
        "member": member, "balance": loyalty.balance(member),
        "entries": member.entries.select_related("created_by", "property", "stay")[:50],
        "tier_changes": member.tier_changes.select_related("old_tier", "new_tier")[:20],
        "redeem_form": redeem or RedeemForm() if user_can(request.user, "crm.add_pointsentry", prop) else None,
        "adjust_form": adjust or AdjustForm() if user_can(request.user, "crm.adjust_points", prop) else None,
    }


@method_decorator(never_cache, name="dispatch")
class MemberDetailView(PropertyObjectMixin, DetailView):
    model = LoyaltyMember
    permission_required = "crm.view_loyaltymember"
    template_name = "crm/engage/member_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("guest", "tier", "property")

    def get_context_data(self, **kwargs):
        return super().get_context_data(**member_context(self.request, self.object), **kwargs)


class _LedgerWrite(PropertyObjectMixin, SingleObjectMixin, View):
    model = LoyaltyMember
    http_method_names = ["post"]
    form_class = None
    field = ""

    def get_queryset(self):
        return super().get_queryset().select_related("guest", "tier", "property")

    def post(self, request, pk):
        member = self.get_object()
        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                self.write(member=member, points=form.cleaned_data["points"], reason=form.cleaned_data["reason"], actor=request.user, property=member.property)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Points recorded. Balance: %(balance)s.") % {"balance": loyalty.balance(member)})
                return redirect("crm:member_detail", pk=member.pk)
        ctx = member_context(request, member, **{self.field: form})
        return render(request, "crm/engage/member_detail.html", {"object": member, **ctx}, status=400)


class MemberRedeemView(_LedgerWrite):
    permission_required = "crm.add_pointsentry"
    form_class, field = RedeemForm, "redeem"

    def write(self, **kwargs):
        return loyalty.points_redeem(**kwargs)


class MemberAdjustView(_LedgerWrite):
    permission_required = "crm.adjust_points"
    form_class, field = AdjustForm, "adjust"

    def write(self, **kwargs):
        return loyalty.points_adjust(**kwargs)


class MemberEnrolView(GuestObjectMixin, SingleObjectMixin, View):
    """Guests are group-wide: any guest of the group may be enrolled at the active hotel."""

    permission_required = "crm.add_loyaltymember"
    http_method_names = ["post"]

    def post(self, request, pk):
        guest = self.get_object()
        try:
            member = loyalty.member_enrol(guest=guest, property=request.property, actor=request.user)
        except ValidationError as exc:
            message_errors(request, exc)
            return redirect("crm:guest_detail", pk=guest.pk)
        messages.success(request, _("%(guest)s is now member %(number)s.") % {"guest": guest, "number": member.number})
        return redirect("crm:member_detail", pk=member.pk)


@method_decorator(never_cache, name="dispatch")
class SegmentListView(FilteredListView):
    model = GuestSegment
    permission_required = "crm.view_guestsegment"
    filterset_class = SegmentFilter
    table_class = SegmentTable
    title = gettext_lazy("Guest segments")
    export_name = "segments"
    export_has_guest_data = True

    def get_queryset(self):
        return super().get_queryset().select_related("guest")
