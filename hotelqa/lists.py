"""List pages: the active property's records with a filter form and a paginated table.

A new list page is a few declarative lines:

    class AssetListView(FilteredListView):
        model = Asset
        permission_required = "facilities.view_asset"
        filterset_class = AssetFilter          # a FilterSet taking `property=` (choices scoped)
        table_class = AssetTable
        title = gettext_lazy("Assets")
        create_url = reverse_lazy("facilities:asset_create")
        create_permission = "facilities.add_asset"
        extra_links = ((reverse_lazy("facilities:asset_labels"), gettext_lazy("Print QR labels"), "facilities.view_asset"),)

The default template `hotelqa/list.html` shows the title, the links the user may follow, the
filter form and the table; a page with its own layout sets `template_name`.
"""

from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from .mixins import PropertyListMixin
from .permissions import user_can


class PropertyFilterMixin:
    """Hands the active property to the filterset, so its choices (departments, categories …)
    are the property's own and a value from another property is refused."""

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["property"] = self.request.property
        return kwargs


class FilteredListView(PropertyListMixin, PropertyFilterMixin, SingleTableMixin, FilterView):
    # Paginated by the table only: `paginate_by` would make the ListView count and slice the rows
    # a second time.
    table_pagination = {"per_page": 25}
    template_name = "hotelqa/list.html"
    title = ""
    create_url = None
    create_permission = None
    extra_links = ()  # (url, label, permission) triples; shown to users holding the permission

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, prop = self.request.user, self.request.property
        context["title"] = self.title
        if self.create_url and user_can(user, self.create_permission, prop):
            context["create_url"] = self.create_url
        context["extra_links"] = [(url, label) for url, label, perm in self.extra_links if user_can(user, perm, prop)]
        return context
