import django_tables2 as tables
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from hotelqa.exports import choice_text, related_text
from hotelqa.i18n import reader_first
from hotelqa.table_rows import RowsTable, pk_url

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
        return self.case_url(record.pk)

    @cached_property
    def case_url(self):
        return pk_url("complaints:case_detail")

    def render_deadline(self, record):
        return deadline_badge(record)

    def render_guest(self, value):
        return value.shown_name

    def render_description(self, record):
        # The reader's language first, when staff typed the other one (see the case page).
        value = reader_first(record.description, record.description_translation)[0]
        return value if len(value) <= 60 else value[:57] + "…"


def case_export_columns():
    """Columns of the case list's export: more than the page shows (deadlines, resolution)."""
    return [
        (_("Number"), lambda c: c.number), (_("Kind"), choice_text("kind")),
        (_("Status"), choice_text("status")), (_("Received"), lambda c: c.received_at),
        (_("Channel"), choice_text("channel")), (_("Grade"), choice_text("grade")),
        (_("Category"), choice_text("category")), (_("Guest"), lambda c: c.guest.name if c.guest else ""),
        (_("Room"), lambda c: c.room_number), (_("Department"), related_text("department")),
        (_("Assignee"), related_text("assignee")), (_("Response due"), lambda c: c.response_due),
        (_("Resolution due"), lambda c: c.resolution_due), (_("Resolved"), lambda c: c.resolved_at),
        (_("Satisfaction"), lambda c: c.satisfaction or ""), (_("What happened"), lambda c: c.description),
        (_("What happened, in the other language"), lambda c: c.description_translation),
    ]


def revisit_export_columns():
    return [
        (_("Number"), lambda r: r.case.number), (_("Due"), lambda r: r.due_at),
        (_("Guest"), lambda r: r.case.guest.name if r.case.guest else ""), (_("Room"), lambda r: r.case.room_number),
        (_("Category"), choice_text("case.category")), (_("What happened"), lambda r: r.case.description),
        (_("Outcome"), choice_text("outcome")), (_("Note"), lambda r: r.summary),
    ]
