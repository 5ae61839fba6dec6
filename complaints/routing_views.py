"""Settings → Routing rules: admins edit the keywords that route new cases at their property."""

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import CreateView, ListView, UpdateView
from django.views.generic.detail import SingleObjectMixin

from hotelqa.mixins import PropertyCreateMixin, PropertyListMixin, PropertyObjectMixin, PropertyRequiredMixin

from .models import RoutingRule
from .routing import routing_rules_seed
from .rules import split_keywords


class RoutingRuleForm(forms.ModelForm):
    class Meta:
        model = RoutingRule
        fields = ["order", "keywords", "category", "department_kind", "is_active"]
        widgets = {"keywords": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False

    def clean_keywords(self):
        words = split_keywords(self.cleaned_data["keywords"])
        if not words:
            raise forms.ValidationError(_("Give at least one keyword."))
        return ", ".join(words)


class RoutingRuleListView(PropertyListMixin, ListView):
    model = RoutingRule
    permission_required = "complaints.view_routingrule"
    template_name = "complaints/routingrule_list.html"
    context_object_name = "rules"


class RoutingRuleSeedView(PropertyRequiredMixin, View):
    permission_required = "complaints.add_routingrule"
    http_method_names = ["post"]

    def post(self, request):
        routing_rules_seed(property=request.property)
        messages.success(request, _("The standard rules are now this hotel's own: edit them below."))
        return redirect("complaints:routingrule_list")


class RoutingRuleCreateView(PropertyCreateMixin, CreateView):
    model = RoutingRule
    form_class = RoutingRuleForm
    permission_required = "complaints.add_routingrule"
    template_name = "complaints/routingrule_form.html"
    success_url = reverse_lazy("complaints:routingrule_list")
    extra_context = {"title": gettext_lazy("New routing rule")}


class RoutingRuleUpdateView(PropertyObjectMixin, UpdateView):
    model = RoutingRule
    form_class = RoutingRuleForm
    permission_required = "complaints.change_routingrule"
    template_name = "complaints/routingrule_form.html"
    success_url = reverse_lazy("complaints:routingrule_list")
    extra_context = {"title": gettext_lazy("Edit routing rule")}


class RoutingRuleDeleteView(PropertyObjectMixin, SingleObjectMixin, View):
    model = RoutingRule
    permission_required = "complaints.delete_routingrule"
    http_method_names = ["post"]

    def post(self, request, pk):
        self.get_object().delete()
        messages.success(request, _("Routing rule deleted."))
        return redirect("complaints:routingrule_list")
