"""The `make bench` loaders still fit the models, and seeding twice at one scale adds nothing."""

import io

import pytest
from django.db import connection

from audits import bench as audits_bench
from audits.models import Audit, CorrectiveAction
from complaints import bench as complaints_bench
from complaints.models import Case, CaseEvent
from crm import bench as crm_bench
from crm.models import Guest, Stay
from facilities import bench as facilities_bench
from facilities.models import Inspection, InspectionSchedule, WorkOrder
from hotelqa.checklists.models import ChecklistAnswer
from hotelqa import bench

pytestmark = pytest.mark.django_db


def _seed(props):
    out = io.StringIO()
    for module in (bench, facilities_bench, crm_bench, complaints_bench, audits_bench):
        module.seed(properties=props, scale=0.0001, stdout=out)
    return out.getvalue()


def test_bench_seed_loads_a_tiny_group_once():
    if connection.vendor != "postgresql":
        pytest.skip("the loaders use PostgreSQL COPY")
    props = bench.seed_organisation(properties=2)
    _seed(props)
    counts = (Guest.objects.count(), Stay.objects.count(), Case.objects.count(), CaseEvent.objects.count(),
              Inspection.objects.filter(schedule__isnull=True).count(), WorkOrder.objects.count())
    assert counts[0] == 200 and counts[2] == 200 and counts[4] == 200 and counts[5] == 40
    assert InspectionSchedule.objects.filter(name__startswith=facilities_bench.GENERATION_PREFIX).count() == 10_000
    audits = Audit.objects.filter(plan__isnull=True).count()
    assert audits == 100 and CorrectiveAction.objects.count() > 100
    # A hotel's cases are spread over its people, not given to the bench's two logins.
    assigned = Case.objects.filter(property=props[0], assignee__isnull=False)
    staff_login = bench.bench_username(props[0], "staff")
    assert assigned.order_by().values("assignee").distinct().count() >= 10
    assert assigned.filter(assignee__username=staff_login).count() < assigned.count() * 0.3
    inspected = Inspection.objects.filter(property=props[0], schedule__isnull=True)
    assert inspected.order_by().values("assignee").distinct().count() >= 10
    # Today's round stays the staff login's: its open list and the inspection form have rows.
    assert inspected.filter(assignee__username=staff_login, status__in=["due", "in_progress"]).exists()
    # Loaded with explicit ids: the ORM's next insert must still get a free id.
    Case.objects.create(property=props[0], number="X-1", status="received", description="after the load")

    output = _seed(props)
    assert "already there" in output
    assert Audit.objects.filter(plan__isnull=True).count() == audits
    assert (Guest.objects.count(), Case.objects.count() - 1) == (counts[0], counts[2])
    for module in (complaints_bench, facilities_bench, crm_bench):
        assert module.requests(property=props[0])

    # What earlier runs' quick-log POSTs logged is removed before a run; the seeded cases stay.
    Case.objects.create(property=props[0], number="X-2", status="received", description=complaints_bench.QUICK_LOG_DESCRIPTION)
    bench.forget_earlier_posts(property=props[0], modules=list(bench.app_bench_modules()))
    assert not Case.objects.filter(description=complaints_bench.QUICK_LOG_DESCRIPTION).exists()
    assert Case.objects.count() - 1 == counts[2]


def test_reloading_the_inspections_keeps_the_audits_filled_checklists():
    if connection.vendor != "postgresql":
        pytest.skip("the loaders use PostgreSQL COPY")
    props = bench.seed_organisation(properties=1)
    _seed(props)
    audit_answers = ChecklistAnswer.objects.filter(response__audit__isnull=False).count()
    assert audit_answers

    facilities_bench.clear([props[0].pk])

    assert not Inspection.objects.filter(schedule__isnull=True).exists()
    assert ChecklistAnswer.objects.filter(response__audit__isnull=False).count() == audit_answers
