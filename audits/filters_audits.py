import django_filters as df
from django import forms
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from facilities.filters import DATE, PropertyFilterSet
from hotelqa.filter_fields import ModelChoiceFilter
from hotelqa.models import Department

from .models import ActionStatus, Audit, AuditMethod, AuditPlan, AuditStatus, CorrectiveAction


class AuditFilter(PropertyFilterSet):
    status = df.ChoiceFilter(label=_("Status"), choices=AuditStatus.choices)
    method = df.ChoiceFilter(label=_("Method"), choices=AuditMethod.choices)
    department = ModelChoiceFilter(label=_("Department"), queryset=Department.objects.none())
    result = df.ChoiceFilter(label=_("Result"), method="filter_result", choices=[("passed", _("Passed")), ("failed", _("Failed"))])
    due_after = df.DateFilter(label=_("Due from"), field_name="due_at", lookup_expr="date__gte", widget=DATE)
    due_before = df.DateFilter(label=_("Due to"), field_name="due_at", lookup_expr="date__lte", widget=DATE)
    plan = df.NumberFilter(widget=forms.HiddenInput)
    mine = df.BooleanFilter(label=_("Mine only"), method="filter_mine", widget=forms.CheckboxInput)

    class Meta:
        model = Audit
        fields = ["status", "method", "department", "result", "due_after", "due_before"]

    def property_querysets(self):
        return {"department": Department.objects.filter(property=self.property)}

    def filter_result(self, queryset, name, value):
        return queryset.filter(passed=(value == "passed"), status=AuditStatus.SUBMITTED)

    def filter_mine(self, queryset, name, value):
        return queryset.filter(inspector=self.request.user) if value and self.request else queryset


class ActionFilter(PropertyFilterSet):
    status = df.ChoiceFilter(label=_("Step"), choices=ActionStatus.choices)
    department = ModelChoiceFilter(label=_("Department"), queryset=Department.objects.none())
    overdue = df.BooleanFilter(label=_("Overdue only"), method="filter_overdue", widget=forms.CheckboxInput)
    on_time = df.ChoiceFilter(label=_("Timeliness"), method="filter_on_time",
                              choices=[("yes", _("Closed on time")), ("no", _("Late or not closed"))])
    mine = df.BooleanFilter(label=_("Mine only"), method="filter_mine", widget=forms.CheckboxInput)
    audit = df.NumberFilter(field_name="finding__audit", widget=forms.HiddenInput)

    class Meta:
        model = CorrectiveAction
        fields = ["status", "department", "overdue", "mine"]

    def property_querysets(self):
        return {"department": Department.objects.filter(property=self.property)}

    def filter_overdue(self, queryset, name, value):
        return queryset.filter(status__in=ActionStatus.open_values(), due_at__lt=timezone.now()) if value else queryset

    def filter_on_time(self, queryset, name, value):
        on_time = Q(closed_at__isnull=False, closed_at__lte=F("due_at"))
        return queryset.filter(on_time) if value == "yes" else queryset.exclude(on_time)

    def filter_mine(self, queryset, name, value):
        return queryset.filter(owner=self.request.user) if value and self.request else queryset


class PlanFilter(PropertyFilterSet):
    method = df.ChoiceFilter(label=_("Method"), choices=AuditMethod.choices)
    department = ModelChoiceFilter(label=_("Department"), queryset=Department.objects.none())

    class Meta:
        model = AuditPlan
        fields = ["method", "department"]

    def property_querysets(self):
        return {"department": Department.objects.filter(property=self.property)}
