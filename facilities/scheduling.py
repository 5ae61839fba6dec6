"""When inspections fall due (dateutil rules) and the generator that creates them.

The generator is idempotent: an inspection is unique per (schedule, target, window start) in the
database, rows are inserted with `ignore_conflicts`, so a repeated or concurrent run inserts
nothing twice. Each schedule remembers the last window it created (`generated_until`) so a run
after an outage catches up the missed periods (at most `MAX_CATCH_UP_DAYS` back).
"""

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from zoneinfo import ZoneInfo

from dateutil import rrule as du
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import AssetStatus, Frequency, InspectionStatus, ScopeKind
from .models import Asset, Inspection, InspectionSchedule

MAX_CATCH_UP_DAYS = 31
CHUNK = 1000


def schedule_rule(schedule: InspectionSchedule):
    """The schedule's recurrence as a dateutil rule over naive local window-start datetimes."""
    dtstart = dt.datetime.combine(schedule.starts_on, schedule.window_start)
    until = dt.datetime.combine(schedule.ends_on, dt.time.max) if schedule.ends_on else None
    day = schedule.starts_on.day
    # Months without the start day (e.g. the 31st) use their last day.
    monthday = day if day <= 28 else -1
    freq = schedule.frequency
    if freq == Frequency.DAILY:
        return du.rrule(du.DAILY, dtstart=dtstart, until=until)
    if freq == Frequency.WEEKLY:
        days = [int(d) for d in schedule.weekdays.split(",") if d.strip().isdigit()] or [schedule.starts_on.weekday()]
        return du.rrule(du.WEEKLY, dtstart=dtstart, until=until, byweekday=days)
    if freq == Frequency.MONTHLY:
        return du.rrule(du.MONTHLY, dtstart=dtstart, until=until, bymonthday=monthday)
    if freq == Frequency.QUARTERLY:
        return du.rrule(du.MONTHLY, interval=3, dtstart=dtstart, until=until, bymonthday=monthday)
    rule = parse_rrule(schedule.rrule, dtstart=dtstart)
    return rule.replace(until=until) if until else rule


def parse_rrule(text: str, *, dtstart):
    text = text.strip()
    if text.upper().startswith("RRULE:"):
        text = text[6:]
    if not text or "DTSTART" in text.upper():
        raise ValidationError(_("Enter a rule like FREQ=WEEKLY;BYDAY=MO,TH (without DTSTART)."))
    try:
        rule = du.rrulestr(text, dtstart=dtstart)
    except (ValueError, TypeError) as exc:
        raise ValidationError(_("This is not a valid RRULE: %(error)s") % {"error": exc})
    if not isinstance(rule, du.rrule):
        raise ValidationError(_("Enter a single RRULE."))
    if rule._freq in (du.SECONDLY, du.MINUTELY):
        raise ValidationError(_("Inspections cannot repeat more often than hourly."))
    return rule


def window_starts(schedule, *, after, until, tz):
    """Aware window starts in (after, until]; `after` None means from the schedule's start."""
    rule = schedule_rule(schedule)
    lo = after.astimezone(tz).replace(tzinfo=None) if after else None
    hi = until.astimezone(tz).replace(tzinfo=None)
    floor = hi - dt.timedelta(days=MAX_CATCH_UP_DAYS)
    if lo is None or lo < floor:
        lo, inclusive = floor, True
    else:
        inclusive = False
    return [s.replace(tzinfo=tz) for s in rule.between(lo, hi, inc=True) if inclusive or s > lo]


def schedule_targets(schedule, category_assets):
    """[(target_key, location_id, asset_id)] for the schedule's scope."""
    if schedule.scope_kind == ScopeKind.LOCATIONS:
        return [(f"location:{loc.pk}", loc.pk, None) for loc in schedule.locations.all()]
    if schedule.scope_kind == ScopeKind.ASSETS:
        assets = [a for a in schedule.assets.all() if a.status != AssetStatus.RETIRED]
    else:
        assets = category_assets.get((schedule.property_id, schedule.category_id), [])
    return [(f"asset:{a.pk}", a.location_id, a.pk) for a in assets]


def inspections_generate(*, now=None, schedule_ids=None) -> int:
    """Create every inspection whose window has opened by `now`. Returns how many were created."""
    now = now or timezone.now()
    qs = InspectionSchedule.objects.filter(is_active=True, template__current_version__isnull=False)
    if schedule_ids is not None:
        qs = qs.filter(pk__in=schedule_ids)
    ids = list(qs.order_by("pk").values_list("pk", flat=True))
    created = 0
    # Rows this run inserts carry its own wall-clock stamp, so it can count them exactly even
    # while another run inserts the same periods (those conflicts are skipped by the database).
    stamp = timezone.now()
    for start in range(0, len(ids), CHUNK):
        created += _generate_chunk(ids[start:start + CHUNK], now, stamp)
    return created


def _generate_chunk(ids, now, stamp):
    schedules = list(
        InspectionSchedule.objects.filter(pk__in=ids)
        .select_related("property", "template")
        .prefetch_related("locations", "assets")
    )
    wanted_categories = {(s.property_id, s.category_id) for s in schedules if s.scope_kind == ScopeKind.CATEGORY}
    category_assets = defaultdict(list)
    if wanted_categories:
        rows = Asset.objects.filter(
            category_id__in={c for _, c in wanted_categories}, property_id__in={p for p, _ in wanted_categories}
        ).exclude(status=AssetStatus.RETIRED).only("pk", "location_id", "property_id", "category_id", "status")
        for asset in rows:
            category_assets[(asset.property_id, asset.category_id)].append(asset)

    rows, touched = [], []
    for schedule in schedules:
        tz = ZoneInfo(schedule.property.time_zone)
        starts = window_starts(schedule, after=schedule.generated_until, until=now, tz=tz)
        if not starts:
            continue
        window = dt.timedelta(hours=float(schedule.window_hours))
        targets = schedule_targets(schedule, category_assets)
        for due_start in starts:
            due_end = due_start + window
            for key, location_id, asset_id in targets:
                rows.append(
                    Inspection(
                        property_id=schedule.property_id, schedule_id=schedule.pk,
                        version_id=schedule.template.current_version_id,
                        location_id=location_id, asset_id=asset_id, target_key=key,
                        due_start=due_start, due_end=due_end,
                        status=InspectionStatus.DUE if due_end > now else InspectionStatus.OVERDUE,
                        department_id=schedule.department_id, assignee_id=schedule.assignee_id, created_at=stamp,
                    )
                )
        schedule.generated_until = starts[-1]
        touched.append(schedule)
    if not rows:
        return 0
    with transaction.atomic():
        Inspection.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
        InspectionSchedule.objects.bulk_update(touched, ["generated_until"], batch_size=1000)
    return Inspection.objects.filter(schedule_id__in=ids, created_at=stamp).count()


def inspections_mark_overdue(*, now=None) -> int:
    """Due or started inspections whose window has closed become overdue."""
    now = now or timezone.now()
    return Inspection.objects.filter(
        status__in=[InspectionStatus.DUE, InspectionStatus.IN_PROGRESS], due_end__lt=now
    ).update(status=InspectionStatus.OVERDUE)


def schedule_resume_cursor(schedule, *, now=None):
    """Where generation restarts after a pause: the window still open now is created, the
    periods missed while paused are not."""
    now = now or timezone.now()
    return now - dt.timedelta(hours=float(schedule.window_hours or Decimal(0)))


def next_windows(schedule, *, count=5, now=None):
    """The next few window starts, for the schedule page."""
    now = now or timezone.now()
    tz = ZoneInfo(schedule.property.time_zone)
    rule = schedule_rule(schedule)
    result, cursor = [], now.astimezone(tz).replace(tzinfo=None)
    for _ in range(count):
        nxt = rule.after(cursor)
        if nxt is None:
            break
        result.append(nxt.replace(tzinfo=tz))
        cursor = nxt
    return result
