"""The organisation in the Django admin, scoped as `hotelqa.admin_scoping` describes."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.core.exceptions import ValidationError
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from . import selectors, services
from .admin_scoping import (  # noqa: F401  (apps import the bases from here)
    GroupWideAdmin, PropertyScopedAdmin, ReadOnlyAdminMixin, ScopedAdminBase, ScopedTabularInline, administered, may,
    scoped_choices,
)
from .i18n import side_by_side
from .models import (
    AuditEvent, CareerLevelChange, Department, Escalation, JobRun, KpiSnapshot, KpiTarget, Membership, Notification, Property,
    StaffMember, User,
)
from .permissions import user_is_group_admin


@admin.register(Property)
class PropertyAdmin(PropertyScopedAdmin):
    """Admins edit the properties they administer; only group admins open or close one."""

    list_display = ["code", "name", "name_zh", "city", "room_count", "is_active"]
    search_fields = ["code", "name", "name_zh", "city"]

    def has_add_permission(self, request):
        return user_is_group_admin(request.user) and super().has_add_permission(request)

    def has_delete_permission(self, request, obj=None):
        return user_is_group_admin(request.user) and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        services.property_ensure_default_departments(property=obj)


@admin.register(Department)
class DepartmentAdmin(PropertyScopedAdmin):
    list_display = ["name", "name_zh", "kind", "property"]
    fields = ["property", "kind", *side_by_side("name")]
    list_filter = ["property", "kind"]
    search_fields = ["name", "name_zh"]


class CareerLevelChangeInline(ReadOnlyAdminMixin, ScopedTabularInline):
    """The ladder's history: written by changing the staff record's level, never by hand."""

    model = CareerLevelChange
    extra = 0
    fields = ["effective_on", "from_level", "to_level", "changed_by", "note"]
    readonly_fields = fields


@admin.register(StaffMember)
class StaffMemberAdmin(PropertyScopedAdmin):
    list_display = ["staff_number", "name", "department", "position", "career_level", "hire_date", "user", "is_active", "property"]
    list_filter = ["property", "career_level", "is_active"]
    search_fields = ["staff_number", "name", "position"]
    inlines = [CareerLevelChangeInline]

    def save_model(self, request, obj, form, change):
        level = obj.career_level
        if change and "career_level" in form.changed_data:
            obj.career_level = form.initial["career_level"]  # the step is saved by the service, with its history row
        super().save_model(request, obj, form, change)
        services.staff_set_level(staff=obj, level=level, actor=request.user)


class MembershipFormSet(BaseInlineFormSet):
    needs_a_role = False

    def clean(self):
        super().clean()
        kept = [f for f in self.forms if f.cleaned_data.get("property") and not f.cleaned_data.get("DELETE")]
        if self.needs_a_role and not kept:
            raise ValidationError(
                _("Give this person a role at one of your properties; to end their access, untick “Active”.")
            )


class MembershipInline(ScopedTabularInline):
    """Roles at the properties the requester administers (others' are not shown)."""

    model = Membership
    formset = MembershipFormSet
    extra = 1
    autocomplete_fields = ["department"]

    def get_queryset(self, request):
        return scoped_choices(Membership, request, super().get_queryset(request))

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # A property admin's user without a role there would vanish from their list.
        formset.needs_a_role = not user_is_group_admin(request.user)
        return formset


@admin.register(User)
class UserAdmin(ScopedAdminBase, BaseUserAdmin):
    """A property admin manages the people who work only at properties they administer; people
    who also work elsewhere, group managers and group admins are managed by group admins.
    Superuser status, permission groups and single permissions are superusers' to give, staff
    status follows the roles (`user_sync_groups`)."""

    inlines = [MembershipInline]
    list_display = ["username", "display_name", "email", "is_active", "is_group_manager", "is_group_admin"]
    list_filter = ["is_active", "is_group_manager", "is_group_admin", "memberships__property", "memberships__role"]
    fieldsets = BaseUserAdmin.fieldsets + (
        (_("Hotel"), {"fields": ("display_name", "phone", "language", "is_group_manager", "is_group_admin")}),
    )
    SUPERUSER_ONLY = ("is_superuser", "groups", "user_permissions")
    GROUP_ADMIN_ONLY = ("is_group_manager", "is_group_admin")

    def get_fieldsets(self, request, obj=None):
        hidden = set()
        if not request.user.is_superuser:
            hidden.update(self.SUPERUSER_ONLY)
        if not user_is_group_admin(request.user):
            hidden.update(self.GROUP_ADMIN_ONLY)
        return [
            (name, {**options, "fields": [f for f in options["fields"] if f not in hidden]})
            for name, options in super().get_fieldsets(request, obj)
        ]

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "is_staff", "last_login", "date_joined"]

    def get_queryset(self, request):
        return scoped_choices(User, request, super().get_queryset(request))

    def manages(self, request, user):
        """May the requester change or delete this account?"""
        if request.user.is_superuser:
            return True
        if user.is_superuser:
            return False
        if user_is_group_admin(request.user):
            return True
        if user.is_group_admin or user.is_group_manager:
            return False
        properties = {m.property_id for m in user.memberships.all()}
        return bool(properties) and properties <= administered(request)

    def has_view_permission(self, request, obj=None):
        return may(request, User, "view") or may(request, User, "change")

    def has_add_permission(self, request):
        return may(request, User, "add")

    def has_change_permission(self, request, obj=None):
        return may(request, User, "change") and (obj is None or self.manages(request, obj))

    def has_delete_permission(self, request, obj=None):
        return may(request, User, "delete") and (obj is None or self.manages(request, obj))

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        services.user_sync_groups(user=form.instance)


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
class NotificationAdmin(ReadOnlyAdminMixin, PropertyScopedAdmin):
    """Written by the application; a property's notifications are read by its admins."""

    list_display = ["created_at", "recipient", "title", "read_at", "property"]
    search_fields = ["title", "recipient__username"]
    list_select_related = ["recipient", "property"]


@admin.register(Escalation)
class EscalationAdmin(ReadOnlyAdminMixin, PropertyScopedAdmin):
    """Written by the deadline watch (`hotelqa.watch`): one row per warning or escalation sent."""

    list_display = ["created_at", "content_type", "object_id", "deadline", "level", "due", "notified", "property"]
    list_filter = ["property", "content_type"]
    list_select_related = ["content_type", "property"]


@admin.register(JobRun)
class JobRunAdmin(ReadOnlyAdminMixin, GroupWideAdmin):
    list_display = ["job", "started_at", "finished_at", "status", "items"]
    list_filter = ["job", "status"]
    readonly_fields = [f.name for f in JobRun._meta.fields]


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdminMixin, PropertyScopedAdmin):
    """The same events as Settings → Audit trail: its properties', and its staff's log-ins."""

    list_display = ["at", "action", "username", "ip_address", "property", "object_type", "object_id"]
    list_filter = ["action", "property"]
    search_fields = ["username", "object_id"]
    date_hierarchy = "at"
    readonly_fields = [f.name for f in AuditEvent._meta.fields]

    def get_queryset(self, request):
        return selectors.audit_events_visible_to(user=request.user, qs=super(PropertyScopedAdmin, self).get_queryset(request))
