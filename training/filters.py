import django_filters as df
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hotelqa.filter_fields import ModelChoiceFilter
from hotelqa.models import CareerLevel, Department, StaffMember

from .choices import CourseCategory, CourseFormat, ProposalSource, ProposalStatus, SessionStatus
from .models import Certification, Course, Proposal, Session

DATE = forms.DateInput(attrs={"type": "date"})
YES_NO = forms.Select(choices=[("", "---------"), ("true", _("Yes")), ("false", _("No"))])


class PropertyFilterSet(df.FilterSet):
    def __init__(self, *args, property, **kwargs):
        super().__init__(*args, **kwargs)
        self.property = property
        if "department" in self.filters:
            self.filters["department"].queryset = Department.objects.for_property(property)
        if "course" in self.filters:
            self.filters["course"].queryset = Course.objects.for_property(property)


class StaffFilter(PropertyFilterSet):
    q = df.CharFilter(label=_("Search"), method="search")
    department = ModelChoiceFilter(label=_("Department"), queryset=Department.objects.none())
    career_level = df.ChoiceFilter(label=_("Career level"), choices=CareerLevel.choices)
    is_active = df.BooleanFilter(label=_("Active"), widget=YES_NO)
    hired_after = df.DateFilter(label=_("Hired from"), field_name="hire_date", lookup_expr="gte", widget=DATE)

    class Meta:
        model = StaffMember
        fields = ["q", "department", "career_level", "is_active", "hired_after"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(staff_number__icontains=value) | Q(position__icontains=value))


class CourseFilter(PropertyFilterSet):
    q = df.CharFilter(label=_("Search"), method="search")
    category = df.ChoiceFilter(label=_("Category"), choices=CourseCategory.choices)
    format = df.ChoiceFilter(label=pgettext_lazy("course", "Format"), choices=CourseFormat.choices)
    is_active = df.BooleanFilter(label=_("Offered"), widget=YES_NO)

    class Meta:
        model = Course
        fields = ["q", "category", "format", "is_active"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(code__icontains=value) | Q(name__icontains=value) | Q(name_zh__icontains=value))


class SessionFilter(PropertyFilterSet):
    course = ModelChoiceFilter(label=_("Course"), queryset=Course.objects.none())
    status = df.ChoiceFilter(label=_("Status"), choices=SessionStatus.choices)
    date_after = df.DateFilter(label=_("From"), field_name="date", lookup_expr="gte", widget=DATE)
    date_before = df.DateFilter(label=_("To"), field_name="date", lookup_expr="lte", widget=DATE)

    class Meta:
        model = Session
        fields = ["course", "status", "date_after", "date_before"]


class ProposalFilter(PropertyFilterSet):
    status = df.ChoiceFilter(label=_("Status"), choices=ProposalStatus.choices)
    source = df.ChoiceFilter(label=_("Source"), choices=ProposalSource.choices)
    department = ModelChoiceFilter(label=_("Department"), queryset=Department.objects.none())

    class Meta:
        model = Proposal
        fields = ["status", "source", "department"]


class CertificationFilter(PropertyFilterSet):
    q = df.CharFilter(label=_("Search"), method="search")
    course = ModelChoiceFilter(label=_("Course"), queryset=Course.objects.none())
    expires_before = df.DateFilter(label=_("Expires by"), field_name="expires_on", lookup_expr="lte", widget=DATE)

    class Meta:
        model = Certification
        fields = ["q", "course", "expires_before"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(staff__name__icontains=value))
