import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hotelqa.models import Department

from .choices import CaseKind, CaseStatus, Category, Channel, Grade
from .models import Case
from .selectors import overdue_q


class CaseFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search", widget=forms.TextInput(attrs={"placeholder": _("Guest, room, number or text"), "type": "search"}))
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=CaseKind.choices)
    status = django_filters.ChoiceFilter(label=_("Status"), choices=CaseStatus.choices)
    grade = django_filters.ChoiceFilter(label=_("Grade"), choices=Grade.choices)
    category = django_filters.ChoiceFilter(label=_("Category"), choices=Category.choices)
    channel = django_filters.ChoiceFilter(label=_("Channel"), choices=Channel.choices)
    department = django_filters.ModelChoiceFilter(label=_("Department"), queryset=Department.objects.none())
    open = django_filters.BooleanFilter(label=_("Open only"), method="filter_open", widget=forms.CheckboxInput)
    overdue = django_filters.BooleanFilter(label=_("Overdue only"), method="filter_overdue", widget=forms.CheckboxInput)
    received_after = django_filters.DateFilter(label=_("Received from"), field_name="received_at", lookup_expr="date__gte", widget=forms.DateInput(attrs={"type": "date"}))
    received_before = django_filters.DateFilter(label=_("Received until"), field_name="received_at", lookup_expr="date__lte", widget=forms.DateInput(attrs={"type": "date"}))
    closed_after = django_filters.DateFilter(label=_("Resolved from"), field_name="resolved_at", lookup_expr="date__gte", widget=forms.HiddenInput)
    closed_before = django_filters.DateFilter(label=_("Resolved until"), field_name="resolved_at", lookup_expr="date__lte", widget=forms.HiddenInput)
    reopened = django_filters.BooleanFilter(label=_("Reopened"), method="filter_reopened", widget=forms.HiddenInput)

    class Meta:
        model = Case
        fields = []

    def __init__(self, *args, property=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["department"].queryset = Department.objects.filter(property=property)

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(
            Q(number__icontains=value) | Q(guest__name__icontains=value) | Q(room_number__icontains=value) | Q(description__icontains=value)
        )

    def filter_open(self, queryset, name, value):
        return queryset.exclude(status__in=[CaseStatus.CLOSED, CaseStatus.CONFIRMED]) if value else queryset

    def filter_overdue(self, queryset, name, value):
        return queryset.filter(overdue_q(timezone.now())) if value else queryset

    def filter_reopened(self, queryset, name, value):
        return queryset.filter(reopen_count__gt=0) if value else queryset
