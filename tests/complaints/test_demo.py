import pytest

from complaints import demo
from complaints.choices import CaseKind, CaseStatus
from complaints.models import Case, Escalation, Revisit
from crm.models import Guest
from hotelqa import demo as org_demo

pytestmark = pytest.mark.django_db


def test_demo_seed_covers_kinds_and_states_and_is_idempotent():
    properties = org_demo.seed()[:1]
    demo.seed(properties=properties)
    counts = (Case.objects.count(), Revisit.objects.count(), Escalation.objects.count(), Guest.objects.count())
    assert counts[0] >= 300 and counts[1] > 0 and counts[2] > 0 and counts[3] > 0
    assert set(Case.objects.values_list("kind", flat=True)) == set(CaseKind.values)
    statuses = set(Case.objects.values_list("status", flat=True))
    assert {CaseStatus.CLOSED, CaseStatus.RECORDED, CaseStatus.CONFIRMED, CaseStatus.REOPENED} <= statuses
    assert Case.objects.values("property", "number").distinct().count() == counts[0]
    demo.seed(properties=properties)
    assert (Case.objects.count(), Revisit.objects.count(), Escalation.objects.count(), Guest.objects.count()) == counts
