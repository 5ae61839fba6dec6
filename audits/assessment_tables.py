import django_tables2 as tables
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hotelqa.models import StaffMember
from hotelqa.table_rows import RowsTable, absolute_url

from .models import StaffAssessment

STATUS_BADGES = {"draft": "secondary", "submitted": "warning", "approved": "success"}
RATING_BADGES = {"excellent": "success", "good": "primary", "satisfactory": "info", "needs_improvement": "warning", "unsatisfactory": "danger"}


def scorecard_url(staff):
    return reverse("audits:scorecard", args=[staff.pk])


NOWRAP = {"th": {"class": "text-nowrap"}, "td": {"class": "text-nowrap"}}


class AssessmentTable(RowsTable):
    card_title, card_fields = "staff", ("month", "status", "total", "rating")
    card_action = pgettext_lazy("action", "Open")
    staff = tables.Column(verbose_name=_("Staff member"), linkify=absolute_url, order_by=("staff__name",))
    department = tables.Column(verbose_name=_("Department"), accessor="staff__department", order_by=("staff__department__name",))
    month = tables.DateColumn(format="Y-m", verbose_name=_("Month"))
    status = tables.Column(verbose_name=_("Status"), attrs=NOWRAP)
    total = tables.Column(verbose_name=_("Total score"))
    rating = tables.Column(verbose_name=_("Rating"), attrs=NOWRAP)

    class Meta:
        model = StaffAssessment
        fields = ["staff", "department", "month", "status", "total", "rating"]
        attrs = {"class": "table table-sm table-hover align-middle"}

    def render_status(self, value, record):
        return format_html('<span class="badge text-bg-{}">{}</span>', STATUS_BADGES.get(record.status, "secondary"), value)

    def value_status(self, value, record):
        return record.get_status_display()

    def render_rating(self, value, record):
        return format_html('<span class="badge text-bg-{}">{}</span>', RATING_BADGES.get(record.rating, "secondary"), value)

    def value_rating(self, value, record):
        return record.get_rating_display()


class StaffTable(RowsTable):
    card_title, card_fields = "name", ("department", "position")
    card_action = _("Scorecard")
    name = tables.Column(verbose_name=_("Name"), linkify=lambda record: scorecard_url(record))
    staff_number = tables.Column(verbose_name=_("Staff number"))
    department = tables.Column(verbose_name=_("Department"))
    position = tables.Column(verbose_name=_("Position"))

    class Meta:
        model = StaffMember
        fields = ["name", "staff_number", "department", "position"]
        attrs = {"class": "table table-sm table-hover align-middle"}

    def card_action_url(self, record):
        return scorecard_url(record)
