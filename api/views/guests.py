"""Guests and stays from the PMS: upserts through the CRM's services, idempotent by the
reservation number (stays) and by ID number, phone or e-mail (the group-wide guest profile)."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status
from rest_framework.response import Response

from crm import services as crm_services
from crm.models import Room

from ..auth import default_property
from ..errors import from_django, refusals
from ..serializers.guests import (
    GuestOutSerializer, GuestUpsertSerializer, StayBatchOutSerializer, StayBatchSerializer, StayOutSerializer, StayUpsertSerializer,
)
from .base import ApiView

GUEST_ADD, STAY_IMPORT = "crm.add_guest", "crm.import_stays"
GUEST_FIELDS = ("other_name", "language", "guest_type", "vip_level", "company")


def _guest(prop, data):
    extra = {k: data[k] for k in GUEST_FIELDS if data.get(k) not in (None, "")}
    guest, created = crm_services.guest_upsert(
        property=prop, name=data["name"], phone=data.get("phone", ""), email=data.get("email", ""), id_number=data.get("id_number", ""), **extra,
    )
    return guest, created


def _guest_out(guest, created):
    return {"id": guest.pk, "name": guest.name, "other_name": guest.other_name, "guest_type": guest.guest_type, "language": guest.language, "vip_level": guest.vip_level, "created": created}


def _stay(prop, data):
    guest, created = _guest(prop, data["guest"])
    room = None
    if data.get("room_number"):
        room = Room.objects.filter(property=prop, number__iexact=data["room_number"].strip()).first()
        if room is None:
            raise exceptions.ValidationError({"room_number": [_("There is no room %(number)s at this hotel.") % {"number": data["room_number"]}]})
    stay, result = crm_services.stay_upsert(
        property=prop, reservation_number=data["reservation_number"], guest=guest, arrival=data["arrival"], departure=data["departure"],
        room=room, room_nights=data.get("room_nights"), spend=data.get("spend", 0),
    )
    return {
        "id": stay.pk, "property": prop.code, "reservation_number": stay.reservation_number, "guest": _guest_out(stay.guest, created),
        "room_number": stay.room.number if stay.room_id else "", "arrival": stay.arrival, "departure": stay.departure,
        "room_nights": stay.room_nights, "spend": stay.spend, "result": result,
    }


class GuestUpsertView(ApiView):
    permissions = {"POST": GUEST_ADD}

    @extend_schema(operation_id="guests_upsert", request=GuestUpsertSerializer, responses={200: GuestOutSerializer, 201: GuestOutSerializer, **refusals(400, 401, 403, 429)})
    def post(self, request):
        incoming = GuestUpsertSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        prop = default_property(request, GUEST_ADD, data.pop("property", None))
        guest, created = _guest(prop, data)
        return Response(GuestOutSerializer(_guest_out(guest, created)).data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


class StayUpsertView(ApiView):
    permissions = {"POST": STAY_IMPORT}

    @extend_schema(operation_id="stays_upsert", request=StayUpsertSerializer, responses={200: StayOutSerializer, 201: StayOutSerializer, **refusals(400, 401, 403, 429)})
    def post(self, request):
        incoming = StayUpsertSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = dict(incoming.validated_data)
        prop = default_property(request, STAY_IMPORT, data.pop("property", None))
        out = _stay(prop, data)
        return Response(StayOutSerializer(out).data, status=status.HTTP_201_CREATED if out["result"] == "created" else status.HTTP_200_OK)


class StayBatchView(ApiView):
    permissions = {"POST": STAY_IMPORT}

    @extend_schema(operation_id="stays_batch", request=StayBatchSerializer, responses={200: StayBatchOutSerializer, **refusals(400, 401, 403, 429)})
    def post(self, request):
        incoming = StayBatchSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        prop = default_property(request, STAY_IMPORT, incoming.validated_data.get("property"))
        results = []
        with transaction.atomic():
            for i, row in enumerate(incoming.validated_data["stays"]):
                try:
                    results.append(_stay(prop, row))
                except (exceptions.ValidationError, DjangoValidationError) as exc:
                    detail = (from_django(exc) if isinstance(exc, DjangoValidationError) else exc).detail
                    raise exceptions.ValidationError({f"stays.{i}.{k}": v for k, v in detail.items()})
        counts = {key: sum(1 for r in results if r["result"] == key) for key in ("created", "updated", "unchanged")}
        return Response(StayBatchOutSerializer({**counts, "stays": results}).data)
