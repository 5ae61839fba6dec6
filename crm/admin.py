from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from hotelqa.admin import PropertyScopedAdmin
from hotelqa.audit import audit_record
from hotelqa.models import AuditAction

from . import services
from .models import Guest, Room, Stay


@admin.register(Guest)
class GuestAdmin(PropertyScopedAdmin):
    list_display = ["name", "phone", "company", "guest_type", "vip_level", "property"]
    list_filter = ["property", "guest_type", "vip_level"]
    search_fields = ["name", "phone", "email", "company"]

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Opening a guest here shows the full profile: recorded like the profile page.
        if obj is not None:
            audit_record(action=AuditAction.GUEST_PROFILE_VIEW, request=request, obj=obj)
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)


@admin.register(Stay)
class StayAdmin(PropertyScopedAdmin):
    list_display = ["guest", "room", "arrival", "departure", "room_nights", "spend", "property"]
    list_filter = ["property"]
    date_hierarchy = "arrival"
    raw_id_fields = ["guest", "room"]


@admin.register(Room)
class RoomAdmin(PropertyScopedAdmin):
    list_display = ["number", "floor", "property", "is_active", "token_rotated_at"]
    list_filter = ["property", "is_active"]
    search_fields = ["number"]
    readonly_fields = ["guest_token", "token_rotated_at"]
    actions = ["rotate_tokens"]

    @admin.action(description=_("Rotate the guest QR token (old labels stop working)"))
    def rotate_tokens(self, request, queryset):
        for room in queryset:
            services.room_rotate_token(room=room)
        messages.success(request, _("Tokens rotated: print the new labels."))
