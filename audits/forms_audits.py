"""Forms of audit plans, audits, the mystery guest's questionnaire and corrective actions."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from facilities.forms import AnswerForm, PropertyFormMixin
from hotelqa.checklists.choices import TemplateKind
from hotelqa.checklists.models import ChecklistTemplate
from hotelqa.forms import OptimisticEditMixin
from hotelqa.models import Department, StaffMember, User
from hotelqa.submissions import OnceFormMixin
from hotelqa.uploads import PhotoField

from .models import AuditMethod, AuditPlan

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def audit_templates(property):
    return ChecklistTemplate.objects.for_property(property).filter(kind=TemplateKind.AUDIT, is_active=True)


def inspectors(property):
    return User.objects.filter(memberships__property=property, memberships__role__in=["inspector", "manager"], is_active=True).distinct().order_by("username")


def members(property):
    return User.objects.filter(memberships__property=property, is_active=True).distinct().order_by("username")


class AuditPlanForm(OptimisticEditMixin, PropertyFormMixin, forms.ModelForm):
    class Meta:
        model = AuditPlan
        fields = ["name", "name_zh", "template", "department", "area", "area_zh", "process", "process_zh", "method", "frequency", "inspector",
                  "starts_on", "ends_on", "window_days"]
        widgets = {"starts_on": DATE, "ends_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit("template", audit_templates(self.property))
        self.limit("department", Department.objects.filter(property=self.property))
        self.limit("inspector", inspectors(self.property))

    def clean(self):
        data = super().clean()
        template = data.get("template")
        if template is not None and template.current_version_id is None:
            self.add_error("template", _("This checklist has no published version yet."))
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The plan cannot end before it starts."))
        return data


class AuditCreateForm(OnceFormMixin, forms.Form):
    template = forms.ModelChoiceField(label=_("Checklist"), queryset=ChecklistTemplate.objects.none())
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.none())
    method = forms.ChoiceField(label=_("Method"), choices=AuditMethod.choices, initial=AuditMethod.ON_SITE)
    area = forms.CharField(label=_("Area"), max_length=150, required=False)
    process = forms.CharField(label=_("Process"), max_length=150, required=False)

    def __init__(self, *args, property, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = audit_templates(property).filter(current_version__isnull=False)
        self.fields["department"].queryset = Department.objects.filter(property=property)


class MysteryVisitForm(forms.Form):
    auditor_name = forms.CharField(label=_("Your name"), max_length=150)
    visited_at = forms.DateTimeField(label=_("When was your visit?"), widget=DATETIME, input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])

    def clean_visited_at(self):
        value = self.cleaned_data["visited_at"]
        if value > timezone.now():
            raise ValidationError(_("The visit cannot be in the future."))
        return value


def item_forms(items, data=None, files=None, initial=None):
    """One answer form per checklist item (facilities' AnswerForm), prefixed by the item."""
    initial = initial or {}
    return [AnswerForm(data, files, item=item, prefix=f"i{item.pk}", initial=initial.get(item.pk, {})) for item in items]


class ActionPlanForm(forms.Form):
    plan = forms.CharField(label=_("Planned measure"), widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput)


class ActionEvidenceForm(forms.Form):
    evidence = forms.CharField(label=_("Evidence: what was done"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    photo = PhotoField(label=_("Photo"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)


class ActionVerifyForm(forms.Form):
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput)


class ActionReassignForm(forms.Form):
    owner = forms.ModelChoiceField(label=_("Owner"), queryset=User.objects.none())
    due_at = forms.DateTimeField(label=_("Due"), widget=DATETIME, input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"])

    def __init__(self, *args, property, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = members(property)


class FindingStaffForm(forms.Form):
    staff = forms.ModelMultipleChoiceField(label=_("People involved"), queryset=StaffMember.objects.none(), required=False,
                                           widget=forms.SelectMultiple(attrs={"size": 6}))

    def __init__(self, *args, property, department=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = StaffMember.objects.filter(property=property, is_active=True)
        self.fields["staff"].queryset = qs.order_by("name")



