from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from facilities.choices import InspectionStatus, Priority, WorkOrderStatus

from .base import StrictSerializer


class WorkOrderSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    property = serializers.CharField(source="property.code")
    title = serializers.CharField(source="display_title")
    description = serializers.CharField(allow_blank=True)
    source = serializers.CharField()
    priority = serializers.ChoiceField(choices=Priority.choices)
    status = serializers.ChoiceField(choices=WorkOrderStatus.choices)
    department = serializers.IntegerField(source="department_id", allow_null=True)
    assignee = serializers.IntegerField(source="assignee_id", allow_null=True)
    asset = serializers.IntegerField(source="asset_id", allow_null=True)
    location = serializers.IntegerField(source="location_id", allow_null=True)
    due_at = serializers.DateTimeField()
    created_at = serializers.DateTimeField()
    done_at = serializers.DateTimeField(allow_null=True)
    verified_at = serializers.DateTimeField(allow_null=True)
    resolution = serializers.CharField(allow_blank=True)
    version = serializers.IntegerField()


class WorkOrderDetailSerializer(WorkOrderSerializer):
    moves = serializers.ListField(child=serializers.CharField(), help_text=_("The statuses you may move it to now."))


class WorkOrderMoveSerializer(StrictSerializer):
    to = serializers.ChoiceField(choices=WorkOrderStatus.choices)
    version = serializers.IntegerField(min_value=0, max_value=2**31 - 1)
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")
    assignee = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=2**62, help_text=_("Who will do the repair (to “assigned”)."))
    resolution = serializers.CharField(required=False, allow_blank=True, max_length=4000, help_text=_("What was repaired (to “done”)."))
    parts = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    cost = serializers.DecimalField(required=False, allow_null=True, max_digits=10, decimal_places=2, min_value=0)


class InspectionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    property = serializers.CharField(source="property.code")
    status = serializers.ChoiceField(choices=InspectionStatus.choices)
    schedule = serializers.IntegerField(source="schedule_id", allow_null=True)
    location = serializers.IntegerField(source="location_id", allow_null=True)
    asset = serializers.IntegerField(source="asset_id", allow_null=True)
    department = serializers.IntegerField(source="department_id", allow_null=True)
    assignee = serializers.IntegerField(source="assignee_id", allow_null=True)
    due_start = serializers.DateTimeField()
    due_end = serializers.DateTimeField()
    started_at = serializers.DateTimeField(allow_null=True)
    submitted_at = serializers.DateTimeField(allow_null=True)
    score = serializers.DecimalField(max_digits=5, decimal_places=2, allow_null=True)
    passed = serializers.BooleanField(allow_null=True)


INSPECTION_MOVES = [(InspectionStatus.IN_PROGRESS, _("Start (open the checklist)")), (InspectionStatus.SUBMITTED, _("Submit (score; failed items open work orders)"))]


class InspectionMoveSerializer(StrictSerializer):
    to = serializers.ChoiceField(choices=[(k.value, label) for k, label in INSPECTION_MOVES])
