import django_filters as df
from django import forms
from django.db.models import Q
from django.forms.models import ModelChoiceIteratorValue
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters import fields as df_fields

from hotelqa.filter_fields import ModelChoiceFilter
from hotelqa.i18n import reader_reads_chinese
from hotelqa.models import Department

from .choices import AreaType, AssetStatus, InspectionStatus, Priority, WorkOrderStatus
from .models import Asset, AssetCategory, Inspection, Location, WorkOrder

DATE = forms.DateInput(attrs={"type": "date"})


class PropertyFilterSet(df.FilterSet):
    """Choices of related filters come from the active property only."""

    def __init__(self, *args, property, **kwargs):
        super().__init__(*args, **kwargs)
        self.property = property
        for name, queryset in self.property_querysets().items():
            if name in self.filters:
                self.filters[name].queryset = queryset

    def property_querysets(self):
        return {}


class LocationChoices(df_fields.ModelChoiceIterator):
    """The location choices from the locations' values, without a model instance per option (a
    hotel has hundreds of rooms; the asset filter lists them all)."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        if self.field.null_label is not None:
            yield (self.field.null_value, self.field.null_label)
        chinese = reader_reads_chinese()
        for pk, building, floor, name, name_zh in self.queryset.values_list("pk", "building", "floor", "name", "name_zh"):
            shown = (name_zh or name) if chinese else (name or name_zh)
            yield ModelChoiceIteratorValue(pk, None), Location.label_of(building, floor, shown)


class LocationChoiceField(df_fields.ModelChoiceField):
    iterator = LocationChoices


class LocationChoiceFilter(df.ModelChoiceFilter):
    field_class = LocationChoiceField


class AssetFilter(PropertyFilterSet):
    q = df.CharFilter(label=_("Search"), method="search")
    category = ModelChoiceFilter(label=_("Category"), queryset=AssetCategory.objects.none())
    location = LocationChoiceFilter(label=_("Location"), queryset=Location.objects.none())
    area_type = df.ChoiceFilter(label=_("Area type"), field_name="location__area_type", choices=AreaType.choices)
    status = df.ChoiceFilter(label=_("Status"), choices=AssetStatus.choices)
    past_life = df.BooleanFilter(label=_("Past expected life"), method="filter_past_life",
                                 widget=forms.Select(choices=[("", "---------"), ("true", _("Yes")), ("false", _("No"))]))

    class Meta:
        model = Asset
        fields = ["q", "category", "location", "area_type", "status", "past_life"]

    def property_querysets(self):
        return {"category": AssetCategory.objects.for_property(self.property), "location": Location.objects.for_property(self.property)}

    def search(self, queryset, name, value):
        return queryset.filter(Q(code__icontains=value) | Q(name__icontains=value) | Q(name_zh__icontains=value) | Q(manufacturer__icontains=value))

    def filter_past_life(self, queryset, name, value):
        today = timezone.localdate()
        if value is True:
            return queryset.filter(end_of_life__lte=today)
        if value is False:
            return queryset.filter(Q(end_of_life__isnull=True) | Q(end_of_life__gt=today))
        return queryset


class LocationFilter(PropertyFilterSet):
    q = df.CharFilter(label=_("Search"), method="search")
    area_type = df.ChoiceFilter(label=_("Area type"), choices=AreaType.choices)

    class Meta:
        model = Location
        fields = ["q", "area_type"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(name_zh__icontains=value) | Q(building__icontains=value) | Q(floor=value))


class InspectionFilter(PropertyFilterSet):
    status = df.ChoiceFilter(label=_("Status"), choices=InspectionStatus.choices)
    result = df.ChoiceFilter(label=_("Result"), method="filter_result",
                             choices=[("passed", _("Passed")), ("failed", _("Failed"))])
    on_time = df.ChoiceFilter(label=_("Timeliness"), method="filter_on_time",
                              choices=[("yes", _("Done on time")), ("no", _("Late or not done"))])
    department = ModelChoiceFilter(label=_("Department"), queryset=Department.objects.none())
    template = df.NumberFilter(field_name="version__template", widget=forms.HiddenInput)
    due_after = df.DateFilter(label=_("Due from"), field_name="due_end", lookup_expr="date__gte", widget=DATE)
    due_before = df.DateFilter(label=_("Due to"), field_name="due_end", lookup_expr="date__lte", widget=DATE)
    submitted_after = df.DateFilter(field_name="submitted_at", lookup_expr="date__gte", widget=forms.HiddenInput)
    submitted_before = df.DateFilter(field_name="submitted_at", lookup_expr="date__lte", widget=forms.HiddenInput)
    asset = df.NumberFilter(widget=forms.HiddenInput)
    location = df.NumberFilter(widget=forms.HiddenInput)
    mine = df.BooleanFilter(label=_("Mine only"), method="filter_mine", widget=forms.CheckboxInput)

    class Meta:
        model = Inspection
        fields = ["status", "result", "on_time", "department", "due_after", "due_before"]

    def property_querysets(self):
        return {"department": Department.objects.filter(property=self.property)}

    def filter_result(self, queryset, name, value):
        return queryset.filter(passed=(value == "passed"), status=InspectionStatus.SUBMITTED)

    def filter_on_time(self, queryset, name, value):
        from django.db.models import F

        on_time = Q(submitted_at__isnull=False, submitted_at__lte=F("due_end"))
        return queryset.filter(on_time) if value == "yes" else queryset.exclude(on_time)

    def filter_mine(self, queryset, name, value):
        return queryset.filter(assignee=self.request.user) if value else queryset


class WorkOrderFilter(PropertyFilterSet):
    q = df.CharFilter(label=_("Search"), method="search")
    status = df.MultipleChoiceFilter(label=_("Status"), choices=WorkOrderStatus.choices, widget=forms.SelectMultiple(attrs={"size": 3}))
    open = df.BooleanFilter(label=_("Open only"), method="filter_open", widget=forms.CheckboxInput)
    overdue = df.BooleanFilter(label=_("Overdue"), method="filter_overdue", widget=forms.CheckboxInput)
    priority = df.ChoiceFilter(label=_("Priority"), choices=Priority.choices)
    department = ModelChoiceFilter(label=_("Department"), queryset=Department.objects.none())
    category = ModelChoiceFilter(label=_("Category"), queryset=AssetCategory.objects.none())
    created_after = df.DateFilter(label=_("Reported from"), field_name="created_at", lookup_expr="date__gte", widget=DATE)
    created_before = df.DateFilter(label=_("Reported to"), field_name="created_at", lookup_expr="date__lte", widget=DATE)
    done_after = df.DateFilter(field_name="done_at", lookup_expr="date__gte", widget=forms.HiddenInput)
    done_before = df.DateFilter(field_name="done_at", lookup_expr="date__lte", widget=forms.HiddenInput)
    asset = df.NumberFilter(widget=forms.HiddenInput)
    mine = df.BooleanFilter(label=_("Mine only"), method="filter_mine", widget=forms.CheckboxInput)

    class Meta:
        model = WorkOrder
        fields = ["q", "status", "priority", "department", "category"]

    def property_querysets(self):
        return {"department": Department.objects.filter(property=self.property),
                "category": AssetCategory.objects.for_property(self.property)}

    def search(self, queryset, name, value):
        value = value.strip()
        if value.upper().startswith("WO-") and value[3:].isdigit():
            return queryset.filter(pk=int(value[3:]))
        return queryset.filter(Q(title__icontains=value) | Q(description__icontains=value) | Q(location__name__icontains=value))

    def filter_open(self, queryset, name, value):
        return queryset.filter(status__in=WorkOrderStatus.open_values()) if value else queryset

    def filter_overdue(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(status__in=WorkOrderStatus.open_values(), due_at__lt=timezone.now())

    def filter_mine(self, queryset, name, value):
        return queryset.filter(assignee=self.request.user) if value else queryset
