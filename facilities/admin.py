from django.contrib import admin

from hotelqa.admin import PropertyScopedAdmin, ScopedTabularInline
from hotelqa.i18n import SideBySideAdminMixin, side_by_side

from .models import (
    Asset,
    AssetCategory,
    ChecklistTemplate,
    Inspection,
    InspectionSchedule,
    Location,
    WorkOrder,
    WorkOrderHistory,
    WorkOrderSla,
)


@admin.register(AssetCategory)
class AssetCategoryAdmin(PropertyScopedAdmin):
    list_display = ["name", "name_zh", "code", "default_life_years", "property"]
    fields = ["property", "code", *side_by_side("name"), "default_life_years"]
    list_filter = ["property"]
    search_fields = ["name", "name_zh", "code"]


@admin.register(Location)
class LocationAdmin(SideBySideAdminMixin, PropertyScopedAdmin):
    list_display = ["__str__", "area_type", "property"]
    list_filter = ["property", "area_type"]
    search_fields = ["name", "name_zh", "building"]


@admin.register(Asset)
class AssetAdmin(SideBySideAdminMixin, PropertyScopedAdmin):
    list_display = ["code", "name", "name_zh", "category", "location", "status", "end_of_life", "property"]
    list_filter = ["property", "status", "category"]
    search_fields = ["code", "name", "name_zh"]
    raw_id_fields = ["location"]


@admin.register(ChecklistTemplate)
class ChecklistTemplateAdmin(PropertyScopedAdmin):
    list_display = ["name", "name_zh", "kind", "current_version", "is_active", "property"]
    fields = ["property", *side_by_side("name"), "kind", "description", "is_active", "current_version"]
    list_filter = ["property", "kind"]
    readonly_fields = ["current_version"]


@admin.register(InspectionSchedule)
class InspectionScheduleAdmin(SideBySideAdminMixin, PropertyScopedAdmin):
    list_display = ["name", "name_zh", "template", "scope_kind", "frequency", "is_active", "generated_until", "property"]
    list_filter = ["property", "frequency", "is_active"]
    filter_horizontal = ["locations", "assets"]


@admin.register(Inspection)
class InspectionAdmin(PropertyScopedAdmin):
    list_display = ["__str__", "due_start", "due_end", "status", "score", "passed", "property"]
    list_filter = ["property", "status", "passed"]
    raw_id_fields = ["schedule", "version", "location", "asset", "response"]
    date_hierarchy = "due_start"

    def has_change_permission(self, request, obj=None):
        return False  # answers and submission go through the inspection page


@admin.register(WorkOrderSla)
class WorkOrderSlaAdmin(PropertyScopedAdmin):
    list_display = ["priority", "resolve_hours", "warn_hours", "property"]
    list_filter = ["property"]


class WorkOrderHistoryInline(ScopedTabularInline):
    model = WorkOrderHistory
    extra = 0
    can_delete = False
    readonly_fields = ["created_at", "actor", "from_status", "to_status", "note"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(WorkOrder)
class WorkOrderAdmin(PropertyScopedAdmin):
    list_display = ["number", "title", "priority", "status", "due_at", "assignee", "property"]
    list_filter = ["property", "status", "priority"]
    search_fields = ["title"]
    inlines = [WorkOrderHistoryInline]
    # Status moves only through the work-order page (one service, one history trail).
    readonly_fields = ["status", "done_at", "verified_at", "due_at"]
    raw_id_fields = ["asset", "location", "inspection", "answer"]
