"""The daily reminders (`training.reminders`): each person is reminded once per item and stage.

The `Reminder` row is inserted before the notification, in one transaction with it; its unique
constraint (staff, kind, item, stage) makes a second, late or concurrent run insert nothing and
therefore send nothing."""

import datetime as dt

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hotelqa.choices import Role
from hotelqa.models import Property, StaffMember
from hotelqa.selectors import members_with_role
from hotelqa.services import Message, notification_send

from .. import rules
from ..choices import PlanStatus, ReminderKind
from ..models import Certification, PlanItem, Reminder

CERTIFICATE_WARNING_DAYS = 30
ROTATION_WARNING_DAYS = 30
PRE_JOB_GRACE_DAYS = 7  # a new hire is reminded once they have been with us a week

TITLES = {
    ReminderKind.CERTIFICATE: _("Certificate “%(item)s” of %(name)s expires on %(date)s"),
    ReminderKind.OVERDUE: _("Training “%(item)s” of %(name)s was due on %(date)s"),
    ReminderKind.ROTATION: _("Rotation training of %(name)s is due on %(date)s"),
    ReminderKind.PRE_JOB: _("Pre-job training of %(name)s: %(item)s of 15 days done"),
}


def _claim(staff, kind, item, stage) -> bool:
    try:
        with transaction.atomic():
            Reminder.objects.create(staff=staff, kind=kind, item=item, stage=stage)
        return True
    except IntegrityError:
        return False


def _send(staff, kind, key, stage, trainers, **params):
    with transaction.atomic():
        if not _claim(staff, kind, key, stage):
            return 0
        recipients = [staff.user] if staff.user_id else list(trainers)
        notification_send(recipients=recipients, title=Message(TITLES[kind], {"name": staff.name, **params}),
                          url=reverse("training:staff_detail", args=[staff.pk]), property=staff.property, email=False)
    return 1


def reminders_send(*, today: dt.date | None = None, properties=None) -> dict:
    today = today or timezone.localdate()
    counts = {k.value: 0 for k in ReminderKind}
    props = properties if properties is not None else Property.objects.all()
    from ..selectors import staff_rules

    for prop in props:
        trainers = list(members_with_role(property=prop, role=Role.TRAINER))
        certs = (Certification.objects.filter(property=prop, staff__is_active=True, expires_on__isnull=False,
                                              expires_on__lte=today + dt.timedelta(days=CERTIFICATE_WARNING_DAYS))
                 .select_related("staff__user", "staff__property"))
        for cert in certs:
            stage = "expired" if cert.expires_on < today else "30d"
            counts[ReminderKind.CERTIFICATE] += _send(cert.staff, ReminderKind.CERTIFICATE, f"cert:{cert.pk}", stage, trainers,
                                                      item=cert.name, date=cert.expires_on.isoformat())
        items = (PlanItem.objects.filter(property=prop, status=PlanStatus.PLANNED, due_on__lt=today, staff__is_active=True)
                 .select_related("staff__user", "staff__property", "course"))
        for item in items:
            counts[ReminderKind.OVERDUE] += _send(item.staff, ReminderKind.OVERDUE, f"plan:{item.pk}", "overdue", trainers,
                                                  item=str(item.course), date=item.due_on.isoformat())
        staff = list(StaffMember.objects.filter(property=prop, is_active=True).select_related("user", "property"))
        facts = staff_rules(staff, today)
        for person in staff:
            f = facts[person.pk]
            due_on = f["rotation_due_on"]
            if due_on <= today + dt.timedelta(days=ROTATION_WARNING_DAYS):
                stage = "due" if today >= due_on else "30d"
                counts[ReminderKind.ROTATION] += _send(person, ReminderKind.ROTATION, f"rotation:{due_on.isoformat()}", stage, trainers,
                                                       date=due_on.isoformat())
            if f["new_hire"] and not f["pre_job_ok"] and (today - person.hire_date).days >= PRE_JOB_GRACE_DAYS:
                counts[ReminderKind.PRE_JOB] += _send(person, ReminderKind.PRE_JOB, f"prejob:{person.hire_date.isoformat()}", "incomplete", trainers,
                                                      item=f["pre_job_days"])
    return counts
