import datetime as dt
from decimal import Decimal

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from hotelqa.i18n import localized

from .assessment_selectors import staff_visible_to
from .assessment_services import current_month, may_assess
from .choices import AssessmentStatus, ConsequenceKind, ScoreSource
from .models import AssessmentConsequence

MONTH = forms.TextInput(attrs={"type": "month", "placeholder": "2026-01"})


def parse_month(value):
    try:
        year, month = (int(part) for part in str(value).strip().split("-")[:2])
        return dt.date(year, month, 1)
    except (TypeError, ValueError):
        return None


class MonthField(forms.CharField):
    widget = MONTH
    default_error_messages = {"invalid": _("Enter a month as YYYY-MM.")}

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return None
        month = parse_month(value)
        if month is None or month.year < 2000:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return month


class AssessmentCreateForm(forms.Form):
    staff = forms.ModelChoiceField(label=_("Staff member"), queryset=None)
    month = MonthField(label=_("Month"), help_text=_("The month assessed, e.g. last month."))

    def __init__(self, *args, property, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["staff"].queryset = staff_visible_to(user=user, property=property).filter(is_active=True).exclude(user=user)
        if not self.is_bound:
            last = current_month() - dt.timedelta(days=1)
            self.initial.setdefault("month", f"{last:%Y-%m}")

    def clean(self):
        data = super().clean()
        staff = data.get("staff")
        if staff is not None and not may_assess(self.user, staff, "audits.add_staffassessment"):
            self.add_error("staff", _("You may not assess this person."))
        return data


class AssessmentScoreForm(forms.Form):
    """One score field and one note per criterion; data-filled criteria show their score only."""

    comment = forms.CharField(label=_("Supervisor's comment"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=4000)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, assessment, scores, **kwargs):
        kwargs.setdefault("initial", {"comment": assessment.comment, "version": assessment.version})
        super().__init__(*args, **kwargs)
        self.rows = []
        for row in scores:
            note = forms.CharField(label=_("Note"), required=False, max_length=300, initial=row.note)
            self.fields[f"note_{row.pk}"] = note
            if row.source == ScoreSource.SUPERVISOR:
                self.fields[f"score_{row.pk}"] = forms.DecimalField(
                    label=localized(row.criterion, "name"), required=False, min_value=Decimal(0), max_value=Decimal(100), decimal_places=1,
                    initial=row.score, widget=forms.NumberInput(attrs={"step": "0.5", "min": 0, "max": 100, "inputmode": "decimal"}),
                    validators=[MinValueValidator(0), MaxValueValidator(100)])
            self.rows.append(row)

    def row_fields(self):
        return [(row, self[f"score_{row.pk}"] if f"score_{row.pk}" in self.fields else None, self[f"note_{row.pk}"]) for row in self.rows]

    def scores(self):
        data = self.cleaned_data
        return {row.pk: (data.get(f"score_{row.pk}"), data.get(f"note_{row.pk}", "")) for row in self.rows}


class AssessmentMoveForm(forms.Form):
    to_status = forms.ChoiceField(choices=AssessmentStatus.choices, widget=forms.HiddenInput)
    note = forms.CharField(label=_("Note to the supervisor"), help_text=_("Needed when you return the assessment."), required=False, widget=forms.Textarea(attrs={"rows": 2}), max_length=4000)
    version = forms.IntegerField(widget=forms.HiddenInput)


class ConsequenceForm(forms.ModelForm):
    class Meta:
        model = AssessmentConsequence
        fields = ["kind", "amount", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["amount"].help_text = _("For a bonus or a deduction only.")
        self.fields["kind"].choices = [("", "---------")] + list(ConsequenceKind.choices)
