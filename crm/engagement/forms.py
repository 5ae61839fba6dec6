"""Forms of the engagement pages: recording a follow-up, redeeming and adjusting points, and the
guest's survey."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..models import Dimension, FollowUpOutcome


class FollowUpForm(forms.Form):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=[("", "---------")] + list(FollowUpOutcome.choices))
    note = forms.CharField(label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))


class RedeemForm(forms.Form):
    points = forms.IntegerField(label=_("Points to redeem"), min_value=1, max_value=10_000_000)
    reason = forms.CharField(label=_("Reason"), max_length=200, help_text=_("What the points paid for, e.g. a room night or breakfast."))


class AdjustForm(forms.Form):
    points = forms.IntegerField(label=_("Points (+ or −)"), min_value=-10_000_000, max_value=10_000_000)
    reason = forms.CharField(label=_("Reason"), max_length=200)

    def clean_points(self):
        points = self.cleaned_data["points"]
        if points == 0:
            raise forms.ValidationError(_("An adjustment cannot be zero."))
        return points


SCORE_CHOICES = [(str(i), str(i)) for i in range(1, 6)]
NPS_CHOICES = [(str(i), str(i)) for i in range(0, 11)]


class SurveyForm(forms.Form):
    """One 1–5 radio row per dimension of the template, the 0–10 question and a comment."""

    comment = forms.CharField(label=_("Anything you would like to tell us?"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, template, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(Dimension.choices)
        self.dimension_names = []
        for dim in template.dimensions:
            self.fields[f"score_{dim}"] = forms.TypedChoiceField(
                label=labels.get(dim, dim), choices=SCORE_CHOICES, coerce=int, widget=forms.RadioSelect,
                error_messages={"required": _("Choose a score from 1 to 5.")},
            )
            self.dimension_names.append(f"score_{dim}")
        if template.ask_nps:
            self.fields["nps"] = forms.TypedChoiceField(
                label=_("How likely are you to recommend us to a friend? (0 = not at all, 10 = extremely)"), choices=NPS_CHOICES, coerce=int,
                widget=forms.RadioSelect, error_messages={"required": _("Choose a number from 0 to 10.")},
            )
        self.order_fields(self.dimension_names + ["nps", "comment"])

    def scores(self):
        return {name[len("score_"):]: self.cleaned_data[name] for name in self.dimension_names}
