from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import BooleanField, Case, Value, When
from django.http import Http404
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from .. import kpi_registry
from ..dashboard import DashboardFilterForm, kpi_by_department, kpi_tiles, property_targets, remember_tiles
from ..dashboard_group import department_ranking, property_ranking
from ..mixins import PropertyRequiredMixin
from ..services import day_bounds
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
        properties, department, start, end, granularity = form.resolve(self.request.property)
        # Panels of the dashboard (Pareto, open defects, overdue work, today so far) follow the filters.
        self.request.dashboard_scope = {"properties": properties, "department": department, "start": start, "end": end}
        return form, properties, department, start, end, granularity

    def query_without(self, *names):
        query = self.request.GET.copy()
        for name in names:
            query.pop(name, None)
        return query.urlencode()


class DashboardView(DashboardMixin, TemplateView):
    template_name = "hotelqa/dashboard.html"

    def get_context_data(self, **kwargs):
        form, properties, department, start, end, granularity = self.filters()
        # One property's targets serve its tiles and its department ranking alike.
        targets = property_targets(properties[0]) if len(properties) == 1 else None
        tiles = kpi_tiles(properties=properties, start=start, end=end, granularity=granularity, department=department, targets=targets)
        remember_tiles(self.request, self.request.dashboard_scope, tiles)
        comparison = {}
        drill = self.query_without("property", "department", "page", "rank_by", "granularity")
        if len(properties) > 1:
            kpis, ranked = property_ranking(properties=properties, start=start, end=end, rank_by=form.rank_by)
            comparison.update(group_kpis=kpis, group_rows=ranked, rank_by=form.rank_by)
        elif department is None:
            departments = [d for d in form.departments.values() if d.property_id == properties[0].pk]
            best, weakest = department_ranking(property=properties[0], start=start, end=end, departments=departments, targets=targets)
            comparison.update(
                best_departments=best,
                department_lists=[(_("Best departments"), best, "best"), (_("Weakest departments"), weakest, "weakest")],
            )
        return super().get_context_data(
            drill_query=drill,
            **comparison,
            form=form,
            tiles=tiles,
            charts=[
                {"id": f"chart-{i}", "labels": t.labels, "series": t.series, "target": None if t.target is None else float(t.target)}
                for i, t in enumerate(tiles)
            ],
            properties=properties,
            department=department,
            start=start,
            end=end,
            query=self.request.GET.urlencode(),
            today_panels=panels_for(self.request, "dashboard_today", self.request.role),
            panels=panels_for(self.request, "dashboard", self.request.role),
            **kwargs,
        )


def kpi_records(*, kpi, properties, start, end, department=None):
    """The records a KPI's number over [start, end] (days) is computed from, across properties,
    each marked `kpi_counted` where the KPI counts a share of them."""
    qs = None
    for prop in properties:
        period_start, _end = day_bounds(start, prop.time_zone)
        _start, period_end = day_bounds(end, prop.time_zone)
        part = kpi.records(property=prop, start=period_start, end=period_end, department=department)
        qs = part if qs is None else qs | part
    if kpi.counted is not None:
        qs = qs.annotate(kpi_counted=Case(When(kpi.counted, then=Value(True)), default=Value(False), output_field=BooleanField()))
    return qs


class KpiDetailView(DashboardMixin, TemplateView):
    """A KPI's page: how it is computed, its value and trend, and the records behind the number."""

    template_name = "hotelqa/kpi_detail.html"

    def get_context_data(self, **kwargs):
        try:
            kpi = kpi_registry.get(self.kwargs["code"])
        except KeyError:
            raise Http404
        if not kpi.is_tile:
            raise Http404
        form, properties, department, start, end, granularity = self.filters()
        [tile] = kpi_tiles(properties=properties, start=start, end=end, granularity=granularity, kpis=[kpi], department=department)
        departments = kpi_by_department(kpi=kpi, property=properties[0], start=start, end=end) if len(properties) == 1 and department is None else []
        records = kpi_records(kpi=kpi, properties=properties, start=start, end=end, department=department)
        # Records without a property of their own (a session's attendance) are listed without it.
        has_property = any(f.name == "property" for f in records.model._meta.concrete_fields)
        records = records.select_related(*(("property",) if has_property else ()), *kpi.records_select)
        page = Paginator(records.order_by(*kpi.records_order), 25).get_page(self.request.GET.get("page"))
        counted = records.filter(kpi.counted).count() if kpi.counted is not None else None
        return super().get_context_data(
            kpi=kpi,
            tile=tile,
            form=form,
            chart={"id": "chart-detail", "labels": tile.labels, "series": tile.series, "target": None if tile.target is None else float(tile.target)},
            rows=list(zip(tile.labels, tile.series)),
            departments=departments,
            properties=properties,
            department=department,
            start=start,
            end=end,
            records_page=page,
            records=[(record, kpi.record_note(record) if kpi.record_note else "") for record in page],
            record_notes=kpi.record_note is not None,
            counted=counted,
            page_query=self.query_without("page"),
            **kwargs,
        )
