import django_tables2 as tables
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from hotelqa.i18n import localized
from hotelqa.models import StaffMember
from hotelqa.table_rows import RowsTable, absolute_url

from .models import Certification, Course, Proposal, Session

ATTRS = {"class": "table table-sm table-hover align-middle"}
NOWRAP = {"th": {"class": "text-nowrap"}, "td": {"class": "text-nowrap"}}


class StaffTable(RowsTable):
    card_title, card_fields = "name", ("staff_number", "department", "position", "career_level")
    staff_number = tables.Column(verbose_name=_("Staff number"), attrs=NOWRAP)
    name = tables.Column(linkify=lambda record: reverse("training:staff_detail", args=[record.pk]), verbose_name=_("Name"))
    department = tables.Column(verbose_name=_("Department"), order_by=("department__name",))
    career_level = tables.Column(verbose_name=_("Career level"), attrs=NOWRAP)
    is_active = tables.BooleanColumn(verbose_name=_("Active"))

    class Meta:
        model = StaffMember
        fields = ["staff_number", "name", "department", "position", "hire_date", "career_level", "is_active"]
        attrs = ATTRS


class CourseTable(RowsTable):
    card_title, card_fields = "name", ("category", "format", "duration_hours", "pass_mark")
    code = tables.Column(linkify=True, verbose_name=_("Code"), attrs=NOWRAP)
    name = tables.Column(verbose_name=_("Course"), empty_values=(), order_by=("name",))
    validity_months = tables.Column(verbose_name=_("Certificate (months)"))
    is_active = tables.BooleanColumn(verbose_name=_("Offered"))

    class Meta:
        model = Course
        fields = ["code", "name", "category", "format", "duration_hours", "pass_mark", "validity_months", "is_active"]
        attrs = ATTRS

    def render_name(self, record):
        return localized(record, "name")

    def value_name(self, record):
        return localized(record, "name")


class SessionTable(RowsTable):
    card_title, card_deadline, card_fields = "course", "date", ("place", "trainer", "status", "invited")
    date = tables.DateColumn(verbose_name=_("Date"), format="Y-m-d", linkify=absolute_url, attrs=NOWRAP)
    course = tables.Column(verbose_name=_("Course"), order_by=("course__code",))
    invited = tables.Column(verbose_name=_("Invited"), orderable=False)
    present = tables.Column(verbose_name=_("Present"), orderable=False)
    status = tables.Column(verbose_name=_("Status"), attrs=NOWRAP)

    class Meta:
        model = Session
        fields = ["date", "course", "place", "trainer", "status", "invited", "present"]
        attrs = ATTRS


class ProposalTable(RowsTable):
    card_title, card_fields = "course", ("source", "department", "people", "status")
    created_at = tables.DateTimeColumn(verbose_name=_("Proposed"), format="Y-m-d", linkify=absolute_url, attrs=NOWRAP)
    people = tables.Column(verbose_name=_("People"), orderable=False)
    reason = tables.Column(verbose_name=_("Why"), empty_values=(), orderable=False, accessor="why")
    status = tables.Column(verbose_name=_("Status"), attrs=NOWRAP)

    class Meta:
        model = Proposal
        fields = ["created_at", "source", "course", "department", "people", "reason", "status"]
        attrs = ATTRS


class CertificationTable(RowsTable):
    card_title, card_deadline, card_fields = "staff", "expires_on", ("name", "issued_on")
    staff = tables.Column(verbose_name=_("Staff member"), linkify=lambda record: reverse("training:staff_detail", args=[record.staff_id]), order_by=("staff__name",))
    expires_on = tables.DateColumn(verbose_name=_("Expires on"), format="Y-m-d", attrs=NOWRAP)
    issued_on = tables.DateColumn(verbose_name=_("Issued on"), format="Y-m-d", attrs=NOWRAP)

    class Meta:
        model = Certification
        fields = ["staff", "name", "issued_on", "expires_on"]
        attrs = ATTRS
