from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .choices import KpiDirection
from .models import KpiTarget


def add_service_errors(form, exc: ValidationError):
    """Put a service's ValidationError next to the fields it names, else on the form."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def message_errors(request, exc: ValidationError):
    """A service's refusal as error messages, for actions that have no form to show them on."""
    for msg in exc.messages:
        messages.error(request, msg)


class KpiTargetForm(forms.ModelForm):
    class Meta:
        model = KpiTarget
        fields = ["target", "warning"]

    def __init__(self, *args, kpi, **kwargs):
        super().__init__(*args, **kwargs)
        self.kpi = kpi
        self.fields["target"].help_text = _("Default: %(value)s %(unit)s") % {"value": kpi.target, "unit": kpi.unit}
        if kpi.direction == KpiDirection.HIGHER_IS_BETTER:
            self.fields["warning"].help_text = _("Below this value the tile turns red (higher is better).")
        else:
            self.fields["warning"].help_text = _("Above this value the tile turns red (lower is better).")

    def clean(self):
        data = super().clean()
        target, warning = data.get("target"), data.get("warning")
        if target is None or warning is None:
            return data
        if self.kpi.unit == "%" and not (Decimal(0) <= target <= 100 and Decimal(0) <= warning <= 100):
            raise forms.ValidationError(_("Percentages must be between 0 and 100."))
        if self.kpi.direction == KpiDirection.HIGHER_IS_BETTER and warning > target:
            self.add_error("warning", _("When higher is better, the warning threshold must not be above the target."))
        if self.kpi.direction == KpiDirection.LOWER_IS_BETTER and warning < target:
            self.add_error("warning", _("When lower is better, the warning threshold must not be below the target."))
        return data
