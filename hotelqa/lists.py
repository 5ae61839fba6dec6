"""List pages: the active property's records with a filter form and a paginated table, and the
page their "New" button opens. A list and its create page are a few declarative lines:

    class AssetListView(FilteredListView):
        model = Asset
        filterset_class = AssetFilter          # a FilterSet taking `property=` (choices scoped)
        table_class = AssetTable
        title = gettext_lazy("Assets")
        create_url = reverse_lazy("facilities:asset_create")
        extra_links = ((reverse_lazy("facilities:asset_labels"), gettext_lazy("Print QR labels"), "facilities.view_asset"),)

    class AssetCreateView(PropertyCreateView):
        model = Asset
        form_class = AssetForm                 # a form taking `property=` (choices scoped)
        title = gettext_lazy("New asset")

Permissions default to the model's own: the list needs `<app>.view_<model>` and shows "New" to
holders of `<app>.add_<model>`, which the create page needs; set `permission_required` /
`create_permission` where another one applies.

The default template `hotelqa/list.html` shows the title, the links the user may follow, the
filter form, export links and the table; a page with its own layout sets `template_name`. The
create page uses `hotelqa/form.html` unless it sets its own.
"""

from django.contrib.auth import get_permission_codename
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property
from django.views.generic import CreateView, UpdateView
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from .exports import ExportMixin
from .forms import OptimisticUpdateMixin
from .mixins import PropertyCreateMixin, PropertyFormKwargsMixin, PropertyListMixin, PropertyObjectMixin
from .permissions import user_can


def model_permission(model, action: str) -> str:
    """"app_label.<action>_<model>", e.g. "facilities.add_asset"."""
    return f"{model._meta.app_label}.{get_permission_codename(action, model._meta)}"


class ModelPermissionDefault:
    """`permission_required` defaults to the model's `default_action` permission, so a view
    that leaves it out is not left open."""

    default_action = "view"

    def required_permissions(self):
        if self.permission_required is None:
            return (model_permission(self.model or self.queryset.model, self.default_action),)
        return super().required_permissions()


class PropertyFilterMixin:
    """Hands the active property to the filterset, so its choices (departments, categories …)
    are the property's own and a value from another property is refused."""

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["property"] = self.request.property
        return kwargs


class CappedCountPaginator(Paginator):
    """Counts a list's rows up to MAX_PAGES pages. Counting every one of a property's 100,000
    cases took longer than the rest of the page; past the cap the pages stop at MAX_PAGES and the
    table says that more rows match (a filter narrows them; an export has them all)."""

    MAX_PAGES = 100  # 2,500 rows at 25 a page: past that a filter or an export finds a record sooner than paging
    more = False  # more rows match than the pages show

    # From this many rows before a page on, the page's ids are read first (from the list's own
    # indexes) and only its rows are joined with guests, departments, people …: the database
    # otherwise joins every row it skips.
    IDS_FIRST_FROM = 100

    def _queryset(self):
        # django-tables2 pages its BoundRows, whose data wraps the queryset.
        queryset = getattr(getattr(self.object_list, "data", None), "data", self.object_list)
        return queryset if isinstance(queryset, QuerySet) else None

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        queryset = self._queryset()
        if bottom < self.IDS_FIRST_FROM or queryset is None or queryset.query.combinator or not hasattr(self.object_list, "pinned_data"):
            return super().page(number)
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        ids = list(queryset.values_list("pk", flat=True)[bottom:top])
        rows = type(self.object_list)(data=queryset.filter(pk__in=ids), table=self.object_list.table, pinned_data=self.object_list.pinned_data)
        return self._get_page(rows, number, self)

    @cached_property
    def count(self):
        queryset = self._queryset()
        if queryset is None:
            return super().count
        cap = self.MAX_PAGES * self.per_page
        counted = queryset.order_by()[: cap + 1].count()
        self.more = counted > cap
        return min(counted, cap)


class FilteredListView(ModelPermissionDefault, ExportMixin, PropertyListMixin, PropertyFilterMixin, SingleTableMixin, FilterView):
    """Also answers `?export=csv|xlsx` with its filtered rows (set `export_name`, see hotelqa.exports)."""

    # Paginated by the table only: `paginate_by` would make the ListView count and slice the rows
    # a second time.
    table_pagination = {"per_page": 25, "paginator_class": CappedCountPaginator}
    template_name = "hotelqa/list.html"
    title = ""
    create_url = None
    create_permission = None
    extra_links = ()  # (url, label, permission) triples; shown to users holding the permission

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, prop = self.request.user, self.request.property
        context["title"] = self.title
        create_permission = self.create_permission or model_permission(self.model or self.queryset.model, "add")
        if self.create_url and user_can(user, create_permission, prop):
            context["create_url"] = self.create_url
        context["extra_links"] = [(url, label) for url, label, perm in self.extra_links if user_can(user, perm, prop)]
        return context


class PropertyCreateView(ModelPermissionDefault, PropertyCreateMixin, PropertyFormKwargsMixin, CreateView):
    """A new record at the active property; its form is given the property and the page `title`."""

    default_action = "add"
    template_name = "hotelqa/form.html"
    title = ""

    def get_context_data(self, **kwargs):
        kwargs.setdefault("title", self.title)
        return super().get_context_data(**kwargs)


class PropertyUpdateView(ModelPermissionDefault, PropertyObjectMixin, PropertyFormKwargsMixin, OptimisticUpdateMixin, UpdateView):
    """An edit of one of the active property's records (another property's is a 404), refused when
    someone saved it meanwhile; its form is given the property and the page `title`."""

    default_action = "change"
    template_name = "hotelqa/form.html"
    title = ""

    def get_context_data(self, **kwargs):
        kwargs.setdefault("title", self.title)
        return super().get_context_data(**kwargs)
