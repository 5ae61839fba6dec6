import django_tables2 as tables
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from facilities.tables import NOWRAP
from hotelqa.i18n import localized
from hotelqa.table_rows import RowsTable, absolute_url

from .models import Audit, AuditPlan, AuditStatus, CorrectiveAction

BADGES = {"due": "secondary", "in_progress": "info", "submitted": "success", "overdue": "danger",
          "plan": "secondary", "do": "info", "check": "warning", "act": "success"}


def badge(value, code):
    return format_html('<span class="badge text-bg-{}">{}</span>', BADGES.get(code, "secondary"), value)


class AuditTable(RowsTable):
    card_title, card_deadline, card_fields = "number", "due_at", ("checklist", "scope", "status", "score")
    card_action = _("View")
    number = tables.Column(verbose_name=_("No."), accessor="pk", linkify=absolute_url)
    checklist = tables.Column(verbose_name=_("Checklist"), accessor="version__template", orderable=False)
    scope = tables.Column(verbose_name=_("Scope"), empty_values=(), orderable=False)
    method = tables.Column(verbose_name=_("Method"), attrs=NOWRAP)
    due_at = tables.DateTimeColumn(verbose_name=_("Due by"), format="Y-m-d H:i", attrs=NOWRAP)
    status = tables.Column(verbose_name=_("Status"), attrs=NOWRAP)
    score = tables.Column(verbose_name=_("Score"))

    class Meta:
        model = Audit
        fields = ["number", "checklist", "scope", "method", "due_at", "status", "inspector", "score"]
        attrs = {"class": "table table-sm table-hover align-middle"}

    def card_action_label(self, record):
        return _("Fill in") if record.status in AuditStatus.open_values() else _("View")

    def render_number(self, record):
        return record.number

    def value_number(self, record):
        return record.number

    def render_scope(self, record):
        return record.scope_label

    def render_status(self, value, record):
        return badge(value, record.status)

    def value_status(self, value):
        return value

    def render_score(self, value, record):
        text = f"{value:.0f}%"
        return badge(text, "submitted" if record.passed else "overdue")

    def value_score(self, value):
        return value

    def render_inspector(self, value, record):
        # A mystery guest's audit does not name its auditor in lists either.
        return value


class ActionTable(RowsTable):
    card_title, card_deadline, card_fields = "number", "due_at", ("finding", "department", "owner", "status")
    card_action = pgettext_lazy("action", "Open")
    number = tables.Column(verbose_name=_("No."), accessor="pk", linkify=absolute_url)
    finding = tables.Column(verbose_name=_("Finding"), accessor="finding__item", orderable=False)
    due_at = tables.DateTimeColumn(verbose_name=_("Due"), format="Y-m-d H:i", attrs=NOWRAP)
    status = tables.Column(verbose_name=_("Step"), attrs=NOWRAP)

    class Meta:
        model = CorrectiveAction
        fields = ["number", "finding", "department", "owner", "status", "due_at"]
        attrs = {"class": "table table-sm table-hover align-middle"}

    def render_number(self, record):
        return record.number

    def value_number(self, record):
        return record.number

    def render_finding(self, value):
        return localized(value, "text")

    def value_finding(self, value):
        return localized(value, "text")

    def render_status(self, value, record):
        html = badge(value, record.status)
        if record.is_overdue:
            return format_html('{} <span class="badge text-bg-danger">{}</span>', html, _("overdue"))
        return html

    def value_status(self, value, record):
        return f"{value} · {_('overdue')}" if record.is_overdue else value


class PlanTable(RowsTable):
    card_title, card_fields = "name", ("department", "method", "frequency", "inspector")
    card_action = pgettext_lazy("action", "Open")
    name = tables.Column(verbose_name=pgettext_lazy("thing", "Name"), linkify=True)
    template = tables.Column(verbose_name=_("Checklist"))
    is_active = tables.BooleanColumn(verbose_name=_("Active"))

    class Meta:
        model = AuditPlan
        fields = ["name", "template", "department", "method", "frequency", "inspector", "is_active"]
        attrs = {"class": "table table-sm table-hover align-middle"}

    def render_name(self, record):
        return localized(record, "name")

    def value_name(self, record):
        return localized(record, "name")
