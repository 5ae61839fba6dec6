from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hotelqa.forms import OptimisticEditMixin
from hotelqa.i18n import bilingual_helper

from .choices import Classification, ConsentChannel
from .models import Guest, PreferenceOption
from .privacy import CLASSIFICATION


class PreferenceChoiceField(forms.ModelMultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj):
        return f"{obj.get_category_display()}: {obj}"


class GuestProfileForm(OptimisticEditMixin, forms.ModelForm):
    """The profile as the front desk keeps it. Fields of a class the editor's role sees masked are
    left out (they can neither read nor overwrite them)."""

    preferences = PreferenceChoiceField(queryset=PreferenceOption.objects.filter(is_active=True), required=False, label=_("Preferences and special needs"))

    class Meta:
        model = Guest
        fields = [
            "name", "other_name", "phone", "email", "id_type", "id_number", "birthday", "company", "guest_type", "language", "vip_level",
            "preferences", "allergies", "special_needs", "marketing_consent", "consent_channel", "notes",
        ]
        widgets = {"birthday": forms.DateInput(attrs={"type": "date"}), "notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, classes, **kwargs):
        super().__init__(*args, **kwargs)
        for name in list(self.fields):
            if CLASSIFICATION.get(name, Classification.PUBLIC) not in classes:
                del self.fields[name]
        self.fields["consent_channel"].help_text = _("Where the guest gave or withdrew consent; the date is recorded on saving.")
        self.helper = bilingual_helper(self, pairs={"name": "other_name"})

    def clean(self):
        data = super().clean()
        if data.get("marketing_consent") and not data.get("consent_channel") and self.instance.consent_channel == "":
            self.add_error("consent_channel", _("Say where the guest gave their consent."))
        if data.get("id_number") and not data.get("id_type"):
            self.add_error("id_type", _("Say which document the number is of."))
        return data

    def save(self, commit=True):
        guest = super().save(commit=False)
        if "marketing_consent" in self.changed_data:
            guest.consent_at = timezone.now()
            if not guest.marketing_consent and not self.cleaned_data.get("consent_channel"):
                guest.consent_channel = ConsentChannel.FRONT_DESK
        if commit:
            guest.save()
            self.save_m2m()
        return guest


class MergeForm(forms.Form):
    other = forms.IntegerField(label=_("Profile to merge into this one (number)"), min_value=1)
    confirm = forms.BooleanField(label=_("I checked that both profiles are the same person"), required=True)


class AnonymizeForm(forms.Form):
    confirm = forms.BooleanField(label=_("Erase this guest's personal data for good"), required=True)


IMPORT_MAX_BYTES = 60 * 1024 * 1024


class StayImportUploadForm(forms.Form):
    file = forms.FileField(label=_("PMS export (CSV or XLSX)"), help_text=_("Arrivals or departures with a reservation number per row; CSV in UTF-8 or GBK."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = (upload.name or "").lower()
        if not name.endswith((".csv", ".xlsx", ".txt")):
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        if upload.size > IMPORT_MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than %(mb)d MB: split it.") % {"mb": IMPORT_MAX_BYTES // (1024 * 1024)})
        return upload


class StayImportMappingForm(forms.Form):
    """One choice per field of ours: which column of the file holds it."""

    def __init__(self, *args, header, **kwargs):
        from .importing import FIELDS, REQUIRED

        super().__init__(*args, **kwargs)
        choices = [("", _("— not in the file —"))] + [(h, h) for h in header if h]
        for fld, (label, _names) in FIELDS.items():
            self.fields[fld] = forms.ChoiceField(label=label, choices=choices, required=fld in REQUIRED)
