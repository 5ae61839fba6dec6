"""Audit plans generate their due audits idempotently, catch up after an outage and never twice,
even when two runs race."""

import datetime as dt
import threading
from zoneinfo import ZoneInfo

import pytest
from django.db import connection, connections

from audits import scheduling, services
from audits.models import Audit, AuditFrequency, AuditStatus

from .factories import audit_template, plan_for

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(y, m, d, h=0):
    return dt.datetime(y, m, d, h, tzinfo=SHANGHAI)


def test_weekly_plan_creates_one_audit_per_week_with_its_due_time(property_a):
    plan = plan_for(property_a, starts_on=dt.date(2026, 3, 2), window_days=5)
    assert scheduling.audits_generate(now=at(2026, 3, 20, 9)) == 3  # 2, 9 and 16 March
    audits = list(Audit.objects.filter(plan=plan).order_by("period_start"))
    assert [a.period_start for a in audits] == [dt.date(2026, 3, 2), dt.date(2026, 3, 9), dt.date(2026, 3, 16)]
    assert audits[0].due_at == at(2026, 3, 7)
    assert audits[0].status == AuditStatus.OVERDUE and audits[2].status == AuditStatus.DUE
    assert all(a.inspector_id == plan.inspector_id and a.department_id == plan.department_id for a in audits)
    assert plan.__class__.objects.get(pk=plan.pk).generated_until == dt.date(2026, 3, 16)


def test_repeated_runs_create_nothing_more(property_a):
    plan_for(property_a, starts_on=dt.date(2026, 3, 2))
    now = at(2026, 3, 20, 9)
    assert scheduling.audits_generate(now=now) == 3
    assert scheduling.audits_generate(now=now) == 0
    assert scheduling.audits_generate(now=at(2026, 3, 20, 23)) == 0
    assert Audit.objects.count() == 3


def test_a_lost_cursor_does_not_duplicate_thanks_to_the_unique_period(property_a):
    plan = plan_for(property_a, starts_on=dt.date(2026, 3, 2))
    scheduling.audits_generate(now=at(2026, 3, 20, 9))
    plan.__class__.objects.filter(pk=plan.pk).update(generated_until=None)  # as if a run had died before saving it
    assert scheduling.audits_generate(now=at(2026, 3, 20, 9)) == 0
    assert Audit.objects.count() == 3


def test_a_run_after_an_outage_catches_up_the_missed_periods(property_a):
    plan = plan_for(property_a, starts_on=dt.date(2026, 1, 31), frequency=AuditFrequency.MONTHLY)
    scheduling.audits_generate(now=at(2026, 2, 1, 9))
    assert Audit.objects.filter(plan=plan).count() == 1
    assert scheduling.audits_generate(now=at(2026, 5, 2, 9)) == 3  # Feb (last day), Mar, Apr missed while down
    starts = sorted(Audit.objects.filter(plan=plan).values_list("period_start", flat=True))
    assert starts == [dt.date(2026, 1, 31), dt.date(2026, 2, 28), dt.date(2026, 3, 31), dt.date(2026, 4, 30)]


def test_paused_plan_creates_nothing_and_resuming_skips_the_paused_periods(property_a):
    plan = plan_for(property_a, starts_on=dt.date(2020, 1, 6))
    services.plan_set_active(plan=plan, active=False)
    assert scheduling.audits_generate() == 0
    services.plan_set_active(plan=plan, active=True)
    assert scheduling.audits_generate() <= 1  # at most the current week, never the paused ones


def test_a_plan_whose_checklist_has_no_published_version_creates_nothing(property_a):
    from hotelqa.checklists import services as cl

    template = cl.checklist_template_create(property=property_a, name="Draft only", kind="audit")
    plan_for(property_a, template=template)
    assert scheduling.audits_generate(now=at(2026, 3, 20, 9)) == 0


def test_due_audits_become_overdue_once_their_time_passes(property_a):
    plan_for(property_a, starts_on=dt.date(2026, 3, 16), window_days=2)
    scheduling.audits_generate(now=at(2026, 3, 16, 9))
    assert Audit.objects.get().status == AuditStatus.DUE
    assert scheduling.audits_mark_overdue(now=at(2026, 3, 18, 1)) == 1
    assert Audit.objects.get().status == AuditStatus.OVERDUE


def test_generation_job_is_logged(property_a):
    from audits.tasks import generate_due_audits
    from hotelqa.models import JobRun

    plan_for(property_a, starts_on=dt.date.today() - dt.timedelta(days=8))
    generate_due_audits.apply()
    run = JobRun.objects.get(job="audits.generate_due_audits")
    assert run.items >= 2


@pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite serialises writers; runs on PostgreSQL in CI")
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_create_no_duplicates(transactional_db, property_a):
    template = audit_template(property_a)
    for n in range(8):
        plan_for(property_a, template=template, name=f"Plan {n}", starts_on=dt.date(2026, 1, 5))
    now = at(2026, 3, 20, 9)
    barrier = threading.Barrier(2)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            results.append(scheduling.audits_generate(now=now))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    expected = 8 * 11  # weekly from 5 January to 16 March
    assert Audit.objects.count() == expected
    assert sum(results) == expected
