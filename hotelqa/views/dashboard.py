from django.contrib import messages
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from .. import kpi_registry
from ..dashboard import DashboardFilterForm, kpi_by_department, kpi_tiles
from ..mixins import PropertyRequiredMixin
from ..ui import panels_for


class DashboardMixin(PropertyRequiredMixin):
    permission_required = "hotelqa.view_kpisnapshot"

    def filters(self):
        # A property may be chosen only where the role held there reads the dashboard.
        properties = [p for p in self.request.accessible_properties if self.has_permission_at(p)]
        form = DashboardFilterForm(
            self.request.GET or None,
            properties=properties,
            allow_all=self.request.user.sees_all_properties and len(properties) > 1,
            active_property=self.request.property,
        )
        if self.request.GET and not form.is_valid():
            messages.error(self.request, _("Some filters were not valid; showing the last 30 days instead."))
        properties, start, end, granularity = form.resolve(self.request.property)
        return form, properties, start, end, granularity


class DashboardView(DashboardMixin, TemplateView):
    template_name = "hotelqa/dashboard.html"

    def get_context_data(self, **kwargs):
        form, properties, start, end, granularity = self.filters()
        self.request.dashboard_scope = {"properties": properties, "start": start, "end": end}
        tiles = kpi_tiles(properties=properties, start=start, end=end, granularity=granularity)
        return super().get_context_data(
            form=form,
            tiles=tiles,
            charts=[{"id": f"chart-{i}", "labels": t.labels, "series": t.series, "target": float(t.target)} for i, t in enumerate(tiles)],
            properties=properties,
            start=start,
            end=end,
            query=self.request.GET.urlencode(),
            panels=panels_for(self.request, "dashboard", self.request.role),
            **kwargs,
        )


class KpiDetailView(DashboardMixin, TemplateView):
    template_name = "hotelqa/kpi_detail.html"

    def get_context_data(self, **kwargs):
        try:
            kpi = kpi_registry.get(self.kwargs["code"])
        except KeyError:
            raise Http404
        if not kpi.is_tile:
            raise Http404
        form, properties, start, end, granularity = self.filters()
        [tile] = kpi_tiles(properties=properties, start=start, end=end, granularity=granularity, kpis=[kpi])
        departments = kpi_by_department(kpi=kpi, property=properties[0], start=start, end=end) if len(properties) == 1 else []
        return super().get_context_data(
            kpi=kpi,
            tile=tile,
            form=form,
            chart={"id": "chart-detail", "labels": tile.labels, "series": tile.series, "target": float(tile.target)},
            rows=list(zip(tile.labels, tile.series)),
            departments=departments,
            properties=properties,
            start=start,
            end=end,
            **kwargs,
        )
