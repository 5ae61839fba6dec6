import django_tables2 as tables
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hotelqa.table_rows import RowsTable

from .models import Case
from .templatetags.complaints_tags import deadline_badge


# Short words in narrow columns: on a phone, Chinese status and grade words otherwise wrap one
# character per line, so these columns keep their width and the table scrolls instead.
NOWRAP = {"th": {"class": "text-nowrap"}, "td": {"class": "text-nowrap"}}


class CaseTable(RowsTable):
    card_title, card_deadline, card_fields = "number", "deadline", ("status", "room_number", "guest", "description")
    card_action = _("Open case")
    number = tables.LinkColumn("complaints:case_detail", args=[tables.A("pk")], verbose_name=_("Number"), attrs=NOWRAP)
    status = tables.Column(verbose_name=_("Status"), attrs=NOWRAP)
    kind = tables.Column(verbose_name=_("Kind"), attrs=NOWRAP)
    grade = tables.Column(verbose_name=_("Grade"), attrs=NOWRAP)
    received_at = tables.DateTimeColumn(format="Y-m-d H:i", verbose_name=_("Received"), attrs=NOWRAP)
    guest = tables.Column(verbose_name=_("Guest"), order_by=("guest__name",))
    room_number = tables.Column(verbose_name=_("Room"), attrs=NOWRAP)
    deadline = tables.Column(verbose_name=_("Deadline"), accessor="pk", orderable=False, attrs=NOWRAP)
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


def _when(value):
    return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""


def case_export_columns():
    """Columns of the case list's export: more than the page shows (deadlines, resolution)."""
    return [
        (_("Number"), lambda c: c.number), (_("Kind"), lambda c: c.get_kind_display()),
        (_("Status"), lambda c: c.get_status_display()), (_("Received"), lambda c: _when(c.received_at)),
        (_("Channel"), lambda c: c.get_channel_display()), (_("Grade"), lambda c: c.get_grade_display()),
        (_("Category"), lambda c: c.get_category_display()), (_("Guest"), lambda c: c.guest.name if c.guest else ""),
        (_("Room"), lambda c: c.room_number), (_("Department"), lambda c: c.department or ""),
        (_("Assignee"), lambda c: c.assignee or ""), (_("Response due"), lambda c: _when(c.response_due)),
        (_("Resolution due"), lambda c: _when(c.resolution_due)), (_("Resolved"), lambda c: _when(c.resolved_at)),
        (_("Satisfaction"), lambda c: c.satisfaction or ""), (_("What happened"), lambda c: c.description),
    ]


def revisit_export_columns():
    return [
        (_("Number"), lambda r: r.case.number), (_("Due"), lambda r: _when(r.due_at)),
        (_("Guest"), lambda r: r.case.guest.name if r.case.guest else ""), (_("Room"), lambda r: r.case.room_number),
        (_("Category"), lambda r: r.case.get_category_display()), (_("What happened"), lambda r: r.case.description),
        (_("Outcome"), lambda r: r.get_outcome_display()), (_("Note"), lambda r: r.summary),
    ]
