"""Configuration lives here (SLAs, calendars, cost limits, revisit delay). Cases themselves are
read-only in the admin: their workflow has one door, the services, used by the case pages."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from hotelqa.admin import PropertyScopedAdmin, ReadOnlyAdminMixin, ScopedTabularInline

from .choices import Closer

from .models import (
    Case, CaseEvent, ComplaintSettings, Holiday, RecoveryAction, RecoveryLimit, Revisit, RoutingRule,
    ServiceCalendar, ServiceHours, SlaPolicy,
)


@admin.register(RoutingRule)
class RoutingRuleAdmin(PropertyScopedAdmin):
    list_display = ["order", "category", "department_kind", "keywords", "is_active", "property"]
    list_filter = ["property", "category", "is_active"]


@admin.register(SlaPolicy)
class SlaPolicyAdmin(PropertyScopedAdmin):
    list_display = ["property", "kind", "grade", "response_minutes", "resolution_minutes"]
    list_filter = ["property", "kind", "grade"]


class ServiceHoursInline(ScopedTabularInline):
    model = ServiceHours
    extra = 0


class HolidayInline(ScopedTabularInline):
    model = Holiday
    extra = 0


@admin.register(ServiceCalendar)
class ServiceCalendarAdmin(PropertyScopedAdmin):
    list_display = ["department", "property", "always_open"]
    list_filter = ["property", "always_open"]
    inlines = [ServiceHoursInline, HolidayInline]


@admin.register(RecoveryLimit)
class RecoveryLimitAdmin(PropertyScopedAdmin):
    list_display = ["property", "role", "max_cost"]
    list_filter = ["property", "role"]


class ComplaintSettingsForm(forms.ModelForm):
    closing_roles = forms.MultipleChoiceField(
        label=_("who closes complaints"), choices=Closer.choices, widget=forms.CheckboxSelectMultiple,
        help_text=_("Who may close a complaint with the guest's feedback. By default the front desk, guest relations and supervisors, not the person who did the repair."),
    )

    class Meta:
        model = ComplaintSettings
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        stored = self.initial.get("closing_roles")
        if isinstance(stored, str):
            self.initial["closing_roles"] = [r for r in stored.split(",") if r]

    def clean_closing_roles(self):
        return ",".join(self.cleaned_data["closing_roles"])


@admin.register(ComplaintSettings)
class ComplaintSettingsAdmin(PropertyScopedAdmin):
    form = ComplaintSettingsForm
    list_display = ["property", "revisit_after_hours", "closing_roles", "warn_before_percent"]


class ReadOnlyAdmin(ReadOnlyAdminMixin, PropertyScopedAdmin):
    """Timelines and escalations are written by the case engine only."""


class CaseEventInline(ScopedTabularInline):
    model = CaseEvent
    extra = 0
    can_delete = False
    fields = ["created_at", "actor", "kind", "from_status", "to_status", "field", "old_value", "new_value", "note"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Case)
class CaseAdmin(ReadOnlyAdmin):
    list_display = ["number", "kind", "status", "grade", "category", "department", "assignee", "received_at", "property"]
    list_filter = ["property", "kind", "status", "grade", "category"]
    search_fields = ["number", "description", "description_translation", "room_number", "guest__name", "guest__other_name"]
    date_hierarchy = "received_at"
    list_select_related = ["department", "assignee", "property"]
    inlines = [CaseEventInline]


@admin.register(RecoveryAction)
class RecoveryActionAdmin(ReadOnlyAdmin):
    list_display = ["case", "kind", "cost", "approval", "created_at", "property"]
    list_filter = ["property", "kind", "approval"]
    list_select_related = ["case", "property"]


@admin.register(Revisit)
class RevisitAdmin(ReadOnlyAdmin):
    list_display = ["case", "due_at", "listed_at", "outcome", "done_at", "property"]
    list_filter = ["property", "outcome"]
    list_select_related = ["case", "property"]
