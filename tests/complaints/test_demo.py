import pytest

from complaints import demo
from complaints.choices import CaseKind, CaseStatus
from complaints.models import Case, Revisit
from crm.models import Guest
from hotelqa import demo as org_demo
from hotelqa.i18n import is_chinese
from hotelqa.models import Escalation

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
    # Both languages: every guest has a name in each script, every case its text in each language.
    assert not Guest.objects.filter(other_name="").exists() and not Case.objects.filter(description_translation="").exists()
    chinese_guest = Guest.objects.filter(language="zh-hans").first()
    assert is_chinese(chinese_guest.name) and not is_chinese(chinese_guest.other_name)
    sophie = Guest.objects.filter(name="Sophie Martin").first()
    assert sophie is None or sophie.other_name == "苏菲·马丁"
    case = Case.objects.filter(guest__language="en").first()
    assert not is_chinese(case.description) and is_chinese(case.description_translation)
    demo.seed(properties=properties)
    assert (Case.objects.count(), Revisit.objects.count(), Escalation.objects.count(), Guest.objects.count()) == counts
