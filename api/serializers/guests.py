from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from rest_framework import serializers

from crm.choices import GuestLanguage, GuestType, VipLevel

from .base import StrictSerializer

# What an upsert did to the stay (not the "created" time some records show).
RESULTS = [
    ("created", pgettext_lazy("stay upsert result", "created")),
    ("updated", pgettext_lazy("stay upsert result", "updated")),
    ("unchanged", pgettext_lazy("stay upsert result", "unchanged")),
]


class GuestInSerializer(StrictSerializer):
    """A person as the PMS knows them; the group's profile is found by ID number, phone or e-mail."""

    name = serializers.CharField(max_length=120)
    other_name = serializers.CharField(
        required=False, allow_blank=True, max_length=120,
        help_text=_("The name in the other script: pinyin or English name for a Chinese name, Chinese name for a foreign one."),
    )
    phone = serializers.CharField(required=False, allow_blank=True, max_length=40, default="")
    email = serializers.EmailField(required=False, allow_blank=True, max_length=254, default="")
    id_number = serializers.CharField(required=False, allow_blank=True, max_length=40, default="")
    language = serializers.ChoiceField(choices=GuestLanguage.choices, required=False)
    guest_type = serializers.ChoiceField(choices=GuestType.choices, required=False)
    vip_level = serializers.ChoiceField(choices=VipLevel.choices, required=False, allow_blank=True)
    company = serializers.CharField(required=False, allow_blank=True, max_length=120)


class GuestUpsertSerializer(GuestInSerializer):
    property = serializers.CharField(required=False, max_length=20, help_text=_("Where the guest is first recorded (its code)."))


class GuestOutSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    other_name = serializers.CharField(allow_blank=True)
    guest_type = serializers.CharField()
    language = serializers.CharField()
    vip_level = serializers.CharField(allow_blank=True)
    created = serializers.BooleanField(help_text=_("False: the group already knew this person (found by ID number, phone or e-mail)."))


class StayInSerializer(StrictSerializer):
    reservation_number = serializers.CharField(max_length=40)
    arrival = serializers.DateField()
    departure = serializers.DateField()
    room_number = serializers.CharField(required=False, allow_blank=True, max_length=20, default="")
    room_nights = serializers.IntegerField(required=False, min_value=0, max_value=3650)
    spend = serializers.DecimalField(required=False, max_digits=12, decimal_places=2, min_value=0, default=0)
    guest = GuestInSerializer()


class StayUpsertSerializer(StayInSerializer):
    property = serializers.CharField(required=False, max_length=20)


class StayBatchSerializer(StrictSerializer):
    property = serializers.CharField(required=False, max_length=20)
    stays = StayInSerializer(many=True, max_length=200, allow_empty=False)


class StayOutSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    property = serializers.CharField()
    reservation_number = serializers.CharField()
    guest = GuestOutSerializer()
    room_number = serializers.CharField(allow_blank=True)
    arrival = serializers.DateField()
    departure = serializers.DateField()
    room_nights = serializers.IntegerField()
    spend = serializers.DecimalField(max_digits=12, decimal_places=2)
    result = serializers.ChoiceField(choices=RESULTS)


class StayBatchOutSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    unchanged = serializers.IntegerField()
    stays = StayOutSerializer(many=True)
