from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from . import services
from .forms import OptimisticModelForm
from .i18n import side_by_side
from .models import AuditEvent, Department, JobRun, KpiSnapshot, KpiTarget, Membership, Notification, Property, User


class ReadOnlyAdminMixin:
    """Records written by the application only (logs, trails): readable, never edited here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PropertyScopedAdmin(admin.ModelAdmin):
    """Admin for property-scoped records: an admin of one property sees only its records and can
    only attach records to properties they belong to. A change made while someone else saved the
    record is refused with the input kept, as on the application's own edit pages."""

    form = OptimisticModelForm

    property_lookup = "property"

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.sees_all_properties:
            return qs
        return qs.filter(**{f"{self.property_lookup}__in": request.user.property_ids})

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "property" and not request.user.sees_all_properties:
            kwargs["queryset"] = Property.objects.filter(id__in=request.user.property_ids)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Property)
class PropertyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "name_zh", "city", "room_count", "is_active"]
    search_fields = ["code", "name", "name_zh", "city"]

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        return qs if request.user.sees_all_properties else qs.filter(id__in=request.user.property_ids)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.property_ensure_default_departments(property=obj)


@admin.register(Department)
class DepartmentAdmin(PropertyScopedAdmin):
    list_display = ["name", "name_zh", "kind", "property"]
    fields = ["property", "kind", *side_by_side("name")]
    list_filter = ["property", "kind"]


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["department"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "display_name", "email", "is_active", "is_group_manager"]
    list_filter = ["is_active", "is_group_manager", "memberships__property", "memberships__role"]
    fieldsets = BaseUserAdmin.fieldsets + ((_("Hotel"), {"fields": ("display_name", "phone", "is_group_manager")}),)

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if request.user.sees_all_properties:
            return qs
        return qs.filter(memberships__property__in=request.user.property_ids).distinct()

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.user_sync_groups(user=form.instance)


DepartmentAdmin.search_fields = ["name", "name_zh"]


@admin.register(KpiTarget)
class KpiTargetAdmin(PropertyScopedAdmin):
    list_display = ["code", "property", "target", "warning"]
    list_filter = ["property"]


@admin.register(KpiSnapshot)
class KpiSnapshotAdmin(PropertyScopedAdmin):
    list_display = ["day", "code", "property", "department", "value", "weight"]
    list_filter = ["code", "property"]
    date_hierarchy = "day"


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["created_at", "recipient", "title", "read_at"]
    search_fields = ["title", "recipient__username"]


@admin.register(JobRun)
class JobRunAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["job", "started_at", "finished_at", "status", "items"]
    list_filter = ["job", "status"]
    readonly_fields = [f.name for f in JobRun._meta.fields]


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["at", "action", "username", "ip_address", "property", "object_type", "object_id"]
    list_filter = ["action", "property"]
    search_fields = ["username", "object_id"]
    date_hierarchy = "at"
    readonly_fields = [f.name for f in AuditEvent._meta.fields]
