import django_tables2 as tables
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from .models import Case
from .templatetags.complaints_tags import deadline_badge


# Short words in narrow columns: on a phone, Chinese status and grade words otherwise wrap one
# character per line, so these columns keep their width and the table scrolls instead.
NOWRAP = {"th": {"class": "text-nowrap"}, "td": {"class": "text-nowrap"}}


class CaseTable(tables.Table):
    number = tables.LinkColumn("complaints:case_detail", args=[tables.A("pk")], verbose_name=_("Number"), attrs=NOWRAP)
    status = tables.Column(verbose_name=_("Status"), attrs=NOWRAP)
    kind = tables.Column(verbose_name=_("Kind"), attrs=NOWRAP)
    grade = tables.Column(verbose_name=_("Grade"), attrs=NOWRAP)
    received_at = tables.DateTimeColumn(format="Y-m-d H:i", verbose_name=_("Received"), attrs=NOWRAP)
    guest = tables.Column(verbose_name=_("Guest"), order_by=("guest__name",))
    room_number = tables.Column(verbose_name=_("Room"), attrs=NOWRAP)
    # Rendered in Python: a TemplateColumn re-runs every context processor once per row.
    deadline = tables.Column(verbose_name=_("Deadline"), accessor="pk", orderable=False, attrs=NOWRAP)
    description = tables.Column(verbose_name=_("What happened"), orderable=False)

    class Meta:
        model = Case
        fields = ["number", "deadline", "status", "kind", "grade", "room_number", "guest", "category", "department", "assignee", "received_at", "description"]
        sequence = fields
        attrs = {"class": "table table-sm table-hover align-middle"}
        order_by = "-received_at"
        empty_text = _("No cases match.")

    def render_deadline(self, record):
        return render_to_string("complaints/partials/deadline.html", deadline_badge(record))

    def render_description(self, value):
        return value if len(value) <= 60 else value[:57] + "…"
