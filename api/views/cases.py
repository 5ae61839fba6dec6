"""Cases: the list with the list page's filters, the quick log, one case, a step, a note."""

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, status
from rest_framework.response import Response

from complaints import services, workflow
from complaints.choices import CaseKind, CaseStatus
from complaints.filters import CaseFilter
from complaints.forms import QuickLogForm, step_form_class
from complaints.models import Case
from crm import services as crm_services
from crm.selectors import sees_guest_contact
from hotelqa.models import Department

from ..auth import default_property, property_from_param
from ..errors import refusals
from ..idempotency import idempotent
from ..serializers.cases import CaseCreateSerializer, CaseDetailSerializer, CaseMoveSerializer, CaseSerializer, NoteSerializer
from .base import CURSOR_PARAMS, PROPERTY_PARAM, ApiView, page_of

VIEW, ADD, CHANGE = "complaints.view_case", "complaints.add_case", "complaints.change_case"

FILTER_PARAMS = [
    OpenApiParameter("q", str, description=gettext_lazy("Guest, room, number or text.")),
    OpenApiParameter("kind", str, enum=CaseKind.values),
    OpenApiParameter("status", str, enum=CaseStatus.values),
    OpenApiParameter("grade", str),
    OpenApiParameter("category", str),
    OpenApiParameter("channel", str),
    OpenApiParameter("department", int, description=gettext_lazy("A department's id (with `property`).")),
    OpenApiParameter("open", bool, description=gettext_lazy("Open cases only.")),
    OpenApiParameter("overdue", bool, description=gettext_lazy("Overdue cases only.")),
    OpenApiParameter("received_after", str, description="YYYY-MM-DD"),
    OpenApiParameter("received_before", str, description="YYYY-MM-DD"),
]
IDEMPOTENCY_PARAM = OpenApiParameter(
    "Idempotency-Key", str, location=OpenApiParameter.HEADER,
    description=gettext_lazy("Any unique string per case you mean to create: a retry with the same key returns the first answer."),
)


def case_detail(case, user):
    """The case with its timeline and the steps `user` may take now (as the case page offers them)."""
    moves = [
        to for to in workflow.ENGINES[case.kind].allowed_moves(case, user)
        if not ((case.kind, to) == (CaseKind.COMPLAINT, CaseStatus.CLOSED) and not services.may_close(user=user, case=case))
    ]
    case.moves = moves
    case.events_list = list(case.events.all())
    return CaseDetailSerializer(case).data


def form_errors(form):
    """The page form's messages, by field (its rules are the page's rules)."""
    return {("non_field_errors" if k == "__all__" else k): list(v) for k, v in form.errors.items()}


def _load(pk):
    return Case.objects.select_related("property", "department", "assignee", "guest", "room").get(pk=pk)


class CaseListView(ApiView):
    permissions = {"GET": VIEW, "POST": ADD}

    @extend_schema(operation_id="cases_list", parameters=[PROPERTY_PARAM, *FILTER_PARAMS, *CURSOR_PARAMS], responses={200: page_of(CaseSerializer), **refusals(400, 401, 403, 429)})
    def get(self, request):
        prop = property_from_param(request, VIEW, request.query_params["property"]) if request.query_params.get("property") else None
        ids = [prop.pk] if prop else self.property_ids()
        filterset = CaseFilter(request.query_params, queryset=Case.objects.filter(property_id__in=ids).select_related("property"), property=prop)
        filterset.filters["department"].queryset = Department.objects.filter(property_id__in=ids)
        if not filterset.is_valid():
            raise exceptions.ValidationError(filterset.errors)
        return self.paginate(filterset.qs, CaseSerializer)

    @extend_schema(operation_id="cases_create", request=CaseCreateSerializer, parameters=[IDEMPOTENCY_PARAM],
                   responses={201: CaseDetailSerializer, **refusals(400, 401, 403, 409, 422, 429)})
    @idempotent
    def post(self, request):
        incoming = CaseCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        prop = default_property(request, ADD, data.pop("property", None))
        form = QuickLogForm(data={k: v for k, v in data.items() if v is not None}, property=prop)
        if not form.is_valid():
            raise exceptions.ValidationError(form_errors(form))
        d = form.cleaned_data
        with transaction.atomic():
            guest = d.get("guest")
            if guest is None and d.get("guest_name"):
                guest = crm_services.guest_find_or_create(
                    property=prop, name=d["guest_name"], phone=d.get("guest_phone", ""), by_contact=sees_guest_contact(request.user, prop),
                )
            case = services.case_log(
                property=prop, actor=request.user, kind=d["kind"], channel=d["channel"], description=d["description"],
                apology_confirmed=d.get("apology_confirmed", False), guest=guest, room=form.room, room_number=d.get("room_number", ""),
                category=d.get("category", ""), grade=d.get("grade", ""), department=d.get("department"),
            )
        return Response(case_detail(_load(case.pk), request.user), status=status.HTTP_201_CREATED)


class CaseDetailView(ApiView):
    permissions = {"GET": VIEW}

    @extend_schema(operation_id="cases_read", responses={200: CaseDetailSerializer, **refusals(401, 403, 404, 429)})
    def get(self, request, pk):
        case = self.record(Case.objects.select_related("property", "department", "assignee", "guest", "room"), pk)
        return Response(case_detail(case, request.user))


class CaseMoveView(ApiView):
    permissions = {"POST": CHANGE}

    @extend_schema(operation_id="cases_move", request=CaseMoveSerializer, responses={200: CaseDetailSerializer, **refusals(400, 401, 403, 404, 409, 429)})
    def post(self, request, pk):
        case = self.record(Case.objects.select_related("property", "department", "assignee", "guest"), pk)
        incoming = CaseMoveSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        to = data["to"]
        if to not in workflow.allowed_moves(case.kind, case.status):
            raise exceptions.ValidationError({"to": [_("This step is not possible now: the case is “%(status)s”. Steps cannot be skipped.") % {"status": case.get_status_display()}]})
        allowed = set(workflow.STEP_FIELDS.get((case.kind, to), []))
        extra = sorted(set(data["fields"]) - allowed)
        if extra:
            raise exceptions.ValidationError({f"fields.{name}": [_("Not a field of this step.")] for name in extra})
        form_data = {k: v for k, v in data["fields"].items() if v is not None and v is not False}
        form = step_form_class(case.kind, to)({**form_data, "version": data["version"], "note": data["note"]}, instance=case)
        if not form.is_valid():
            raise exceptions.ValidationError(form_errors(form))
        services.case_transition(
            case=_load(case.pk), to_status=to, actor=request.user, expected_version=form.cleaned_data["version"],
            data=form.step_data(), note=form.cleaned_data.get("note", ""),
        )
        return Response(case_detail(_load(case.pk), request.user))


class CaseNoteView(ApiView):
    permissions = {"POST": CHANGE}

    @extend_schema(operation_id="cases_note", request=NoteSerializer, parameters=[IDEMPOTENCY_PARAM],
                   responses={201: CaseDetailSerializer, **refusals(400, 401, 403, 404, 409, 422, 429)})
    @idempotent
    def post(self, request, pk):
        case = self.record(Case.objects.select_related("property"), pk)
        incoming = NoteSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        services.case_note_add(case=case, actor=request.user, note=incoming.validated_data["note"])
        return Response(case_detail(_load(case.pk), request.user), status=status.HTTP_201_CREATED)
