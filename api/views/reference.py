"""Reference lists (properties, departments, categories) and KPI values of a period."""

import datetime as dt

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions
from rest_framework.response import Response

from complaints.choices import Category
from hotelqa.dashboard import kpi_tiles, last_closed_day
from hotelqa.models import Department, Property
from hotelqa.shortcuts import object_or_none

from ..auth import Allowed, property_from_param
from ..errors import refusals
from ..serializers.base import localized_name
from ..serializers.reference import CategorySerializer, DepartmentSerializer, KpiPeriodSerializer, KpiQuerySerializer, PropertySerializer
from .base import PROPERTY_PARAM, ApiView

KPI_READ = "hotelqa.view_kpisnapshot"
MAX_DAYS = 731


class PropertyListView(ApiView):
    @extend_schema(operation_id="properties_list", responses={200: PropertySerializer(many=True), **refusals(401, 403, 429)})
    def get(self, request):
        props = request.user.accessible_properties().order_by("code")
        return Response([
            {"id": p.pk, "code": p.code, "name": localized_name(p), "city": p.city, "time_zone": p.time_zone, "room_count": p.room_count}
            for p in props
        ])


class DepartmentListView(ApiView):
    @extend_schema(operation_id="departments_list", parameters=[PROPERTY_PARAM], responses={200: DepartmentSerializer(many=True), **refusals(400, 401, 403, 429)})
    def get(self, request):
        props = request.user.accessible_properties()
        code = request.query_params.get("property")
        if code:
            props = props.filter(code=code)
            if not props.exists():
                raise exceptions.ValidationError({"property": [_("Unknown property, or you may not do this there.")]})
        departments = Department.objects.filter(property__in=props).select_related("property").order_by("property__code", "name", "id")
        return Response([{"id": d.pk, "property": d.property.code, "kind": d.kind, "name": localized_name(d)} for d in departments])


class CategoryListView(ApiView):
    @extend_schema(operation_id="categories_list", responses={200: CategorySerializer(many=True), **refusals(401, 403, 429)})
    def get(self, request):
        names = {}
        for lang in ("en", "zh-hans"):
            with translation.override(lang):
                names[lang] = {value: str(label) for value, label in Category.choices}
        return Response([{"code": value, "name": {"en": names["en"][value], "zh_hans": names["zh-hans"][value]}} for value in Category.values])


class KpiListView(ApiView):
    permission_classes = [Allowed]
    permissions = {"GET": KPI_READ}

    @extend_schema(operation_id="kpis_read", responses={200: KpiPeriodSerializer, **refusals(400, 401, 403, 429)}, parameters=[
        OpenApiParameter("property", str, description=gettext_lazy("A property's code (default: every property where you read KPIs).")),
        OpenApiParameter("department", int, description=gettext_lazy("A department's id (with one property).")),
        OpenApiParameter("start", str, description=gettext_lazy("First day, YYYY-MM-DD (default: 30 days before `end`).")),
        OpenApiParameter("end", str, description=gettext_lazy("Last day, YYYY-MM-DD (default and at most: yesterday — figures are stored after a day closes).")),
    ])
    def get(self, request):
        query = KpiQuerySerializer(data={k: v for k, v in request.query_params.items() if k in KpiQuerySerializer().fields})
        query.is_valid(raise_exception=True)
        q = query.validated_data
        yesterday = last_closed_day()
        end = min(q.get("end") or yesterday, yesterday)
        start = q.get("start") or end - dt.timedelta(days=29)
        if start > end:
            raise exceptions.ValidationError({"start": [_("The start is after the end (figures run to yesterday).")]})
        if (end - start).days > MAX_DAYS:
            raise exceptions.ValidationError({"start": [_("Choose a period of at most two years.")]})
        if q.get("property"):
            properties = [property_from_param(request, KPI_READ, q["property"])]
        else:
            properties = list(Property.objects.filter(pk__in=self.property_ids()).order_by("code"))
        department = None
        if q.get("department"):
            department = object_or_none(Department.objects.filter(property__in=properties), q["department"])
            if department is None or len(properties) != 1:
                raise exceptions.ValidationError({"department": [_("Choose a department of the one property given.")]})
        tiles = kpi_tiles(properties=properties, start=start, end=end, granularity="month", department=department)
        return Response({
            "start": start, "end": end, "properties": [p.code for p in properties], "department": department.pk if department else None,
            "kpis": [
                {"code": t.kpi.code, "name": str(t.kpi.name), "unit": t.kpi.unit, "direction": t.kpi.direction, "value": t.value,
                 "previous": t.previous, "target": t.target, "status": t.status, "tolerance": t.period.tolerance}
                for t in tiles
            ],
        })
