"""Rooms' guest QR labels and the page a guest opens from one."""

from django.contrib import messages
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import FormView, ListView, TemplateView
from django.views.generic.detail import SingleObjectMixin

from crm import services as crm_services
from crm.models import Room
from hotelqa.mixins import PropertyListMixin, PropertyObjectMixin
from hotelqa.ui import qr_svg

from .. import ratelimit, services
from ..choices import Channel
from ..forms import GuestPageForm


class RoomLabelListView(PropertyListMixin, ListView):
    """Printable guest QR labels, one per room (separate from staff labels)."""

    model = Room
    permission_required = "crm.change_room"
    template_name = "complaints/room_labels.html"
    context_object_name = "rooms"

    def get_queryset(self):
        return super().get_queryset().filter(is_active=True).order_by("number")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        labels = []
        for room in ctx["rooms"]:
            url = self.request.build_absolute_uri(reverse("complaints:guest_page", args=[room.guest_token]))
            labels.append({"room": room, "url": url, "svg": qr_svg(url, scale=3)})
        ctx["labels"] = labels
        return ctx


class RoomTokenRotateView(PropertyObjectMixin, SingleObjectMixin, View):
    model = Room
    permission_required = "crm.change_room"
    http_method_names = ["post"]

    def post(self, request, pk):
        room = self.get_object()
        crm_services.room_rotate_token(room=room)
        messages.success(request, _("Room %(number)s has a new QR code; print its label again.") % {"number": room.number})
        return redirect("complaints:room_labels")


class GuestPageView(FormView):
    """A guest without an account sends a request or complaint from the room's QR label."""

    form_class = GuestPageForm
    template_name = "complaints/guest_page.html"

    def dispatch(self, request, token, *args, **kwargs):
        self.room = Room.objects.select_related("property").filter(guest_token=token, is_active=True).first()
        if self.room is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(room=self.room, hotel=self.room.property, **kwargs)

    def form_valid(self, form):
        room, address = self.room, ratelimit.address_key(self.request)
        if ratelimit.guest_page_limit_reached(room=room, address=address):
            return self.render_to_response(self.get_context_data(form=form, limited=True), status=429)
        kind, category = form.kind_and_category()
        case = services.case_log(
            property=room.property, actor=None, kind=kind, channel=Channel.QR, description=form.cleaned_data["text"],
            room=room, room_number=room.number, category="" if category == "other" else category,
        )
        ratelimit.guest_page_count(room=room, address=address)
        self.request.session["complaints_guest_case"] = case.number
        return HttpResponseRedirect(reverse("complaints:guest_thanks", args=[room.guest_token]))


class GuestThanksView(TemplateView):
    template_name = "complaints/guest_thanks.html"

    def get_context_data(self, token, **kwargs):
        room = get_object_or_404(Room.objects.select_related("property"), guest_token=token, is_active=True)
        return super().get_context_data(room=room, hotel=room.property, number=self.request.session.get("complaints_guest_case"), **kwargs)
