"""The record a webhook carries, as the API shows it."""

from complaints.models import Case
from facilities.models import WorkOrder

from .serializers.cases import CaseSerializer
from .serializers.facilities import WorkOrderSerializer


def record_for(payload: dict) -> dict | None:
    if "case" in payload:
        case = Case.objects.select_related("property").filter(pk=payload["case"]).first()
        return CaseSerializer(case).data if case else None
    if "work_order" in payload:
        work_order = WorkOrder.objects.select_related("property").filter(pk=payload["work_order"]).first()
        return WorkOrderSerializer(work_order).data if work_order else None
    return None
