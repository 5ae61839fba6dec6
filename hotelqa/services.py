"""Writes of the organisation app: properties, memberships, notifications, KPI snapshots."""

import datetime as dt
from contextlib import contextmanager
from contextvars import ContextVar
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.db import transaction
from django.utils import timezone
from django.utils import translation
from django.utils.functional import Promise

from . import kpi_registry
from .choices import DepartmentKind, Role
from .jobs import enqueue_on_commit
from .models import CareerLevelChange, Department, KpiSnapshot, Membership, Notification, Property, StaffMember, User
from .permissions import ROLE_GROUP_NAMES

DEFAULT_DEPARTMENTS = [
    DepartmentKind.FRONT_OFFICE,
    DepartmentKind.HOUSEKEEPING,
    DepartmentKind.ENGINEERING,
    DepartmentKind.FOOD_BEVERAGE,
    DepartmentKind.SECURITY,
    DepartmentKind.QUALITY,
    DepartmentKind.HUMAN_RESOURCES,
]


def property_ensure_default_departments(*, property: Property) -> list[Department]:
    """Give a property the standard departments it lacks (idempotent)."""
    created = []
    for kind in DEFAULT_DEPARTMENTS:
        with translation.override("en"):
            name = str(kind.label)
        with translation.override("zh-hans"):
            name_zh = str(kind.label)
        department, was_created = Department.objects.get_or_create(
            property=property, kind=kind, defaults={"name": name, "name_zh": name_zh}
        )
        if was_created:
            created.append(department)
    return created


def membership_set(*, user: User, property: Property, role: str, department=None) -> Membership:
    """Give `user` one role at `property`, keeping their permission groups in step."""
    membership, _ = Membership.objects.update_or_create(
        user=user, property=property, defaults={"role": role, "department": department}
    )
    user_sync_groups(user=user)
    return membership


@transaction.atomic
def staff_set_level(*, staff: StaffMember, level: str, actor=None, effective_on=None, note: str = "") -> CareerLevelChange | None:
    """Move a staff member on the career ladder and record the step (003 §6.3); no step, no row."""
    staff = StaffMember.objects.select_for_update().get(pk=staff.pk)
    if staff.career_level == level:
        return None
    change = CareerLevelChange.objects.create(
        staff=staff, from_level=staff.career_level, to_level=level, changed_by=actor,
        effective_on=effective_on or timezone.localdate(), note=note,
    )
    staff.career_level = level
    staff.save(update_fields=["career_level"])
    return change


def user_sync_groups(*, user: User) -> None:
    roles = set(user.memberships.values_list("role", flat=True))
    if user.is_group_manager:
        roles.add(Role.MANAGER)
    if user.is_group_admin:
        roles.add(Role.ADMIN)
    groups = Group.objects.filter(name__in=[ROLE_GROUP_NAMES[r] for r in roles])
    user.groups.set(groups)
    # Admins use the Django admin for configuration that has no page of its own.
    is_staff = Role.ADMIN in roles or user.is_superuser
    if user.is_staff != is_staff:
        user.is_staff = is_staff
        user.save(update_fields=["is_staff"])


class Message:
    """Text to be put in each recipient's own language: a translatable string (gettext_lazy) and
    its parameters, rendered when the notification is written for that recipient."""

    def __init__(self, text, params=None):
        self.text, self.params = text, params or {}

    def render(self):
        if not self.params:
            return str(self.text)
        # Lazy parameters (choice labels) are translated too; numbers stay numbers for %d.
        return str(self.text) % {k: str(v) if isinstance(v, Promise) else v for k, v in self.params.items()}


def _lazy_source(value):
    """A lazily translated string as [msgid] or [context, msgid]; None for anything else."""
    args = getattr(value, "_args", None) if isinstance(value, Promise) else None
    return list(args) if args and all(isinstance(a, str) for a in args) and len(args) <= 2 else None


def message_source(text):
    """What a notification keeps to render `text` again later: [msgid, params] or None."""
    if not isinstance(text, Message):
        return None
    msgid = _lazy_source(text.text)
    if msgid is None or len(msgid) != 1:
        return None
    params = {}
    for key, value in text.params.items():
        lazy = _lazy_source(value)
        params[key] = {"lazy": lazy} if lazy else (value if isinstance(value, (int, float)) else str(value))
    return [msgid[0], params]


def message_from_source(source, fallback):
    """`source` rendered in the current language; `fallback` (the stored text) without one."""
    if not source:
        return fallback
    msgid, params = source
    values = {}
    for key, value in params.items():
        if isinstance(value, dict) and "lazy" in value:
            args = value["lazy"]
            value = translation.gettext(args[0]) if len(args) == 1 else translation.pgettext(*args)
        values[key] = value
    try:
        return translation.gettext(msgid) % values if values else translation.gettext(msgid)
    except (KeyError, TypeError, ValueError):
        return fallback


def _in_language(text, language):
    if not isinstance(text, Message):
        return str(text)
    with translation.override(language or settings.LANGUAGE_CODE):
        return text.render()


_emails_suppressed = ContextVar("emails_suppressed", default=False)


@contextmanager
def emails_suppressed():
    """In-app notifications only, no emails: for demo data and bulk imports."""
    token = _emails_suppressed.set(True)
    try:
        yield
    finally:
        _emails_suppressed.reset(token)


def notification_send(*, recipients, title, body="", url="", property=None, kind="info", email=True):
    """Notify users in-app and, after commit, by email. Returns the notifications created.
    `title` and `body` may be `Message`s, written in each recipient's language."""
    recipients = {u.pk: u for u in recipients if u is not None and u.is_active}
    notifications = Notification.objects.bulk_create(
        Notification(
            recipient=u,
            property=property,
            kind=kind,
            title=_in_language(title, u.language)[:200],
            body=_in_language(body, u.language),
            url=url,
            source={k: v for k, v in (("title", message_source(title)), ("body", message_source(body))) if v},
        )
        for u in recipients.values()
    )
    if email and notifications and not _emails_suppressed.get():
        from .tasks import send_notification_emails

        enqueue_on_commit(send_notification_emails, [n.pk for n in notifications])
    return notifications


def absolute_url(path: str) -> str:
    """A link that works from an e-mail: the site's address (SITE_URL) before a path."""
    if not path or "://" in path:
        return path
    return f"{settings.SITE_URL}/{path.lstrip('/')}"


def notification_email(notification: Notification) -> EmailMultiAlternatives:
    """The e-mail of one notification, in its recipient's language, as plain text and HTML."""
    recipient = notification.recipient
    with translation.override(recipient.language or settings.LANGUAGE_CODE):
        context = {"notification": notification, "recipient": recipient, "url": absolute_url(notification.url),
                   "site_name": settings.SITE_NAME, "site_url": settings.SITE_URL}
        text = render_to_string("hotelqa/email/notification.txt", context)
        html = render_to_string("hotelqa/email/notification.html", context)
        language = translation.get_language()
    message = EmailMultiAlternatives(notification.title, text, settings.DEFAULT_FROM_EMAIL, [recipient.email])
    message.attach_alternative(html, "text/html")
    message.extra_headers["Content-Language"] = language
    return message


def notification_emails_send(*, notification_ids) -> int:
    """E-mail each notification's copy once. Each row is locked while its message goes out and marked
    sent in the same transaction, so a retry, a redelivery or a concurrent copy of the task skips it."""
    sent = 0
    connection = get_connection()
    connection.open()
    try:
        for pk in notification_ids:
            with transaction.atomic():
                n = (
                    Notification.objects.select_for_update(skip_locked=True, of=("self",))
                    .select_related("recipient")
                    .filter(pk=pk, emailed_at__isnull=True)
                    .first()
                )
                if n is None or not n.recipient.email:
                    continue
                message = notification_email(n)
                message.connection = connection
                message.send()
                n.emailed_at = timezone.now()
                n.save(update_fields=["emailed_at"])
                sent += 1
    finally:
        connection.close()
    return sent


def notifications_mark_read(*, user: User, ids=None) -> int:
    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if ids is not None:
        qs = qs.filter(pk__in=ids)
    return qs.update(read_at=timezone.now())


def day_bounds(day: dt.date, tz_name: str):
    tz = ZoneInfo(tz_name)
    start = dt.datetime.combine(day, dt.time.min, tzinfo=tz)
    return start, start + dt.timedelta(days=1)


@transaction.atomic
def kpi_snapshot_day(*, property: Property, day: dt.date, kpis=None) -> int:
    """Store every KPI's parts for `property` on `day` (the property, and each department where the
    KPI is measured per department), replacing that day's earlier values."""
    kpis = kpis or kpi_registry.all_kpis()
    start, end = day_bounds(day, property.time_zone)
    departments = list(property.departments.all())
    KpiSnapshot.objects.filter(property=property, day=day, code__in=[k.code for k in kpis]).delete()
    rows = []

    def add(kpi, department, measure, key=""):
        value = kpi.value_of(measure)
        rows.append(
            KpiSnapshot(
                property=property,
                department=department,
                code=kpi.code,
                key=key,
                day=day,
                value=round(value if value is not None else measure.total, 4),
                total=measure.total,
                weight=measure.weight,
                histogram=measure.histogram,
            )
        )

    for kpi in kpis:
        for department in [None] + (departments if kpi.by_department else []):
            if kpi.breakdown is not None:
                for key, measure in kpi.breakdown(property=property, start=start, end=end, department=department).items():
                    add(kpi, department, measure, key)
                continue
            measure = kpi.measure(property=property, start=start, end=end, department=department)
            if measure is not None:
                add(kpi, department, measure)
    KpiSnapshot.objects.bulk_create(rows)
    return len(rows)


def kpi_snapshot_all(*, day: dt.date, settle: bool = False) -> int:
    """Store `day` for every active property. With `settle` (the nightly job), also store again
    the earlier days whose value can still change (a KPI's `settle_days`: a satisfaction rating
    recorded when the case closes, a revisit done after its due day), so the stored days keep
    matching the records."""
    kpis = kpi_registry.all_kpis()
    window = max((k.settle_days for k in kpis), default=0) if settle else 0
    stored = 0
    for prop in Property.objects.filter(is_active=True):
        for back in range(window + 1):
            due = [k for k in kpis if k.settle_days >= back]
            stored += kpi_snapshot_day(property=prop, day=day - dt.timedelta(days=back), kpis=due)
    return stored


KPI_CATCH_UP_DAYS = 7


def kpi_snapshot_catch_up(*, before: dt.date, days: int = KPI_CATCH_UP_DAYS) -> int:
    """Snapshot each (day, property) of the `days` before `before` that has no snapshot at all: a
    nightly run that was killed part-way is completed by the next one. A day is written per
    property in one transaction, so a property's day is either whole or absent."""
    first = before - dt.timedelta(days=days)
    done = set(KpiSnapshot.objects.filter(day__gte=first, day__lt=before).values_list("property_id", "day").distinct())
    rows = 0
    for property in Property.objects.filter(is_active=True):
        for offset in range(days):
            day = first + dt.timedelta(days=offset)
            if (property.pk, day) not in done:
                rows += kpi_snapshot_day(property=property, day=day)
    return rows
