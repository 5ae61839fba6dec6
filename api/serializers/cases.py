from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from complaints import workflow
from complaints.choices import CaseKind, CaseStatus, Category, Channel, Grade

from .base import StrictSerializer


class CaseSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    number = serializers.CharField()
    property = serializers.CharField(source="property.code")
    kind = serializers.ChoiceField(choices=CaseKind.choices)
    status = serializers.ChoiceField(choices=CaseStatus.choices)
    channel = serializers.ChoiceField(choices=Channel.choices)
    category = serializers.CharField(allow_blank=True)
    grade = serializers.ChoiceField(choices=Grade.choices)
    department = serializers.IntegerField(source="department_id", allow_null=True)
    assignee = serializers.IntegerField(source="assignee_id", allow_null=True)
    guest = serializers.IntegerField(source="guest_id", allow_null=True)
    room_number = serializers.CharField(allow_blank=True)
    description = serializers.CharField(allow_blank=True)
    description_translation = serializers.CharField(
        allow_blank=True, help_text=_("What happened, in the other language, typed by staff (empty when nobody translated it)."),
    )
    received_at = serializers.DateTimeField()
    response_due = serializers.DateTimeField(allow_null=True)
    resolution_due = serializers.DateTimeField(allow_null=True)
    first_response_at = serializers.DateTimeField(allow_null=True)
    resolved_at = serializers.DateTimeField(allow_null=True)
    reopen_count = serializers.IntegerField()
    version = serializers.IntegerField()


class CaseEventSerializer(serializers.Serializer):
    kind = serializers.CharField()
    from_status = serializers.CharField(allow_blank=True)
    to_status = serializers.CharField(allow_blank=True)
    note = serializers.CharField(allow_blank=True)
    summary = serializers.SerializerMethodField()
    actor = serializers.IntegerField(source="actor_id", allow_null=True)
    created_at = serializers.DateTimeField()

    @extend_schema_field(serializers.CharField())
    def get_summary(self, event):
        return str(getattr(event, "summary", "") or "")


class CaseDetailSerializer(CaseSerializer):
    findings = serializers.CharField(allow_blank=True)
    root_cause = serializers.CharField(allow_blank=True)
    actions_taken = serializers.CharField(allow_blank=True)
    containment = serializers.CharField(allow_blank=True)
    satisfaction = serializers.IntegerField(allow_null=True)
    moves = serializers.ListField(child=serializers.CharField(), help_text=_("The steps you may take now."))
    events = CaseEventSerializer(many=True, source="events_list")


class CaseCreateSerializer(StrictSerializer):
    """What the front desk's quick log asks, as JSON; the same rules apply."""

    property = serializers.CharField(required=False, max_length=20, help_text=_("The property's code; may be left out when you work at one property."))
    kind = serializers.ChoiceField(choices=CaseKind.choices, default=CaseKind.COMPLAINT)
    channel = serializers.ChoiceField(choices=Channel.choices, default=Channel.IN_PERSON)
    description = serializers.CharField(max_length=4000)
    apology_confirmed = serializers.BooleanField(default=False)
    guest = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=2**62)
    guest_name = serializers.CharField(required=False, allow_blank=True, max_length=120)
    guest_phone = serializers.CharField(required=False, allow_blank=True, max_length=40)
    room_number = serializers.CharField(required=False, allow_blank=True, max_length=20)
    category = serializers.ChoiceField(choices=[("", "")] + list(Category.choices), required=False, allow_blank=True)
    grade = serializers.ChoiceField(choices=[("", "")] + list(Grade.choices), required=False, allow_blank=True)
    department = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=2**62)


STEP_FIELD_NAMES = sorted({f for fields in workflow.STEP_FIELDS.values() for f in fields})


class CaseStepFieldsSerializer(StrictSerializer):
    """A step's own fields (the case page's step form); which ones a step takes is in the docs."""

    apology_confirmed = serializers.BooleanField(required=False)
    guest = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=2**62)
    room_number = serializers.CharField(required=False, allow_blank=True, max_length=20)
    description = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    description_translation = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    staff_involved = serializers.CharField(required=False, allow_blank=True, max_length=200)
    category = serializers.CharField(required=False, allow_blank=True, max_length=20)
    grade = serializers.CharField(required=False, allow_blank=True, max_length=20)
    department = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=2**62)
    assignee = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=2**62)
    findings = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    root_cause = serializers.CharField(required=False, allow_blank=True, max_length=20)
    actions_taken = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    guest_accepted = serializers.BooleanField(required=False)
    containment = serializers.CharField(required=False, allow_blank=True, max_length=4000)
    result_told = serializers.BooleanField(required=False)
    satisfaction = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=5)


class CaseMoveSerializer(StrictSerializer):
    to = serializers.ChoiceField(choices=CaseStatus.choices)
    version = serializers.IntegerField(min_value=0, max_value=2**31 - 1, help_text=_("The case's version when you read it."))
    note = serializers.CharField(required=False, allow_blank=True, max_length=2000, default="")
    fields = CaseStepFieldsSerializer(required=False, default=dict)


class NoteSerializer(StrictSerializer):
    note = serializers.CharField(max_length=2000)
