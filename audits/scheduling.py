"""When audits fall due and the generator that creates them (the pattern of facilities'
inspections).

The generator is idempotent: an audit is unique per (plan, period start) in the database and rows
are inserted with `ignore_conflicts`, so a repeated or concurrent run inserts nothing twice. Each
plan remembers the start of the last period it created (`generated_until`), so a run after an
outage catches up the periods it missed (at most `MAX_CATCH_UP_DAYS` back).
"""

import datetime as dt
from zoneinfo import ZoneInfo

from dateutil import rrule as du
from django.db import transaction
from django.utils import timezone

from .models import Audit, AuditFrequency, AuditPlan, AuditStatus

MAX_CATCH_UP_DAYS = 190
CHUNK = 1000

MONTHS = {AuditFrequency.MONTHLY: 1, AuditFrequency.QUARTERLY: 3, AuditFrequency.HALF_YEARLY: 6, AuditFrequency.YEARLY: 12}


def plan_rule(plan: AuditPlan):
    """The plan's period starts as a dateutil rule over naive dates (datetimes at midnight)."""
    dtstart = dt.datetime.combine(plan.starts_on, dt.time.min)
    until = dt.datetime.combine(plan.ends_on, dt.time.min) if plan.ends_on else None
    if plan.frequency == AuditFrequency.WEEKLY:
        return du.rrule(du.WEEKLY, dtstart=dtstart, until=until)
    day = plan.starts_on.day
    return du.rrule(du.MONTHLY, interval=MONTHS[plan.frequency], dtstart=dtstart, until=until,
                    bymonthday=day if day <= 28 else -1)  # months without the 31st use their last day


def period_starts(plan, *, after, today):
    """Period start dates in (after, today]; `after` None means from the plan's start."""
    floor = today - dt.timedelta(days=MAX_CATCH_UP_DAYS)
    lo = after if after and after >= floor else None
    starts = plan_rule(plan).between(dt.datetime.combine(lo or floor, dt.time.min), dt.datetime.combine(today, dt.time.min), inc=True)
    return [s.date() for s in starts if lo is None or s.date() > lo]


def due_time(period_start, window_days, tz):
    """The end of the period's last day, local time: `window_days` days after the period opens."""
    return dt.datetime.combine(period_start + dt.timedelta(days=window_days), dt.time.min, tzinfo=tz)


def audits_generate(*, now=None, plan_ids=None) -> int:
    """Create every audit whose period has opened by `now`. Returns how many were created."""
    now = now or timezone.now()
    qs = AuditPlan.objects.filter(is_active=True, template__current_version__isnull=False)
    if plan_ids is not None:
        qs = qs.filter(pk__in=plan_ids)
    ids = list(qs.order_by("pk").values_list("pk", flat=True))
    stamp = timezone.now()  # this run's rows carry its stamp, so it counts exactly what it inserted
    created = 0
    for start in range(0, len(ids), CHUNK):
        created += _generate_chunk(ids[start:start + CHUNK], now, stamp)
    return created


def _generate_chunk(ids, now, stamp):
    plans = list(AuditPlan.objects.filter(pk__in=ids).select_related("property", "template"))
    rows, touched = [], []
    for plan in plans:
        tz = ZoneInfo(plan.property.time_zone)
        starts = period_starts(plan, after=plan.generated_until, today=now.astimezone(tz).date())
        if not starts:
            continue
        for period_start in starts:
            due_at = due_time(period_start, plan.window_days, tz)
            rows.append(Audit(
                property_id=plan.property_id, plan_id=plan.pk, version_id=plan.template.current_version_id,
                method=plan.method, department_id=plan.department_id, area=plan.area, area_zh=plan.area_zh, process=plan.process,
                process_zh=plan.process_zh,
                period_start=period_start, due_at=due_at, inspector_id=plan.inspector_id, created_at=stamp,
                status=AuditStatus.DUE if due_at > now else AuditStatus.OVERDUE,
            ))
        plan.generated_until = starts[-1]
        touched.append(plan)
    if not rows:
        return 0
    with transaction.atomic():
        Audit.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
        AuditPlan.objects.bulk_update(touched, ["generated_until"], batch_size=1000)
    return Audit.objects.filter(plan_id__in=ids, created_at=stamp).count()


def audits_mark_overdue(*, now=None) -> int:
    """Audits not submitted by their due time become overdue."""
    now = now or timezone.now()
    return Audit.objects.filter(status__in=[AuditStatus.DUE, AuditStatus.IN_PROGRESS], due_at__lt=now).update(status=AuditStatus.OVERDUE)


def plan_resume_cursor(*, today):
    """Where generation restarts after a pause: the periods missed while paused are not created."""
    return today - dt.timedelta(days=1)


def next_periods(plan, *, count=5, today=None):
    today = today or timezone.localdate()
    rule = plan_rule(plan)
    result, cursor = [], dt.datetime.combine(today, dt.time.min)
    for _ in range(count):
        nxt = rule.after(cursor)
        if nxt is None:
            break
        result.append(nxt.date())
        cursor = nxt
    return result
