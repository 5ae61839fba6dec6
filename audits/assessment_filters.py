import django_filters as df
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from hotelqa.filter_fields import ModelChoiceFilter
from hotelqa.models import Department, StaffMember

from .assessment_forms import MONTH, parse_month
from .choices import AssessmentStatus, Rating
from .models import StaffAssessment


class AssessmentFilter(df.FilterSet):
    q = df.CharFilter(label=_("Staff member"), method="search")
    month = df.CharFilter(label=_("Month"), method="filter_month", widget=MONTH)
    department = ModelChoiceFilter(label=_("Department"), field_name="staff__department", queryset=Department.objects.none())
    status = df.ChoiceFilter(label=_("Status"), choices=AssessmentStatus.choices)
    rating = df.ChoiceFilter(label=_("Rating"), choices=Rating.choices)
    approved_from = df.DateFilter(label=_("Approved from"), field_name="approved_at", lookup_expr="date__gte")
    approved_to = df.DateFilter(label=_("Approved to"), field_name="approved_at", lookup_expr="date__lte")

    class Meta:
        model = StaffAssessment
        fields = ["q", "month", "department", "status", "rating", "approved_from", "approved_to"]

    def __init__(self, *args, property, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["department"].queryset = Department.objects.filter(property=property)

    def search(self, qs, name, value):
        return qs.filter(Q(staff__name__icontains=value) | Q(staff__staff_number__icontains=value))

    def filter_month(self, qs, name, value):
        month = parse_month(value)
        return qs.filter(month=month) if month else qs


class StaffFilter(df.FilterSet):
    q = df.CharFilter(label=_("Search"), method="search")
    department = ModelChoiceFilter(label=_("Department"), queryset=Department.objects.none())

    class Meta:
        model = StaffMember
        fields = ["q", "department"]

    def __init__(self, *args, property, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["department"].queryset = Department.objects.filter(property=property)

    def search(self, qs, name, value):
        return qs.filter(Q(name__icontains=value) | Q(staff_number__icontains=value) | Q(position__icontains=value))
