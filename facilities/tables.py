import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import Asset, Inspection, Location, WorkOrder


class AssetTable(tables.Table):
    code = tables.Column(linkify=True, verbose_name=_("Asset tag"))
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


class LocationTable(tables.Table):
    name = tables.Column(linkify=True, verbose_name=_("Room or area"))
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


class InspectionTable(tables.Table):
    target = tables.Column(verbose_name=_("Room / asset"), empty_values=(), orderable=False, linkify=lambda record: record.get_absolute_url())
    checklist = tables.Column(verbose_name=_("Checklist"), accessor="version__template__name", orderable=False)
    due_end = tables.DateTimeColumn(verbose_name=_("Due by"), format="Y-m-d H:i")
    status = tables.Column(verbose_name=_("Status"), attrs=NOWRAP)
    score = tables.Column(verbose_name=_("Score"))
    passed = tables.Column(verbose_name=_("Result"))

    class Meta:
        model = Inspection
        fields = ["target", "checklist", "due_end", "status", "assignee", "score", "passed"]
        attrs = {"class": "table table-sm table-hover align-middle"}

    def render_target(self, record):
        return record.target_label

    def render_status(self, value, record):
        return status_badge(value, record.status)

    def render_score(self, value):
        return f"{value:.0f}%"

    def render_passed(self, value):
        return status_badge(_("Passed"), "submitted") if value else status_badge(_("Failed"), "overdue")


class WorkOrderTable(tables.Table):
    number = tables.Column(verbose_name=_("No."), accessor="pk", linkify=lambda record: record.get_absolute_url())
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
