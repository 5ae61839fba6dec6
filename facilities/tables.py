import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hotelqa.table_rows import RowsTable, absolute_url

from .choices import InspectionStatus
from .models import Asset, Inspection, Location, WorkOrder


class AssetTable(RowsTable):
    card_title, card_fields = "code", ("name", "location", "status", "end_of_life")
    code = tables.Column(linkify=True, verbose_name=_("Asset tag"))
    name = tables.Column(verbose_name=pgettext_lazy("thing", "Name"), accessor="display_name", order_by=("name",))
    location = tables.Column(verbose_name=_("Location"), order_by=("location__building", "location__floor", "location__name"))
    end_of_life = tables.Column(verbose_name=_("Replacement due"))

    class Meta:
        model = Asset
        fields = ["code", "name", "category", "location", "status", "install_date", "end_of_life"]
        attrs = {"class": "table table-sm table-hover align-middle"}

    def render_end_of_life(self, value, record):
        if record.past_expected_life:
            return format_html('<span class="badge text-bg-warning">{} · {}</span>', value, _("past expected life"))
        return value

    def value_end_of_life(self, value, record):
        return f"{value:%Y-%m-%d} · {_('past expected life')}" if record.past_expected_life else f"{value:%Y-%m-%d}"


class LocationTable(RowsTable):
    card_title, card_fields = "name", ("building", "floor", "area_type", "asset_count")
    name = tables.Column(linkify=True, verbose_name=_("Room or area"), accessor="display_name", order_by=("name",))
    asset_count = tables.Column(verbose_name=_("Assets"), orderable=True)

    class Meta:
        model = Location
        fields = ["building", "floor", "name", "area_type", "asset_count"]
        attrs = {"class": "table table-sm table-hover align-middle"}


# Status and priority words keep their width on a phone (Chinese would wrap one character per line).
NOWRAP = {"th": {"class": "text-nowrap"}, "td": {"class": "text-nowrap"}}

STATUS_BADGES = {
    "due": "secondary", "in_progress": "info", "submitted": "success", "overdue": "danger",
    "open": "warning", "assigned": "info", "done": "primary", "verified": "success", "reopened": "danger",
}


def status_badge(value, code):
    return format_html('<span class="badge text-bg-{}">{}</span>', STATUS_BADGES.get(code, "secondary"), value)


class InspectionTable(RowsTable):
    card_title, card_deadline, card_fields = "target", "due_end", ("checklist", "status", "assignee", "passed")
    card_action = _("View")
    target = tables.Column(verbose_name=_("Room / asset"), empty_values=(), orderable=False, linkify=absolute_url)
    checklist = tables.Column(verbose_name=_("Checklist"), accessor="version__template", orderable=False)
    due_end = tables.DateTimeColumn(verbose_name=_("Due by"), format="Y-m-d H:i")
    status = tables.Column(verbose_name=_("Status"), attrs=NOWRAP)
    score = tables.Column(verbose_name=_("Score"))
    passed = tables.Column(verbose_name=_("Result"))

    class Meta:
        model = Inspection
        fields = ["target", "checklist", "due_end", "status", "assignee", "score", "passed"]
        attrs = {"class": "table table-sm table-hover align-middle"}

    def card_action_label(self, record):
        return _("Fill in") if record.status in InspectionStatus.open_values() else _("View")

    def render_target(self, record):
        return record.target_label

    def render_status(self, value, record):
        return status_badge(value, record.status)

    def value_status(self, value):
        return value

    def render_score(self, value):
        return f"{value:.0f}%"

    def render_passed(self, value):
        return status_badge(_("Passed"), "submitted") if value else status_badge(_("Failed"), "overdue")

    def value_passed(self, value):
        return _("Passed") if value else _("Failed")


class WorkOrderTable(RowsTable):
    card_title, card_deadline, card_fields = "number", "due_at", ("title", "location", "priority", "status")
    card_action = pgettext_lazy("action", "Open")
    number = tables.Column(verbose_name=_("No."), accessor="pk", linkify=absolute_url)
    title = tables.Column(verbose_name=_("Defect"), accessor="display_title", order_by=("title",))
    location = tables.Column(verbose_name=_("Where"), empty_values=(), orderable=False)
    due_at = tables.DateTimeColumn(verbose_name=_("Due"), format="Y-m-d H:i", attrs=NOWRAP)
    status = tables.Column(verbose_name=_("Status"), attrs=NOWRAP)
    priority = tables.Column(verbose_name=_("Priority"), attrs=NOWRAP)

    class Meta:
        model = WorkOrder
        fields = ["number", "title", "location", "priority", "department", "assignee", "status", "due_at"]
        attrs = {"class": "table table-sm table-hover align-middle"}

    def render_number(self, record):
        return record.number

    def render_location(self, record):
        return str(record.asset) if record.asset_id else (str(record.location) if record.location_id else "—")

    def render_status(self, value, record):
        badge = status_badge(value, record.status)
        if record.is_overdue:
            return format_html('{} <span class="badge text-bg-danger">{}</span>', badge, _("overdue"))
        return badge

    def value_status(self, value, record):
        return f"{value} · {_('overdue')}" if record.is_overdue else value
