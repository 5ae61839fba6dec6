"""Surveys: the list and one survey's link and QR (for the folio), the guest's phone page (no
log-in, the token is the key, in the guest's language, answered once) and the analysis."""

import datetime as dt

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Count, Max
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone, translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import DetailView, TemplateView

from hotelqa.i18n import localized
from hotelqa.kept_figures import kept
from hotelqa.lists import FilteredListView
from hotelqa.mixins import PropertyObjectMixin, PropertyRequiredMixin
from hotelqa.models import Department, Property
from hotelqa.permissions import property_ids_with
from hotelqa.ui import qr_svg

from ...models import Dimension, Lifecycle, Survey, SurveyAnswer
from .. import stats
from ..forms import SurveyForm
from ..lists import SurveyFilter, SurveyTable
from ..surveys import SurveyClosed, survey_answer, survey_open

LANGUAGES = ("en", "zh-hans")


@method_decorator(never_cache, name="dispatch")
class SurveyListView(FilteredListView):
    model = Survey
    permission_required = "crm.view_survey"
    filterset_class = SurveyFilter
    table_class = SurveyTable
    title = _("Satisfaction surveys")
    export_name = "surveys"
    export_has_guest_data = True
    extra_links = ((reverse_lazy("crm:survey_analysis"), _("Analysis"), "crm.view_survey"),)

    def get_queryset(self):
        return super().get_queryset().select_related("guest")


def survey_url(request, survey):
    return request.build_absolute_uri(reverse("crm:survey_public", args=[survey.token]))


@method_decorator(never_cache, name="dispatch")
class SurveyDetailView(PropertyObjectMixin, DetailView):
    """The survey's link and QR code, to print on the folio or send to the guest, and its answers."""

    model = Survey
    permission_required = "crm.view_survey"
    template_name = "crm/engage/survey_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("guest", "template", "stay__room", "department")

    def get_context_data(self, **kwargs):
        url = survey_url(self.request, self.object)
        labels = dict(Dimension.choices)
        answers = [(labels.get(a.dimension, a.dimension), a.score) for a in self.object.answers.all()]
        return super().get_context_data(url=url, qr=qr_svg(url, scale=4), answers=answers, **kwargs)


def _language(request, survey):
    asked = request.GET.get("lang", "")
    return asked if asked in LANGUAGES else survey.language if survey.language in LANGUAGES else "zh-hans"


class SurveyPublicView(View):
    """The guest's page: no log-in; an unknown or forged token is "not found"."""

    def dispatch(self, request, token, *args, **kwargs):
        self.survey = survey_open(token)
        if self.survey is None:
            raise Http404
        self.lang = _language(request, self.survey)
        with translation.override(self.lang):
            request.LANGUAGE_CODE = self.lang
            response = super().dispatch(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
            return response

    def page(self, form=None, closed=None, status=200):
        survey = self.survey
        return render(self.request, "crm/engage/survey_public.html", {
            "survey": survey, "hotel": survey.property, "form": form, "closed": closed, "lang": self.lang,
            "intro": localized(survey.template, "intro"), "title": localized(survey.template, "name"),
        }, status=status)

    def get(self, request):
        survey = self.survey
        if survey.answered_at is not None:
            return self.page(closed=_("This survey has already been answered. Thank you!"))
        if survey.expires_at <= timezone.now():
            return self.page(closed=_("This survey link has expired."))
        return self.page(form=SurveyForm(template=survey.template))

    def post(self, request):
        survey = self.survey
        form = SurveyForm(request.POST, template=survey.template)
        if not form.is_valid():
            return self.page(form=form, status=400)
        try:
            survey_answer(token=survey.token, scores=form.scores(), nps=form.cleaned_data.get("nps"), comment=form.cleaned_data.get("comment", ""))
        except SurveyClosed as exc:
            return self.page(closed=exc.message, status=409)
        except ValidationError as exc:
            for field, errors in getattr(exc, "error_dict", {}).items():
                name = field if field in form.fields else f"score_{field}" if f"score_{field}" in form.fields else None
                form.add_error(name, errors)
            return self.page(form=form, status=400)
        return redirect(f"{reverse('crm:survey_thanks', args=[survey.token])}?lang={self.lang}")


class SurveyThanksView(SurveyPublicView):
    def get(self, request):
        return self.page(closed=_("Thank you! Your answers help us look after you better."))

    def post(self, request):
        return self.get(request)


GROUP_LABELS = {
    "dimension": _("Dimension"), "segment": _("Segment"), "property": _("Hotel"), "department": _("Department"), "month": _("Month"),
}


class AnalysisForm(forms.Form):
    group = forms.ChoiceField(label=_("Group by"), choices=list(GROUP_LABELS.items()), required=False, widget=forms.Select(attrs={"class": "form-select form-select-sm"}))
    start = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date", "class": "form-control form-control-sm"}))
    end = forms.DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date", "class": "form-control form-control-sm"}))

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("The start is after the end."))
        return data


@method_decorator(never_cache, name="dispatch")
class SurveyAnalysisView(PropertyRequiredMixin, TemplateView):
    """Mean, median, standard deviation and NPS by dimension, segment, hotel, department and month."""

    permission_required = "crm.view_survey"
    template_name = "crm/engage/survey_analysis.html"

    def get_context_data(self, **kwargs):
        form = AnalysisForm(self.request.GET or None)
        today = timezone.localdate()
        group, start, end = "dimension", today - dt.timedelta(days=365), today
        if form.is_bound and form.is_valid():
            group = form.cleaned_data["group"] or group
            start = form.cleaned_data["start"] or start
            end = form.cleaned_data["end"] or end
        if group == "property":
            properties = sorted(property_ids_with(self.request.user, "crm.view_survey"))
        else:
            properties = [self.request.property.pk]
        begin = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
        finish = timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min))
        answers = SurveyAnswer.objects.filter(property_id__in=properties, answered_at__gte=begin, answered_at__lt=finish)
        surveys = Survey.objects.filter(property_id__in=properties, answered_at__gte=begin, answered_at__lt=finish)
        # A year of answers is aggregated once per change to them: the answered surveys' count and
        # latest answer (one indexed read) are part of the key, so a new answer is in at once.
        answered = surveys.aggregate(n=Count("pk"), last=Max("answered_at"), last_pk=Max("pk"))
        key = ("survey analysis", tuple(properties), group, begin, finish, timezone.get_current_timezone_name(), *answered.values())
        rows = kept(key, lambda: stats.analysis(answers=answers, surveys=surveys, group=group))
        names = self.key_names(group, [r["key"] for r in rows])
        dimensions = list(Dimension.choices)
        for row in rows:
            row["label"] = names.get(row["key"], "—") if group != "dimension" else ""
            row["cells"] = [(label, row["dimensions"][code]) for code, label in dimensions]
        sent = Survey.objects.filter(property_id__in=properties, sent_at__gte=begin, sent_at__lt=finish).count()
        chart = {
            "labels": [str(label) for _code, label in dimensions],
            "series": [{"label": str(r["label"] or _("All")), "data": [None if c[1] is None else round(c[1], 2) for _label, c in r["cells"]]} for r in rows[:8]],
            "nps": {"labels": [str(r["label"] or _("All")) for r in rows], "data": [None if r["nps"][1] is None else round(r["nps"][1], 1) for r in rows]},
        }
        return super().get_context_data(
            form=form, group=group, group_label=GROUP_LABELS[group], rows=rows, dimensions=dimensions, chart=chart, start=start, end=end,
            sent=sent, answered=answered["n"], **kwargs,
        )

    def key_names(self, group, keys):
        if group == "segment":
            return {**dict(Lifecycle.choices), "": _("Not segmented")}
        if group == "property":
            return {p.pk: str(p) for p in Property.objects.filter(pk__in=[k for k in keys if k])}
        if group == "department":
            return {d.pk: localized(d, "name") for d in Department.objects.filter(pk__in=[k for k in keys if k])} | {None: _("No department (stays)")}
        if group == "month":
            return {k: f"{k:%Y-%m}" for k in keys if k}
        return {}
