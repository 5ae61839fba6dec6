"""The foundation's deadline watch (`hotelqa.watch`): any app's source, each step sent once."""

import datetime as dt
import threading

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, connections, transaction

from hotelqa import watch
from hotelqa.models import Department, Escalation, JobRun, Notification
from hotelqa.services import Message, notification_send

pytestmark = pytest.mark.django_db

T0 = dt.datetime(2026, 5, 4, 9, 0, tzinfo=dt.UTC)
KEY = "test.department_review"


@pytest.fixture
def source(property_a, member):
    """A made-up source: every department of property A has a review due at T0, a warning an hour
    before and a manager escalation an hour after."""
    head = member(property_a, "manager")
    told = []
    state = {"key": "review", "fail": set()}

    def deadlines(now):
        for dept in Department.objects.filter(property=property_a):
            yield watch.Deadline(record=dept, key=state["key"], due=T0, context="ctx",
                                 steps=[(watch.WARNING, T0 - dt.timedelta(hours=1)), (1, T0), (2, T0 + dt.timedelta(hours=1))])

    def notify(step):
        if step.record.pk in state["fail"]:
            raise RuntimeError("mail server on fire")
        told.append((step.record.pk, step.key, step.level, step.context))
        notification_send(recipients=[head], property=step.record.property, kind="review", url="/",
                          title=Message("%(n)s", {"n": step.level}))
        return [head]

    registered = watch.register(KEY, model=Department, deadlines=deadlines, notify=notify, title="reviews",
                                level_label=lambda level: f"L{level}")
    yield registered, told, state, head
    watch.SOURCES.pop(KEY, None)


def run(now):
    return watch.run(now=now, sources=[KEY])[KEY]


def test_each_step_once_however_often_the_watch_runs(source, property_a):
    _, told, _, head = source
    departments = Department.objects.filter(property=property_a).count()
    assert run(T0 - dt.timedelta(hours=2)) == 0
    assert run(T0 - dt.timedelta(minutes=30)) == departments  # the warnings
    assert run(T0 - dt.timedelta(minutes=25)) == 0
    assert run(T0 + dt.timedelta(minutes=5)) == departments  # level 1
    assert run(T0 + dt.timedelta(minutes=5)) == 0
    assert sorted({level for _, _, level, _ in told}) == [0, 1]
    assert Notification.objects.filter(recipient=head, kind="review").count() == 2 * departments
    row = Escalation.objects.filter(level=1).first()
    assert row.notified == str(head) and row.recipients == 1 and row.property == property_a
    assert row.level_label == "L1" and row.record.property_id == property_a.pk


def test_a_late_run_sends_the_missed_escalations_but_not_the_warning(source, property_a):
    _, told, _, _ = source
    dept = Department.objects.filter(property=property_a).first()
    run(T0 + dt.timedelta(hours=5))
    assert sorted(level for pk, _, level, _ in told if pk == dept.pk) == [1, 2]
    assert told[0][3] == "ctx"  # the source's context reaches notify


def test_a_new_deadline_key_is_watched_afresh(source):
    _, told, state, _ = source
    run(T0 + dt.timedelta(minutes=1))
    sent = len(told)
    state["key"] = "review.2"  # e.g. reopened: a new cycle
    assert run(T0 + dt.timedelta(minutes=1)) == sent


def test_a_concurrent_run_that_recorded_the_step_first_wins_and_nothing_is_sent_twice(source, property_a):
    registered, told, _, head = source
    dept = Department.objects.filter(property=property_a).first()
    deadline = watch.Deadline(record=dept, key="review", due=T0, steps=[(1, T0)])
    content_type = ContentType.objects.get_for_model(Department)
    # The other run inserted the row after this run read what was sent.
    assert watch.send_step(registered, content_type, deadline, 1, at=T0, now=T0) is True
    assert watch.send_step(registered, content_type, deadline, 1, at=T0, now=T0) is False
    assert len(told) == 1
    assert Notification.objects.filter(recipient=head, kind="review").count() == 1


def test_the_database_refuses_a_second_row_for_a_step(property_a):
    dept = Department.objects.filter(property=property_a).first()
    row = dict(record=dept, property=property_a, deadline="x", level=1, due=T0)
    Escalation.objects.create(**row)
    with pytest.raises(IntegrityError), transaction.atomic():
        Escalation.objects.create(**row)


def test_a_failing_step_is_rolled_back_retried_next_run_and_does_not_stop_the_others(source, property_a):
    _, told, state, head = source
    first, *others = Department.objects.filter(property=property_a).order_by("pk")
    state["fail"] = {first.pk}
    with pytest.raises(watch.StepsFailed, match="mail server on fire"):
        run(T0 + dt.timedelta(minutes=1))
    assert len(told) == len(others)  # the others were sent
    assert not Escalation.objects.filter(object_id=first.pk, deadline="review").exists()
    state["fail"] = set()
    assert run(T0 + dt.timedelta(minutes=2)) == 1  # the failed one, once it can be sent


def test_one_job_walks_every_registered_source(source, property_a):
    from hotelqa.jobs import PERIODIC_JOBS
    from hotelqa.tasks import deadline_watch

    assert {"complaints.case", "facilities.work_order", "audits.corrective_action", KEY} <= set(watch.SOURCES)
    assert PERIODIC_JOBS["hotelqa.deadline_watch"].schedule._orig_minute == "*/5"
    deadline_watch.apply().get()  # now: long after T0
    run_row = JobRun.objects.get(job="hotelqa.deadline_watch")
    departments = Department.objects.filter(property=property_a).count()
    assert run_row.items == 2 * departments
    assert f"reviews: {2 * departments}" in PERIODIC_JOBS["hotelqa.deadline_watch"].detail_text(run_row.detail)


@pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite serialises writers; runs on PostgreSQL in CI")
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_send_each_step_once(transactional_db, source, property_a):
    _, told, _, head = source
    departments = Department.objects.filter(property=property_a).count()
    barrier = threading.Barrier(2)
    results, errors = [], []

    def one_run():
        try:
            barrier.wait()
            results.append(run(T0 + dt.timedelta(hours=5)))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=one_run) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sum(results) == 2 * departments  # levels 1 and 2 of each, each counted by one run
    assert Escalation.objects.count() == 2 * departments
    assert Notification.objects.filter(recipient=head, kind="review").count() == 2 * departments


def test_the_retired_per_app_watch_jobs_leave_beat_on_migrate():
    from django_celery_beat.models import IntervalSchedule, PeriodicTask

    from hotelqa.jobs import ensure_periodic_tasks

    every = IntervalSchedule.objects.create(every=300, period=IntervalSchedule.SECONDS)
    for name in ("complaints.sla_watch", "facilities.work_order_watch", "audits.corrective_action_watch"):
        PeriodicTask.objects.create(name=name, task=name, interval=every)
    ensure_periodic_tasks()
    names = set(PeriodicTask.objects.values_list("name", flat=True))
    assert "hotelqa.deadline_watch" in names
    assert not names & {"complaints.sla_watch", "facilities.work_order_watch", "audits.corrective_action_watch"}
