import pytest
from django.db.models import F
from django.utils import timezone

from audits import demo_audits
from audits.models import Audit, AuditMethod, AuditStatus, CorrectiveAction
from hotelqa import demo as org_demo

pytestmark = pytest.mark.django_db


def test_demo_inspector_has_done_past_audits_and_is_a_week_behind():
    properties = org_demo.seed()[:1]
    demo_audits.seed(properties=properties)
    submitted = Audit.objects.filter(status=AuditStatus.SUBMITTED)
    open_audits = Audit.objects.exclude(status=AuditStatus.SUBMITTED)
    # The dashboard's audit score and on-time tiles have data; the overdue list still has work.
    assert submitted.count() >= 5 and open_audits.filter(status=AuditStatus.OVERDUE).exists()
    assert all(a.submitted_at < timezone.now() and a.score is not None for a in submitted)
    assert submitted.filter(submitted_at__lte=F("due_at")).exists()
    assert not submitted.filter(method=AuditMethod.MYSTERY_GUEST).exists()  # waits for the visiting auditor
    assert CorrectiveAction.objects.exists()
    counts = (submitted.count(), CorrectiveAction.objects.count())
    demo_audits.seed(properties=properties)
    assert (Audit.objects.filter(status=AuditStatus.SUBMITTED).count(), CorrectiveAction.objects.count()) == counts

