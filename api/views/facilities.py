"""Work orders and inspections: read, and move through the facilities services."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions
from rest_framework.response import Response

from facilities import services
from facilities.choices import InspectionStatus, Priority, WorkOrderStatus
from facilities.filters import InspectionFilter, WorkOrderFilter
from facilities.models import AssetCategory, Inspection, WorkOrder
from hotelqa.models import Department, User
from hotelqa.shortcuts import object_or_none

from ..auth import property_from_param
from ..errors import refusals
from ..serializers.facilities import (
    InspectionMoveSerializer, InspectionSerializer, WorkOrderDetailSerializer, WorkOrderMoveSerializer, WorkOrderSerializer,
)
from .base import CURSOR_PARAMS, PROPERTY_PARAM, ApiView, page_of


def _filtered(view, filterset_class, queryset, perm, **querysets):
    request = view.request
    prop = property_from_param(request, perm, request.query_params["property"]) if request.query_params.get("property") else None
    ids = [prop.pk] if prop else view.property_ids()
    filterset = filterset_class(request.query_params, queryset=queryset.filter(property_id__in=ids).select_related("property"), property=prop, request=request)
    for name, qs in querysets.items():
        if name in filterset.filters:
            filterset.filters[name].queryset = qs.filter(property_id__in=ids)
    if not filterset.is_valid():
        raise exceptions.ValidationError(filterset.errors)
    return filterset.qs.order_by()


WO_VIEW = "facilities.view_workorder"


def _work_order_detail(work_order, user):
    work_order.moves = services.allowed_moves(work_order=work_order, user=user)
    return WorkOrderDetailSerializer(work_order).data


class WorkOrderListView(ApiView):
    permissions = {"GET": WO_VIEW}

    @extend_schema(operation_id="work_orders_list", responses={200: page_of(WorkOrderSerializer), **refusals(400, 401, 403, 429)}, parameters=[
        PROPERTY_PARAM, OpenApiParameter("status", str, enum=WorkOrderStatus.values), OpenApiParameter("priority", str, enum=Priority.values),
        OpenApiParameter("open", bool), OpenApiParameter("overdue", bool), OpenApiParameter("department", int), OpenApiParameter("q", str), *CURSOR_PARAMS,
    ])
    def get(self, request):
        qs = _filtered(self, WorkOrderFilter, WorkOrder.objects.all(), WO_VIEW, department=Department.objects.all(), category=AssetCategory.objects.all())
        return self.paginate(qs, WorkOrderSerializer)


class WorkOrderDetailView(ApiView):
    permissions = {"GET": WO_VIEW}

    @extend_schema(operation_id="work_orders_read", responses={200: WorkOrderDetailSerializer, **refusals(401, 403, 404, 429)})
    def get(self, request, pk):
        return Response(_work_order_detail(self.record(WorkOrder.objects.select_related("property"), pk), request.user))


class WorkOrderMoveView(ApiView):
    permissions = {"POST": WO_VIEW}  # the move itself is checked by the service, as on the page

    @extend_schema(operation_id="work_orders_move", request=WorkOrderMoveSerializer, responses={200: WorkOrderDetailSerializer, **refusals(400, 401, 403, 404, 409, 429)})
    def post(self, request, pk):
        work_order = self.record(WorkOrder.objects.select_related("property"), pk)
        incoming = WorkOrderMoveSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        d = incoming.validated_data
        assignee = None
        if d.get("assignee") is not None:
            assignee = object_or_none(User.objects.filter(memberships__property=work_order.property_id, is_active=True), d["assignee"])
            if assignee is None:
                raise exceptions.ValidationError({"assignee": [_("The assignee does not work at this property.")]})
        services.work_order_transition(
            work_order=work_order, to_status=d["to"], actor=request.user, note=d["note"], assignee=assignee,
            resolution=d.get("resolution"), parts=d.get("parts"), cost=d.get("cost"), expected_version=d["version"],
        )
        return Response(_work_order_detail(WorkOrder.objects.select_related("property").get(pk=work_order.pk), request.user))


IN_VIEW, IN_CHANGE = "facilities.view_inspection", "facilities.change_inspection"


class InspectionListView(ApiView):
    permissions = {"GET": IN_VIEW}

    @extend_schema(operation_id="inspections_list", responses={200: page_of(InspectionSerializer), **refusals(400, 401, 403, 429)}, parameters=[
        PROPERTY_PARAM, OpenApiParameter("status", str, enum=InspectionStatus.values), OpenApiParameter("department", int), *CURSOR_PARAMS,
    ])
    def get(self, request):
        return self.paginate(_filtered(self, InspectionFilter, Inspection.objects.all(), IN_VIEW, department=Department.objects.all()), InspectionSerializer)


class InspectionDetailView(ApiView):
    permissions = {"GET": IN_VIEW}

    @extend_schema(operation_id="inspections_read", responses={200: InspectionSerializer, **refusals(401, 403, 404, 429)})
    def get(self, request, pk):
        return Response(InspectionSerializer(self.record(Inspection.objects.select_related("property"), pk)).data)


class InspectionMoveView(ApiView):
    permissions = {"POST": IN_CHANGE}

    @extend_schema(operation_id="inspections_move", request=InspectionMoveSerializer, responses={200: InspectionSerializer, **refusals(400, 401, 403, 404, 429)})
    def post(self, request, pk):
        inspection = self.record(Inspection.objects.select_related("property"), pk)
        incoming = InspectionMoveSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        if incoming.validated_data["to"] == InspectionStatus.IN_PROGRESS:
            inspection = services.inspection_start(inspection=inspection, actor=request.user)
        else:
            inspection = services.inspection_submit(inspection=inspection, actor=request.user)
        return Response(InspectionSerializer(Inspection.objects.select_related("property").get(pk=inspection.pk)).data)
