from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hotelqa.checklists.choices import AnswerType, TemplateKind
from hotelqa.checklists.models import ChecklistItem, ChecklistSection, ChecklistTemplate, ChecklistVersion
from hotelqa.forms import OptimisticEditMixin
from hotelqa.i18n import bilingual_helper
from hotelqa.models import Department
from hotelqa.uploads import PhotoField

from . import selectors
from .choices import WEEKDAYS, Frequency, Priority, ScopeKind, WorkOrderStatus
from .models import Asset, AssetCategory, InspectionSchedule, Location, WorkOrderSla
from .scheduling import parse_rrule

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class PropertyFormMixin:
    """Forms of one property: the instance belongs to it and choices come from it only."""

    def __init__(self, *args, property, **kwargs):
        super().__init__(*args, **kwargs)
        self.property = property
        self.instance.property = property

    def limit(self, name, queryset):
        if name in self.fields:
            self.fields[name].queryset = queryset

    def unique_within_property(self, field, **lookup):
        value = self.cleaned_data.get(field)
        qs = self._meta.model.objects.filter(property=self.property, **{field: value}, **lookup)
        if self.instance.pk:
            qs = qs.exclude(pk=self.instance.pk)
        if value and qs.exists():
            raise ValidationError(_("This property already has one with this value."))
        return value


class AssetCategoryForm(OptimisticEditMixin, PropertyFormMixin, forms.ModelForm):
    class Meta:
        model = AssetCategory
        fields = ["code", "name", "name_zh", "default_life_years"]

    def clean_code(self):
        return self.unique_within_property("code")


class LocationForm(OptimisticEditMixin, PropertyFormMixin, forms.ModelForm):
    class Meta:
        model = Location
        fields = ["building", "floor", "name", "name_zh", "area_type"]

    def clean(self):
        data = super().clean()
        qs = Location.objects.filter(
            property=self.property, building=data.get("building", ""), floor=data.get("floor", ""), name=data.get("name")
        )
        if self.instance.pk:
            qs = qs.exclude(pk=self.instance.pk)
        if qs.exists():
            self.add_error("name", _("This room or area already exists in that building and floor."))
        return data


class AssetForm(OptimisticEditMixin, PropertyFormMixin, forms.ModelForm):
    class Meta:
        model = Asset
        fields = ["code", "name", "name_zh", "category", "location", "install_date", "expected_life_years", "status", "manufacturer", "notes"]
        widgets = {"install_date": DATE, "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit("category", AssetCategory.objects.for_property(self.property))
        self.limit("location", Location.objects.for_property(self.property))

    def clean_code(self):
        return self.unique_within_property("code")

    def clean(self):
        data = super().clean()
        if not data.get("expected_life_years") and data.get("category"):
            data["expected_life_years"] = data["category"].default_life_years
            self.instance.expected_life_years = data["expected_life_years"]
        return data


class AssetImportForm(forms.Form):
    file = forms.FileField(label=_("CSV or XLSX file"), help_text=_("At most 5,000 rows and 5 MB."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise ValidationError(_("The file is larger than 5 MB."))
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise ValidationError(_("Upload a .csv or .xlsx file."))
        return upload


class ChecklistTemplateForm(OptimisticEditMixin, PropertyFormMixin, forms.ModelForm):
    class Meta:
        model = ChecklistTemplate
        fields = ["name", "name_zh", "kind", "description", "is_active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def clean_name(self):
        return self.unique_within_property("name")


class ChecklistVersionForm(OptimisticEditMixin, forms.ModelForm):
    class Meta:
        model = ChecklistVersion
        fields = ["pass_mark"]


class ChecklistSectionForm(forms.ModelForm):
    class Meta:
        model = ChecklistSection
        fields = ["title", "title_zh"]


class ChecklistItemForm(OptimisticEditMixin, forms.ModelForm):
    # Facilities' own data about the engine's item (ChecklistItemDefect), saved by the view.
    defect_category = forms.ModelChoiceField(
        queryset=AssetCategory.objects.none(), required=False, label=_("defect category"),
        help_text=_("Classifies the work order a failure of this item opens."),
    )

    class Meta:
        model = ChecklistItem
        fields = ["section", "text", "text_zh", "standard", "standard_zh", "answer_type", "weight", "critical", "required", "min_value", "max_value", "unit"]
        widgets = {"standard": forms.Textarea(attrs={"rows": 2}), "standard_zh": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, version, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = bilingual_helper(self)
        self.fields["section"].queryset = version.sections.all()
        self.fields["defect_category"].queryset = AssetCategory.objects.filter(property_id=version.template.property_id)
        if self.instance.pk:
            self.fields["defect_category"].initial = selectors.defect_category(self.instance)
        self.instance.version = version

    def extra_snapshot(self, instance):
        return {"defect_category": selectors.defect_category(instance)}

    def clean(self):
        data = super().clean()
        if data.get("answer_type") != AnswerType.NUMBER:
            for name in ("min_value", "max_value"):
                if data.get(name) is not None:
                    self.add_error(name, _("Only number items have a minimum and maximum."))
        elif data.get("min_value") is None and data.get("max_value") is None:
            self.add_error("min_value", _("A number item needs a minimum, a maximum or both."))
        return data


class InspectionScheduleForm(OptimisticEditMixin, PropertyFormMixin, forms.ModelForm):
    weekdays = forms.MultipleChoiceField(label=_("Weekdays"), choices=WEEKDAYS, required=False, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = InspectionSchedule
        fields = [
            "name", "name_zh", "template", "scope_kind", "category", "locations", "assets", "frequency", "weekdays", "rrule",
            "starts_on", "ends_on", "window_start", "window_hours", "department", "assignee",
        ]
        widgets = {"starts_on": DATE, "ends_on": DATE, "window_start": TIME,
                   "locations": forms.SelectMultiple(attrs={"size": 8}), "assets": forms.SelectMultiple(attrs={"size": 8})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit("template", ChecklistTemplate.objects.for_property(self.property).filter(kind=TemplateKind.INSPECTION, is_active=True))
        self.limit("category", AssetCategory.objects.for_property(self.property))
        self.limit("locations", Location.objects.for_property(self.property))
        self.limit("assets", Asset.objects.for_property(self.property).select_related("category"))
        self.limit("department", Department.objects.filter(property=self.property))
        self.limit("assignee", selectors.property_members(property=self.property))
        if self.instance.pk and self.instance.weekdays:
            self.initial["weekdays"] = self.instance.weekdays.split(",")

    def clean_weekdays(self):
        return ",".join(sorted(self.cleaned_data.get("weekdays") or []))

    def clean(self):
        data = super().clean()
        scope = data.get("scope_kind")
        if scope == ScopeKind.CATEGORY and not data.get("category"):
            self.add_error("category", _("Choose the asset category to inspect."))
        if scope == ScopeKind.LOCATIONS and not data.get("locations"):
            self.add_error("locations", _("Choose at least one room or area."))
        if scope == ScopeKind.ASSETS and not data.get("assets"):
            self.add_error("assets", _("Choose at least one asset."))
        frequency = data.get("frequency")
        if frequency == Frequency.WEEKLY and not data.get("weekdays"):
            self.add_error("weekdays", _("Choose at least one weekday."))
        if frequency == Frequency.RRULE:
            import datetime as dt

            try:
                parse_rrule(data.get("rrule") or "", dtstart=dt.datetime(2026, 1, 1, 9))
            except ValidationError as exc:
                self.add_error("rrule", exc)
        if data.get("ends_on") and data.get("starts_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", _("The end date is before the start date."))
        template = data.get("template")
        if template and template.current_version_id is None:
            self.add_error("template", _("Publish this checklist before scheduling it."))
        return data


class AnswerForm(forms.Form):
    """One checklist item's answer, posted on its own as the inspector goes."""

    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    photo = PhotoField(label=_("Photo"), required=False)
    fixed_on_spot = forms.BooleanField(label=_("Fixed on the spot"), required=False)
    fix_note = forms.CharField(label=_("What was done"), required=False)

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        self.item = item
        kind = item.answer_type
        if kind == AnswerType.PASS_FAIL:
            self.fields["value"] = forms.TypedChoiceField(
                label=item.text, required=False, choices=[("1", _("Pass")), ("0", _("Fail"))],
                coerce=lambda v: v == "1", empty_value=None, widget=forms.RadioSelect,
            )
        elif kind == AnswerType.SCORE:
            self.fields["value"] = forms.TypedChoiceField(
                label=item.text, required=False, choices=[(str(i), str(i)) for i in range(1, 6)], coerce=int,
                empty_value=None, widget=forms.RadioSelect,
            )
        elif kind == AnswerType.NUMBER:
            self.fields["value"] = forms.DecimalField(label=item.text, required=False, max_digits=12, decimal_places=3,
                                                      widget=forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}))
        elif kind == AnswerType.TEXT:
            self.fields["value"] = forms.CharField(label=item.text, required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def answer_kwargs(self):
        """Only what was posted, so a partial post changes only its own part."""
        data = self.cleaned_data
        kwargs = {}
        if "value" in self.fields and self.add_prefix("value") in self.data:
            kwargs["value"] = data.get("value")
            if self.item.answer_type == AnswerType.TEXT:
                kwargs["value"] = data.get("value") or ""
        if data.get("photo"):
            kwargs["photo"] = data["photo"]
        if self.add_prefix("note") in self.data:
            kwargs["note"] = data.get("note", "")
        if "fix_present" in self.data:
            kwargs["fixed_on_spot"] = data.get("fixed_on_spot", False)
            kwargs["fix_note"] = data.get("fix_note", "")
        return kwargs


class AdhocInspectionForm(forms.Form):
    template = forms.ModelChoiceField(label=_("Checklist"), queryset=ChecklistTemplate.objects.none())

    def __init__(self, *args, property, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = ChecklistTemplate.objects.for_property(property).filter(
            kind=TemplateKind.INSPECTION, is_active=True, current_version__isnull=False
        )


class WorkOrderReportForm(forms.Form):
    title = forms.CharField(label=_("What is wrong"), max_length=200)
    description = forms.CharField(label=pgettext_lazy("description", "Details"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    location = forms.ModelChoiceField(label=_("Room or area"), queryset=Location.objects.none(), required=False)
    asset = forms.ModelChoiceField(label=_("Asset"), queryset=Asset.objects.none(), required=False)
    priority = forms.ChoiceField(label=_("Priority"), choices=Priority.choices, initial=Priority.NORMAL)
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.none(), required=False)
    photo = PhotoField(label=_("Photo"), required=False)

    def __init__(self, *args, property, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location"].queryset = Location.objects.for_property(property)
        self.fields["asset"].queryset = Asset.objects.for_property(property)
        self.fields["department"].queryset = Department.objects.filter(property=property)

    def clean(self):
        data = super().clean()
        if not data.get("location") and not data.get("asset"):
            self.add_error("location", _("Say where the defect is: a room/area or an asset."))
        return data


class WorkOrderActionForm(forms.Form):
    to_status = forms.ChoiceField(choices=WorkOrderStatus.choices, widget=forms.HiddenInput)
    # The work order's version when the page was opened: a move made on a stale page is refused.
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    assignee = forms.ModelChoiceField(label=_("Assign to"), queryset=None, required=False)
    resolution = forms.CharField(label=_("Repair done"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    parts = forms.CharField(label=_("Parts used"), required=False)
    cost = forms.DecimalField(label=_("Cost"), required=False, min_value=0, max_digits=10, decimal_places=2)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, property, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assignee"].queryset = selectors.assignable_users(property=property)


class WorkOrderPhotoForm(forms.Form):
    image = PhotoField(label=_("Photo"))
    caption = forms.CharField(label=_("Caption"), required=False, max_length=200)



class WorkOrderSlaForm(OptimisticEditMixin, forms.ModelForm):
    class Meta:
        model = WorkOrderSla
        fields = ["resolve_hours", "warn_hours"]

    def clean(self):
        data = super().clean()
        if data.get("warn_hours") is not None and data.get("resolve_hours") is not None and data["warn_hours"] >= data["resolve_hours"]:
            self.add_error("warn_hours", _("The warning must come before the due time."))
        return data
