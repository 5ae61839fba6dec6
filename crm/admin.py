from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from hotelqa.admin import PropertyScopedAdmin
from hotelqa.admin_scoping import GroupWideAdmin, ReadOnlyAdminMixin
from hotelqa.audit import audit_record
from hotelqa.i18n import side_by_side
from hotelqa.models import AuditAction

from . import services
from .models import Guest, GuestErasure, GuestMerge, PreferenceOption, Room, Stay, StayImport, StayImportMapping


@admin.register(Guest)
class GuestAdmin(GroupWideAdmin):
    """Guests are people of the group: admins read them here, group admins change them (each
    property's staff edit the profile on the guest's page)."""

    list_display = ["name", "other_name", "masked", "company", "guest_type", "vip_level", "home_property", "anonymized_at"]
    list_filter = ["guest_type", "vip_level"]
    search_fields = ["name", "other_name", "phone", "email", "company"]
    filter_horizontal = ["preferences"]

    @admin.display(description=_("phone"))
    def masked(self, obj):
        return obj.masked_phone

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Opening a guest here shows the full profile: recorded like the profile page.
        if obj is not None:
            audit_record(action=AuditAction.GUEST_PROFILE_VIEW, request=request, obj=obj, property=getattr(request, "property", None))
        return super().render_change_form(request, context, add=add, change=change, form_url=form_url, obj=obj)


@admin.register(PreferenceOption)
class PreferenceOptionAdmin(GroupWideAdmin):
    list_display = ["name", "name_zh", "category", "order", "is_active"]
    list_filter = ["category", "is_active"]
    fields = [*side_by_side("name"), "category", "order", "is_active"]


@admin.register(GuestMerge)
class GuestMergeAdmin(ReadOnlyAdminMixin, GroupWideAdmin):
    list_display = ["merged_at", "source_id", "target", "actor"]


@admin.register(GuestErasure)
class GuestErasureAdmin(ReadOnlyAdminMixin, GroupWideAdmin):
    list_display = ["erased_at", "guest", "reason", "actor"]
    list_filter = ["reason"]


@admin.register(Stay)
class StayAdmin(PropertyScopedAdmin):
    list_display = ["guest", "reservation_number", "room", "arrival", "departure", "room_nights", "spend", "property"]
    list_filter = ["property"]
    date_hierarchy = "arrival"
    raw_id_fields = ["guest", "room"]
    search_fields = ["reservation_number"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "guest":  # any guest of the group may stay at the admin's property
            kwargs["queryset"] = Guest.objects.active()
            return admin.ModelAdmin.formfield_for_foreignkey(self, db_field, request, **kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(StayImportMapping)
class StayImportMappingAdmin(PropertyScopedAdmin):
    list_display = ["property", "updated_at", "updated_by"]


@admin.register(StayImport)
class StayImportAdmin(ReadOnlyAdminMixin, PropertyScopedAdmin):
    list_display = ["created_at", "property", "file_name", "status", "total_rows", "created", "updated", "uploaded_by"]
    list_filter = ["property", "status"]


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


from .engagement import admin as _engagement_admin  # noqa: E402,F401  loyalty tiers, survey templates
