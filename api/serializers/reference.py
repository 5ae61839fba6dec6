from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from .base import NameSerializer


class PropertySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    code = serializers.CharField()
    name = NameSerializer()
    city = serializers.CharField(allow_blank=True)
    time_zone = serializers.CharField()
    room_count = serializers.IntegerField()


class DepartmentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    property = serializers.CharField()
    kind = serializers.CharField()
    name = NameSerializer()


class CategorySerializer(serializers.Serializer):
    code = serializers.CharField()
    name = NameSerializer()


class KpiValueSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    unit = serializers.CharField(allow_blank=True)
    direction = serializers.CharField()
    value = serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True, coerce_to_string=False)
    previous = serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True, coerce_to_string=False, help_text=_("The same KPI over the period just before."))
    target = serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True, coerce_to_string=False)
    status = serializers.CharField()
    tolerance = serializers.DecimalField(max_digits=20, decimal_places=4, allow_null=True, coerce_to_string=False)


class KpiPeriodSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    properties = serializers.ListField(child=serializers.CharField())
    department = serializers.IntegerField(allow_null=True)
    kpis = KpiValueSerializer(many=True)


class KpiQuerySerializer(serializers.Serializer):
    property = serializers.CharField(required=False, max_length=20)
    department = serializers.IntegerField(required=False, min_value=1, max_value=2**62)
    start = serializers.DateField(required=False)
    end = serializers.DateField(required=False)
