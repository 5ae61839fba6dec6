"""Group-wide settings of the engagement side: loyalty tiers and their rules, survey templates."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from hotelqa.admin_scoping import GroupWideAdmin
from hotelqa.i18n import side_by_side

from ..models import Dimension, LoyaltyTier, SurveyTemplate


@admin.register(LoyaltyTier)
class LoyaltyTierAdmin(GroupWideAdmin):
    list_display = ["name", "name_zh", "rank", "min_nights", "min_spend", "earn_rate"]
    fields = [*side_by_side("name"), "code", "rank", ("min_nights", "min_spend"), "earn_rate"]


class SurveyTemplateForm(forms.ModelForm):
    dimensions = forms.MultipleChoiceField(label=_("Dimensions"), choices=Dimension.choices, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = SurveyTemplate
        fields = "__all__"


@admin.register(SurveyTemplate)
class SurveyTemplateAdmin(GroupWideAdmin):
    form = SurveyTemplateForm
    list_display = ["name", "source", "ask_nps", "low_score", "valid_days", "is_active"]
    fields = [*side_by_side("name", "intro"), "source", "dimensions", "ask_nps", "low_score", "valid_days", "is_active"]
