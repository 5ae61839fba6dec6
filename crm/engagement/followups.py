"""Follow-ups: made once by the hourly job (the (property, key) unique constraint makes a second
or concurrent run create nothing), worked from the list, outcome recorded once.

Marketing follow-ups (birthday, win-back) are made only for guests who consented to marketing;
a thank-you after a stay is service, not marketing."""

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from hotelqa.permissions import user_can

from ..models import FollowUp, FollowUpKind, Guest, GuestSegment, Lifecycle, Stay

THANK_YOU_WINDOW_DAYS = 3  # a thank-you for a stay that ended longer ago is not made any more
BIRTHDAY_AHEAD_DAYS = 7


def _field(*names):
    present = {f.name for f in Guest._meta.get_fields()}
    return next((n for n in names if n in present), None)


def marketing_consent_q():
    """Guests who consented to marketing; None when the profile records no consent at all (then
    no marketing follow-up is made)."""
    field = _field("marketing_consent")
    return Q(**{f"guest__{field}": True}) if field else None


def _create(rows):
    """Insert the follow-ups whose key is new; returns how many were new."""
    if not rows:
        return 0
    keys = {(r.property_id, r.key) for r in rows}
    existing = set(FollowUp.objects.filter(property_id__in={p for p, _ in keys}, key__in=[k for _, k in keys]).values_list("property_id", "key"))
    new = [r for r in rows if (r.property_id, r.key) not in existing]
    FollowUp.objects.bulk_create(new, batch_size=1000, ignore_conflicts=True)
    return len(new)


def followups_generate(*, now: dt.datetime | None = None) -> int:
    now = now or timezone.now()
    today = timezone.localdate(now)
    made = 0
    stays = Stay.objects.filter(departure__lte=today, departure__gte=today - dt.timedelta(days=THANK_YOU_WINDOW_DAYS)).only("pk", "property_id", "guest_id", "departure")
    made += _create([
        FollowUp(property_id=s.property_id, guest_id=s.guest_id, stay_id=s.pk, kind=FollowUpKind.THANK_YOU, key=f"thank_you:stay:{s.pk}",
                 due_on=s.departure + dt.timedelta(days=1))
        for s in stays
    ])
    consent = marketing_consent_q()
    if consent is not None:
        lapsed = GuestSegment.objects.filter(consent, lifecycle=Lifecycle.LAPSED).only("property_id", "guest_id", "last_departure")
        made += _create([
            FollowUp(property_id=g.property_id, guest_id=g.guest_id, kind=FollowUpKind.WIN_BACK, key=f"win_back:{g.guest_id}:{g.last_departure}", due_on=today)
            for g in lapsed.iterator(chunk_size=2000)
        ])
        made += _birthdays(today, consent)
    return made


def _birthdays(today, consent):
    field = _field("birthday", "birth_date", "date_of_birth")
    if field is None:
        return 0
    days = [today + dt.timedelta(days=i) for i in range(BIRTHDAY_AHEAD_DAYS + 1)]
    when = Q()
    for day in days:
        when |= Q(**{f"guest__{field}__month": day.month, f"guest__{field}__day": day.day})
    rows = []
    segments = GuestSegment.objects.filter(consent, when).exclude(lifecycle=Lifecycle.LOST).select_related("guest")
    for seg in segments.iterator(chunk_size=2000):
        born = getattr(seg.guest, field)
        due = next(d for d in days if (d.month, d.day) == (born.month, born.day))
        rows.append(FollowUp(property_id=seg.property_id, guest_id=seg.guest_id, kind=FollowUpKind.BIRTHDAY,
                             key=f"birthday:{seg.guest_id}:{due.year}", due_on=due))
    return _create(rows)


@transaction.atomic
def followup_record(*, followup: FollowUp, actor, outcome: str, note: str = "") -> FollowUp:
    if not user_can(actor, "crm.change_followup", followup.property):
        raise PermissionDenied
    followup = FollowUp.objects.select_for_update().get(pk=followup.pk)
    if followup.done_at is not None:
        raise ValidationError(_("This follow-up was already recorded by %(who)s.") % {"who": followup.done_by or "—"})
    if not outcome:
        raise ValidationError({"outcome": _("Choose how the follow-up went.")})
    followup.outcome = outcome
    followup.note = note.strip()
    followup.done_by = actor
    followup.done_at = timezone.now()
    followup.save(update_fields=["outcome", "note", "done_by", "done_at"])
    return followup


def followups_due(*, property, on: dt.date | None = None):
    on = on or timezone.localdate()
    return FollowUp.objects.filter(property=property, done_at__isnull=True, due_on__lte=on).select_related("guest", "stay__room").order_by("due_on", "pk")
