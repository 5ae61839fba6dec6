"""Case lists (all, my queue, department queue) and their CSV export."""

import csv

from django.contrib import messages
from django.http import HttpResponseRedirect, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django_tables2.paginators import LazyPaginator

from hotelqa.lists import FilteredListView
from hotelqa.mixins import PropertyListMixin
from hotelqa.permissions import user_can

from ..filters import CaseFilter
from ..models import FINAL_STATUSES, Case
from ..tables import CaseTable


SCOPES = ("all", "mine", "department")


def scope_cases(request, qs, scope):
    """Narrow the active property's cases to a list scope; returns (queryset, department)."""
    qs = qs.select_related("guest", "department", "assignee")
    department = None
    if scope == "mine":
        qs = qs.filter(assignee=request.user).exclude(status__in=FINAL_STATUSES)
    elif scope == "department":
        membership = request.user.membership_in(request.property)
        department = membership.department if membership else None
        qs = qs.exclude(status__in=FINAL_STATUSES)
        if department is not None:
            qs = qs.filter(department=department)
    return qs, department


class CaseListView(FilteredListView):
    """All cases of the active property (scope "all"), my queue ("mine") or a department's ("department")."""

    model = Case
    permission_required = "complaints.view_case"
    table_class = CaseTable
    filterset_class = CaseFilter
    template_name = "complaints/case_list.html"
    scope = "all"

    def get_queryset(self):
        qs, self.department = scope_cases(self.request, super().get_queryset(), self.scope)
        return qs

    def get_table_kwargs(self):
        return {"order_by": "resolution_due"} if self.scope != "all" and "sort" not in self.request.GET else {}

    def get_table_pagination(self, table):
        options = super().get_table_pagination(table)
        if self.request.GET.get("q", "").strip():
            # Counting every match of a word search means reading every case of the property;
            # a search shows "next" while there is more instead of a page total.
            options["paginator_class"] = LazyPaginator
        return options

    def get_context_data(self, **kwargs):
        titles = {"all": _("All cases"), "mine": _("My queue"), "department": _("Department queue")}
        title = titles[self.scope]
        if self.scope == "department" and getattr(self, "department", None):
            title = f"{title}: {self.department}"
        context = super().get_context_data(
            scope=self.scope, query=self.request.GET.urlencode(),
            filters_used=any(v for k, v in self.request.GET.items() if k not in ("q", "page", "sort")),
            can_add=user_can(self.request.user, "complaints.add_case", self.request.property), **kwargs
        )
        context["title"] = title  # FilteredListView sets the class's fixed title; this one depends on the scope
        return context


class Echo:
    def write(self, value):
        return value


def csv_safe(value):
    """Text a spreadsheet will not run as a formula (guests can type case text via the QR page)."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


LIST_URLS = {"all": "complaints:case_list", "mine": "complaints:case_mine", "department": "complaints:case_department"}


@method_decorator(never_cache, name="dispatch")
class CaseExportView(PropertyListMixin, View):
    """CSV of exactly the filtered list, streamed so a long list does not sit in memory. A filter
    the list would refuse (a department of another property) refuses the export too: ignoring it
    would export every case."""

    model = Case
    permission_required = "complaints.view_case"
    COLUMNS = [
        ("number", gettext_lazy("Number")), ("kind", gettext_lazy("Kind")), ("status", gettext_lazy("Status")),
        ("received", gettext_lazy("Received")), ("channel", gettext_lazy("Channel")), ("grade", gettext_lazy("Grade")),
        ("category", gettext_lazy("Category")), ("guest", gettext_lazy("Guest")), ("room", gettext_lazy("Room")),
        ("department", gettext_lazy("Department")), ("assignee", gettext_lazy("Assignee")),
        ("response_due", gettext_lazy("Response due")), ("resolution_due", gettext_lazy("Resolution due")),
        ("resolved", gettext_lazy("Resolved")), ("satisfaction", gettext_lazy("Satisfaction")),
        ("description", gettext_lazy("What happened")),
    ]

    def get(self, request, *args, **kwargs):
        scope = request.GET.get("scope") if request.GET.get("scope") in SCOPES else "all"
        qs, _department = scope_cases(request, Case.objects.for_property(request.property), scope)
        filterset = CaseFilter(request.GET or None, queryset=qs, property=request.property)
        if filterset.is_bound and not filterset.is_valid():
            messages.error(request, _("Nothing was exported: correct the filters marked below first."))
            return HttpResponseRedirect(f"{reverse(LIST_URLS[scope])}?{request.GET.urlencode()}")
        qs = filterset.qs.order_by("-received_at")

        def fmt(value):
            return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if value else ""

        def rows():
            yield [str(label) for _key, label in self.COLUMNS]
            for c in qs.iterator(chunk_size=500):
                yield [
                    c.number, c.get_kind_display(), c.get_status_display(), fmt(c.received_at), c.get_channel_display(),
                    c.get_grade_display(), c.get_category_display(), c.guest.name if c.guest else "", c.room_number,
                    str(c.department or ""), str(c.assignee or ""), fmt(c.response_due), fmt(c.resolution_due),
                    fmt(c.resolved_at), c.satisfaction or "", c.description,
                ]

        writer = csv.writer(Echo())
        response = StreamingHttpResponse((writer.writerow([csv_safe(v) for v in r]) for r in rows()), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="cases-{request.property.code}-{timezone.localdate():%Y%m%d}.csv"'
        return response
