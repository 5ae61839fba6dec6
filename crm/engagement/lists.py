"""Filters and tables of the segment and survey lists."""

import django_filters as df
import django_tables2 as tables
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hotelqa.table_rows import RowsTable

from ..choices import GuestType
from ..models import GuestSegment, Lifecycle, Survey, SurveySource, ValueSegment


class SegmentFilter(df.FilterSet):
    lifecycle = df.ChoiceFilter(label=_("Lifecycle"), choices=Lifecycle.choices)
    value = df.ChoiceFilter(label=_("Value"), choices=ValueSegment.choices)
    guest_type = df.ChoiceFilter(label=_("Guest type"), choices=GuestType.choices)

    class Meta:
        model = GuestSegment
        fields = ["lifecycle", "value", "guest_type"]

    def __init__(self, *args, property, **kwargs):
        super().__init__(*args, **kwargs)
        self.property = property


class SegmentTable(RowsTable):
    card_title, card_fields = "guest", ("lifecycle", "value", "last_departure", "stays_12m", "spend_12m")
    guest = tables.Column(verbose_name=_("Guest"), linkify=lambda record: reverse("crm:guest_detail", args=[record.guest_id]), order_by=("guest__name",))
    lifecycle = tables.Column(verbose_name=_("Lifecycle"))
    value = tables.Column(verbose_name=_("Value"))
    rfm = tables.Column(verbose_name="RFM", empty_values=(), orderable=False)
    guest_type = tables.Column(verbose_name=_("Guest type"))
    last_departure = tables.DateColumn(verbose_name=_("Last departure"), format="Y-m-d")
    stays_12m = tables.Column(verbose_name=_("Stays in 12 months"))
    spend_12m = tables.Column(verbose_name=_("Spend in 12 months"))

    class Meta:
        model = GuestSegment
        fields = ["guest", "lifecycle", "value", "rfm", "guest_type", "last_departure", "stays_12m", "spend_12m"]
        attrs = {"class": "table table-sm table-hover align-middle"}

    def render_guest_type(self, value, record):
        return GuestType(value).label if value in GuestType.values else value

    def value_guest_type(self, value, record):
        return str(self.render_guest_type(value, record))


class SurveyFilter(df.FilterSet):
    q = df.CharFilter(label=_("Guest"), method="search")
    source = df.ChoiceFilter(label=_("Sent"), choices=SurveySource.choices)
    answered = df.BooleanFilter(label=_("Answered"), field_name="answered_at", lookup_expr="isnull", exclude=True)

    class Meta:
        model = Survey
        fields = ["q", "source", "answered"]

    def __init__(self, *args, property, **kwargs):
        super().__init__(*args, **kwargs)
        self.property = property

    def search(self, queryset, name, value):
        return queryset.filter(Q(guest__name__icontains=value))


class SurveyTable(RowsTable):
    card_title, card_fields = "guest", ("source", "sent_at", "answered_at", "overall", "nps")
    card_action = pgettext_lazy("action", "Open")
    guest = tables.Column(verbose_name=_("Guest"), linkify=lambda record: reverse("crm:survey_detail", args=[record.pk]), order_by=("guest__name",))
    source = tables.Column(verbose_name=_("Sent"))
    sent_at = tables.DateTimeColumn(verbose_name=_("Sent on"), format="Y-m-d H:i")
    answered_at = tables.DateTimeColumn(verbose_name=_("Answered"), format="Y-m-d H:i")
    overall = tables.Column(verbose_name=_("Overall"))
    nps = tables.Column(verbose_name=_("Recommend (0–10)"))
    low_score_case = tables.Column(verbose_name=_("Complaint opened"))

    class Meta:
        model = Survey
        fields = ["guest", "source", "sent_at", "answered_at", "overall", "nps", "low_score_case"]
        attrs = {"class": "table table-sm table-hover align-middle"}

    def card_action_url(self, record):
        return reverse("crm:survey_detail", args=[record.pk])
