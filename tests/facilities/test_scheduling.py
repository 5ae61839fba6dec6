import datetime as dt
import threading
from decimal import Decimal
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone

from facilities import scheduling, services
from facilities.choices import AssetStatus, Frequency, InspectionStatus, ScopeKind
from facilities.models import Inspection, InspectionSchedule
from hotelqa.models import JobRun

from .factories import AssetCategoryFactory, AssetFactory, LocationFactory, ScheduleFactory, published_template

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def at(y, m, d, h=0, mi=0):
    return dt.datetime(y, m, d, h, mi, tzinfo=SHANGHAI)


def test_daily_schedule_creates_one_inspection_per_target_and_window(property_a):
    rooms = [LocationFactory(property=property_a) for _ in range(3)]
    schedule = ScheduleFactory(property=property_a, starts_on=dt.date(2026, 3, 1), locations=rooms)
    created = scheduling.inspections_generate(now=at(2026, 3, 2, 10))
    assert created == 6  # two opened windows (1 and 2 March, 09:00) × three rooms
    starts = sorted({i.due_start for i in Inspection.objects.filter(schedule=schedule)})
    assert starts == [at(2026, 3, 1, 9), at(2026, 3, 2, 9)]
    assert all(i.due_end - i.due_start == dt.timedelta(hours=8) for i in Inspection.objects.all())


def test_running_twice_creates_nothing_more(property_a):
    ScheduleFactory(property=property_a, starts_on=dt.date(2026, 3, 1))
    now = at(2026, 3, 3, 12)
    first = scheduling.inspections_generate(now=now)
    # Forget the cursor so the second run really tries to insert the same periods again.
    InspectionSchedule.objects.update(generated_until=None)
    second = scheduling.inspections_generate(now=now)
    assert first == 3 and second == 0
    assert Inspection.objects.count() == 3


def test_catch_up_after_a_missed_day(property_a):
    schedule = ScheduleFactory(property=property_a, starts_on=dt.date(2026, 3, 1))
    scheduling.inspections_generate(now=at(2026, 3, 1, 10))
    assert Inspection.objects.count() == 1
    # The job did not run on 2 March; on 3 March it creates both missed and current periods.
    created = scheduling.inspections_generate(now=at(2026, 3, 3, 9, 30))
    assert created == 2
    starts = sorted(Inspection.objects.filter(schedule=schedule).values_list("due_start", flat=True))
    assert starts == [at(2026, 3, 1, 9), at(2026, 3, 2, 9), at(2026, 3, 3, 9)]
    # The missed day's window has closed: it is overdue, today's is due.
    assert Inspection.objects.get(due_start=at(2026, 3, 2, 9)).status == InspectionStatus.OVERDUE
    assert Inspection.objects.get(due_start=at(2026, 3, 3, 9)).status == InspectionStatus.DUE


def test_window_not_yet_open_is_not_created(property_a):
    ScheduleFactory(property=property_a, starts_on=dt.date(2026, 3, 1))
    assert scheduling.inspections_generate(now=at(2026, 3, 1, 8, 59)) == 0
    assert scheduling.inspections_generate(now=at(2026, 3, 1, 9, 0)) == 1


def test_weekly_on_chosen_days(property_a):
    # 2 March 2026 is a Monday.
    ScheduleFactory(property=property_a, starts_on=dt.date(2026, 3, 2), frequency=Frequency.WEEKLY, weekdays="0,3")
    scheduling.inspections_generate(now=at(2026, 3, 15, 23))
    days = sorted(i.due_start.astimezone(SHANGHAI).date() for i in Inspection.objects.all())
    assert days == [dt.date(2026, 3, 2), dt.date(2026, 3, 5), dt.date(2026, 3, 9), dt.date(2026, 3, 12)]


def test_monthly_quarterly_and_rrule(property_a):
    monthly = ScheduleFactory(property=property_a, starts_on=dt.date(2026, 1, 31), frequency=Frequency.MONTHLY)
    quarterly = ScheduleFactory(property=property_a, starts_on=dt.date(2026, 1, 10), frequency=Frequency.QUARTERLY)
    rrule = ScheduleFactory(property=property_a, starts_on=dt.date(2026, 3, 2), frequency=Frequency.RRULE,
                            rrule="FREQ=WEEKLY;INTERVAL=2;BYDAY=MO")
    rule_days = [s.date() for s in scheduling.schedule_rule(monthly).between(dt.datetime(2026, 1, 1), dt.datetime(2026, 4, 30, 23))]
    assert rule_days == [dt.date(2026, 1, 31), dt.date(2026, 2, 28), dt.date(2026, 3, 31), dt.date(2026, 4, 30)]
    q_days = [s.date() for s in scheduling.schedule_rule(quarterly).between(dt.datetime(2026, 1, 1), dt.datetime(2026, 12, 31))]
    assert q_days == [dt.date(2026, 1, 10), dt.date(2026, 4, 10), dt.date(2026, 7, 10), dt.date(2026, 10, 10)]
    r_days = [s.date() for s in scheduling.schedule_rule(rrule).between(dt.datetime(2026, 3, 1), dt.datetime(2026, 3, 31))]
    assert r_days == [dt.date(2026, 3, 2), dt.date(2026, 3, 16), dt.date(2026, 3, 30)]


def test_invalid_rrule_is_rejected():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        scheduling.parse_rrule("FREQ=SOMETIMES", dtstart=dt.datetime(2026, 1, 1))
    with pytest.raises(ValidationError):
        scheduling.parse_rrule("FREQ=MINUTELY", dtstart=dt.datetime(2026, 1, 1))


def test_category_scope_targets_each_asset_in_service(property_a):
    category = AssetCategoryFactory(property=property_a, code="fire")
    keep = [AssetFactory(property=property_a, category=category) for _ in range(2)]
    AssetFactory(property=property_a, category=category, status=AssetStatus.RETIRED)
    AssetFactory(property=property_a)  # another category
    ScheduleFactory(property=property_a, scope_kind=ScopeKind.CATEGORY, category=category, starts_on=dt.date(2026, 3, 1))
    scheduling.inspections_generate(now=at(2026, 3, 1, 10))
    assert set(Inspection.objects.values_list("asset_id", flat=True)) == {a.pk for a in keep}
    assert all(i.location_id == i.asset.location_id for i in Inspection.objects.select_related("asset"))


def test_paused_schedule_creates_nothing_and_resume_skips_the_pause(property_a):
    schedule = ScheduleFactory(property=property_a, starts_on=dt.date(2026, 3, 1))
    scheduling.inspections_generate(now=at(2026, 3, 1, 10))
    services.schedule_set_active(schedule=schedule, active=False)
    scheduling.inspections_generate(now=at(2026, 3, 4, 10))
    assert Inspection.objects.count() == 1
    services.schedule_set_active(schedule=schedule, active=True, now=at(2026, 3, 5, 10))
    scheduling.inspections_generate(now=at(2026, 3, 5, 10))
    days = sorted(i.due_start.astimezone(SHANGHAI).date() for i in Inspection.objects.all())
    assert days == [dt.date(2026, 3, 1), dt.date(2026, 3, 5)]  # the window open at resume, not the paused days


def test_new_inspections_use_the_published_version_at_generation(property_a):
    from hotelqa.checklists import services as cl
    from .factories import item

    schedule = ScheduleFactory(property=property_a, starts_on=dt.date(2026, 3, 1))
    scheduling.inspections_generate(now=at(2026, 3, 1, 10))
    v1 = schedule.template.current_version
    draft = cl.checklist_draft_get_or_create(template=schedule.template)
    cl.checklist_item_add(section=draft.sections.first(), **item("New item"))
    cl.checklist_version_publish(version=draft, actor=None)
    scheduling.inspections_generate(now=at(2026, 3, 2, 10))
    versions = dict(Inspection.objects.values_list("due_start", "version_id"))
    assert versions[at(2026, 3, 1, 9)] == v1.pk
    assert versions[at(2026, 3, 2, 9)] == draft.pk


def test_management_command_with_until(property_a):
    ScheduleFactory(property=property_a, starts_on=dt.date(2026, 3, 1))
    out = StringIO()
    call_command("generate_inspections", "--until", "2026-03-02T10:00", stdout=out)
    assert "2 inspection(s) created" in out.getvalue()
    call_command("generate_inspections", "--until", "2026-03-02T10:00", stdout=out)
    assert Inspection.objects.count() == 2


def test_periodic_task_records_its_run(property_a):
    from facilities.tasks import generate_due_inspections
    from hotelqa.jobs import PERIODIC_JOBS

    ScheduleFactory(property=property_a, starts_on=timezone.localdate() - dt.timedelta(days=1), window_start=dt.time(0, 0))
    assert "facilities.generate_due_inspections" in PERIODIC_JOBS
    assert "hotelqa.deadline_watch" in PERIODIC_JOBS and "facilities.work_order_watch" not in PERIODIC_JOBS
    items = generate_due_inspections.apply().get()
    run = JobRun.objects.get(job="facilities.generate_due_inspections")
    assert run.status == "succeeded" and run.items == items and items >= 2


def test_overdue_marking(property_a):
    ScheduleFactory(property=property_a, starts_on=dt.date(2026, 3, 1))
    scheduling.inspections_generate(now=at(2026, 3, 1, 10))
    assert scheduling.inspections_mark_overdue(now=at(2026, 3, 1, 16, 59)) == 0
    assert scheduling.inspections_mark_overdue(now=at(2026, 3, 1, 17, 1)) == 1
    assert Inspection.objects.get().status == InspectionStatus.OVERDUE


@pytest.mark.skipif(connection.vendor == "sqlite", reason="SQLite serialises writers; runs on PostgreSQL in CI")
@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_create_no_duplicates(transactional_db, property_a):
    rooms = [LocationFactory(property=property_a) for _ in range(20)]
    for _ in range(10):
        ScheduleFactory(property=property_a, starts_on=dt.date(2026, 3, 1), locations=rooms)
    now = at(2026, 3, 5, 10)
    barrier = threading.Barrier(2)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            results.append(scheduling.inspections_generate(now=now))
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
    expected = 10 * 20 * 5
    assert Inspection.objects.count() == expected
    assert sum(results) == expected  # each row counted by exactly one run


def test_many_schedules_each_get_one_inspection_per_run(property_a):
    """Correctness at volume; how long 10,000 schedules take is a figure of `manage.py bench`
    (facilities: "inspection generation, 10,000 schedules"), not a test."""
    template = published_template(property_a)
    rooms = [LocationFactory(property=property_a) for _ in range(20)]
    schedules = InspectionSchedule.objects.bulk_create(
        InspectionSchedule(property=property_a, name=f"S{i}", template=template, scope_kind=ScopeKind.LOCATIONS,
                           frequency=Frequency.DAILY, starts_on=dt.date(2026, 3, 1), window_start=dt.time(9),
                           window_hours=Decimal(8))
        for i in range(1_000)
    )
    Through = InspectionSchedule.locations.through
    Through.objects.bulk_create(
        [Through(inspectionschedule_id=s.pk, location_id=rooms[i % 20].pk) for i, s in enumerate(schedules)], batch_size=5000)
    assert scheduling.inspections_generate(now=at(2026, 3, 1, 10)) == 1_000
    assert Inspection.objects.filter(schedule__in=schedules).values("schedule").distinct().count() == 1_000
    assert scheduling.inspections_generate(now=at(2026, 3, 1, 11)) == 0  # a second run in the same period adds nothing
