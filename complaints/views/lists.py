"""Case lists (all, my queue, department queue) and their CSV/XLSX export."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django_tables2.paginators import LazyPaginator

from hotelqa.exports import FORMATS
from hotelqa.lists import FilteredListView
from hotelqa.permissions import user_can

from ..filters import CaseFilter
from ..models import FINAL_STATUSES, Case
from ..tables import CaseTable, case_export_columns


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
    export_name = "cases"
    export_has_guest_data = True

    def export_columns(self):
        return case_export_columns()

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


LIST_URLS = {"all": "complaints:case_list", "mine": "complaints:case_mine", "department": "complaints:case_department"}


class CaseExportView(CaseListView):
    """The case list's CSV at its own address (scope from ?scope=): same filters and columns."""

    def export_return_url(self):
        return reverse(LIST_URLS[self.scope])

    def get(self, request, *args, **kwargs):
        self.scope = request.GET.get("scope") if request.GET.get("scope") in SCOPES else "all"
        return self.export(request.GET.get("export") if request.GET.get("export") in FORMATS else "csv")
