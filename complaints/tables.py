import django_tables2 as tables
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hotelqa.table_rows import RowsTable

from .models import Case
from .templatetags.complaints_tags import deadline_badge


class CaseTable(RowsTable):
    card_title, card_deadline, card_fields = "number", "deadline", ("status", "room_number", "guest", "description")
    card_action = _("Open case")
    number = tables.LinkColumn("complaints:case_detail", args=[tables.A("pk")], verbose_name=_("Number"))
    received_at = tables.DateTimeColumn(format="Y-m-d H:i", verbose_name=_("Received"))
    guest = tables.Column(verbose_name=_("Guest"), order_by=("guest__name",))
    room_number = tables.Column(verbose_name=_("Room"))
    deadline = tables.Column(verbose_name=_("Deadline"), accessor="pk", orderable=False)
    description = tables.Column(verbose_name=_("What happened"), orderable=False)

    class Meta:
        model = Case
        fields = ["number", "deadline", "status", "kind", "grade", "room_number", "guest", "category", "department", "assignee", "received_at", "description"]
        sequence = fields
        attrs = {"class": "table table-sm table-hover align-middle"}
        order_by = "-received_at"
        empty_text = _("No cases match.")

    def card_action_url(self, record):
        return reverse("complaints:case_detail", args=[record.pk])

    def render_deadline(self, record):
        return deadline_badge(record)

    def render_description(self, value):
        return value if len(value) <= 60 else value[:57] + "…"
