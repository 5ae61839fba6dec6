from django.contrib import admin

from hotelqa.admin import PropertyScopedAdmin, ScopedTabularInline
from hotelqa.admin_scoping import ReadOnlyAdminMixin
from hotelqa.i18n import side_by_side

from .models import Attendance, Certification, Course, PlanItem, Proposal, Reminder, Session


@admin.register(Course)
class CourseAdmin(PropertyScopedAdmin):
    list_display = ["code", "name", "name_zh", "category", "format", "pass_mark", "validity_months", "is_active", "property"]
    fields = ["property", "code", *side_by_side("name"), "category", "format", "duration_hours", "pass_mark", "validity_months",
              "is_pre_job", "is_rotation", "complaint_categories", "standards", *side_by_side("description"), "is_active"]
    list_filter = ["property", "category", "format", "is_active"]
    search_fields = ["code", "name", "name_zh"]


@admin.register(PlanItem)
class PlanItemAdmin(PropertyScopedAdmin):
    list_display = ["staff", "course", "year", "due_on", "status", "source", "property"]
    list_filter = ["property", "year", "status", "source"]
    search_fields = ["staff__name", "course__code"]
    raw_id_fields = ["staff", "course", "proposal"]


class AttendanceInline(ScopedTabularInline):
    model = Attendance
    extra = 0
    raw_id_fields = ["staff", "plan_item"]
    fields = ["staff", "attended", "check_in", "score_before", "score", "passed"]

    def has_add_permission(self, request, obj=None):
        return False  # people are invited on the session page


@admin.register(Session)
class SessionAdmin(PropertyScopedAdmin):
    list_display = ["course", "date", "place", "trainer", "status", "property"]
    list_filter = ["property", "status"]
    raw_id_fields = ["course", "trainer"]
    inlines = [AttendanceInline]


@admin.register(Certification)
class CertificationAdmin(PropertyScopedAdmin):
    list_display = ["staff", "name", "issued_on", "expires_on", "property"]
    list_filter = ["property"]
    search_fields = ["staff__name", "name"]
    raw_id_fields = ["staff", "course", "attendance"]


@admin.register(Proposal)
class ProposalAdmin(PropertyScopedAdmin):
    list_display = ["created_at", "source", "course", "department", "status", "property"]
    list_filter = ["property", "source", "status"]
    raw_id_fields = ["course", "staff"]
    readonly_fields = ["origin_type", "origin_id", "key"]


@admin.register(Reminder)
class ReminderAdmin(ReadOnlyAdminMixin, PropertyScopedAdmin):
    list_display = ["staff", "kind", "item", "stage", "sent_at"]
    list_filter = ["kind"]
    property_lookup = "staff__property"
