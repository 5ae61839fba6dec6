"""Audit plans and the assessment's criteria are configured here. Audits, findings, corrective
actions, mystery-guest links and assessments are read-only: each workflow has one door, its
services, used by the audit pages."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from hotelqa import staff_metrics
from hotelqa.admin import PropertyScopedAdmin, ReadOnlyAdminMixin, ScopedTabularInline
from hotelqa.forms import OptimisticModelForm
from hotelqa.i18n import localized, side_by_side
from hotelqa.models import Membership
from hotelqa.permissions import user_can

from .models import (
    AssessmentConsequence, AssessmentCriterion, AssessmentScore, Audit, AuditPlan, CorrectiveAction, CorrectiveActionHistory, Finding,
    MysteryGuestLink, StaffAssessment, StaffAssessmentHistory,
)


class CriterionForm(forms.ModelForm):
    metrics = forms.MultipleChoiceField(
        label=_("Filled from"), required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("The staff metrics whose scores fill this criterion; none: the supervisor scores it."),
    )

    class Meta:
        model = AssessmentCriterion
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["metrics"].choices = [(m.code, m.label) for m in staff_metrics.scoring_metrics()]


@admin.register(AssessmentCriterion)
class AssessmentCriterionAdmin(PropertyScopedAdmin):
    """The weights of the monthly assessment: a change applies to drafts made from then on."""

    form = CriterionForm
    list_display = ["name", "name_zh", "weight", "is_active", "order", "property"]
    list_filter = ["property", "is_active"]
    fields = ["property", "code", *side_by_side("name"), *side_by_side("description"), "weight", "metrics", "order", "is_active"]


class ReadOnlyInline(ReadOnlyAdminMixin, ScopedTabularInline):
    extra = 0

    def get_readonly_fields(self, request, obj=None):
        return self.fields


class AssessmentScoreInline(ReadOnlyInline):
    model = AssessmentScore
    fields = ["criterion", "weight", "source", "score", "note"]


class AssessmentConsequenceInline(ReadOnlyInline):
    model = AssessmentConsequence
    fields = ["kind", "amount", "note", "created_by", "created_at"]


class AssessmentHistoryInline(ReadOnlyInline):
    model = StaffAssessmentHistory
    fields = ["created_at", "actor", "from_status", "to_status", "note"]


@admin.register(StaffAssessment)
class StaffAssessmentAdmin(ReadOnlyAdminMixin, PropertyScopedAdmin):
    """Made, scored and approved on the assessment pages only."""

    list_display = ["staff", "month", "status", "total", "rating", "approved_at", "property"]
    list_filter = ["property", "status", "rating", "month", "staff__department"]
    search_fields = ["staff__name", "staff__staff_number"]
    list_select_related = ["staff", "property"]
    date_hierarchy = "month"
    inlines = [AssessmentScoreInline, AssessmentConsequenceInline, AssessmentHistoryInline]


class AuditPlanAdminForm(OptimisticModelForm):
    """The checklist, department and inspector of a plan belong to its property (an admin of
    two properties picks among both in the admin's lists)."""

    class Meta:
        model = AuditPlan
        fields = "__all__"

    def clean(self):
        data = super().clean()
        prop = data.get("property")
        if prop is None:
            return data
        for field in ("template", "department"):
            value = data.get(field)
            if value is not None and value.property_id != prop.pk:
                self.add_error(field, _("Choose one of %(property)s.") % {"property": prop})
        inspector = data.get("inspector")
        if inspector is not None and not Membership.objects.filter(user=inspector, property=prop).exists():
            self.add_error("inspector", _("This person does not work at %(property)s.") % {"property": prop})
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The plan cannot end before it starts."))
        return data


@admin.register(AuditPlan)
class AuditPlanAdmin(PropertyScopedAdmin):
    form = AuditPlanAdminForm
    list_display = ["name", "name_zh", "template", "department", "method", "frequency", "inspector", "is_active", "generated_until", "property"]
    list_filter = ["property", "method", "frequency", "is_active", "department"]
    search_fields = ["name", "name_zh", "area", "area_zh", "process", "process_zh"]
    list_select_related = ["template", "department", "inspector", "property"]
    fields = ["property", *side_by_side("name"), "template", "department", *side_by_side("area", "process"), "method", "frequency",
              "inspector", ("starts_on", "ends_on"), "window_days", "is_active", "generated_until", "created_at"]
    # Where the generator has got to is its own; moving it would skip or repeat periods.
    readonly_fields = ["generated_until", "created_at"]


@admin.register(Audit)
class AuditAdmin(ReadOnlyAdminMixin, PropertyScopedAdmin):
    list_display = ["number", "checklist", "scope", "method", "due_at", "status", "score", "passed", "property"]
    list_filter = ["property", "status", "method", "passed", "critical_failed", "department"]
    search_fields = ["=id", "area", "area_zh", "process", "process_zh", "plan__name", "plan__name_zh"]
    list_select_related = ["version__template", "department", "property"]
    date_hierarchy = "due_at"
    fields = ["property", "plan", "version", "method", "department", *side_by_side("area", "process"), "period_start", "due_at", "status",
              "inspector", "submitted_at", "submitted_by", "score", "passed", "critical_failed", "visited_at", "auditor_name", "created_at"]

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        if obj is not None and obj.is_mystery and not user_can(request.user, "audits.view_auditor_identity", obj.property_id):
            fields = [f for f in fields if f != "auditor_name"]  # the mystery guest stays unnamed
        return fields

    @admin.display(description=_("checklist"))
    def checklist(self, obj):
        return obj.version.template

    @admin.display(description=_("scope"))
    def scope(self, obj):
        return obj.scope_label


@admin.register(Finding)
class FindingAdmin(ReadOnlyAdminMixin, PropertyScopedAdmin):
    list_display = ["text", "audit", "department", "critical", "is_repeat", "created_at", "property"]
    list_filter = ["property", "critical", "is_repeat", "department"]
    search_fields = ["item__text", "item__text_zh", "item__standard", "item__standard_zh"]
    list_select_related = ["item", "audit__version__template", "department", "property"]
    date_hierarchy = "created_at"
    fields = ["property", "audit", "item", "department", "critical", "is_repeat", "staff", "training_proposed_at", "created_at"]

    @admin.display(description=_("finding"))
    def text(self, obj):
        return localized(obj.item, "text")


class ActionHistoryInline(ReadOnlyInline):
    model = CorrectiveActionHistory
    fields = ["created_at", "actor", "from_status", "to_status", "note"]


@admin.register(CorrectiveAction)
class CorrectiveActionAdmin(ReadOnlyAdminMixin, PropertyScopedAdmin):
    list_display = ["number", "finding_text", "department", "owner", "status", "due_at", "closed_at", "property"]
    list_filter = ["property", "status", "department"]
    search_fields = ["=id", "plan", "evidence", "finding__item__text", "finding__item__text_zh", "owner__username", "owner__display_name"]
    list_select_related = ["finding__item", "department", "owner", "property"]
    date_hierarchy = "due_at"
    fields = ["property", "finding", "department", "owner", "due_at", "status", "plan", "evidence", "submitted_at", "verified_by",
              "closed_at", "created_at"]
    inlines = [ActionHistoryInline]

    @admin.display(description=_("finding"))
    def finding_text(self, obj):
        return localized(obj.finding.item, "text")


@admin.register(MysteryGuestLink)
class MysteryGuestLinkAdmin(ReadOnlyAdminMixin, PropertyScopedAdmin):
    """Who made a link and whether it was used; the token itself is not shown (it opens the form)."""

    property_lookup = "audit__property"
    list_display = ["audit", "created_by", "created_at", "expires_at", "used_at"]
    list_filter = ["audit__property"]
    list_select_related = ["audit__version__template", "created_by"]
    date_hierarchy = "created_at"
    fields = ["audit", "created_by", "created_at", "expires_at", "used_at"]
