"""The loyalty ledger and tiers. The balance is always the sum of the entries; every entry says
why and who; a redemption never takes the balance below zero (the member row is locked)."""

import datetime as dt
from decimal import ROUND_DOWN, Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from hotelqa.permissions import user_can

from ..models import Guest, LoyaltyMember, LoyaltyTier, PointsEntry, PointsKind, Stay, TierChange, TierChangeReason

YEAR = dt.timedelta(days=365)


def balance(member) -> int:
    return member.entries.aggregate(n=Sum("points"))["n"] or 0


def balances(members) -> dict:
    """{member id: balance} for many members in one query."""
    rows = PointsEntry.objects.filter(member__in=members).values("member").annotate(n=Sum("points"))
    return {r["member"]: r["n"] for r in rows}


def qualifying_tier(*, nights: int, spend: Decimal, tiers=None) -> LoyaltyTier:
    """The highest tier whose nights OR spend threshold is reached (the entry tier otherwise)."""
    tiers = list(tiers if tiers is not None else LoyaltyTier.objects.order_by("rank"))
    best = tiers[0]
    for tier in tiers:
        if nights >= tier.min_nights or spend >= tier.min_spend:
            if tier.rank > best.rank:
                best = tier
    return best


def twelve_months(guest_ids, on: dt.date) -> dict:
    """{guest id: (nights, spend)} of stays that ended in the 12 months up to `on`, group-wide."""
    rows = (
        Stay.objects.filter(guest_id__in=guest_ids, departure__gt=on - YEAR, departure__lte=on)
        .values("guest").annotate(nights=Sum("room_nights"), spend=Sum("spend"))
    )
    return {r["guest"]: (r["nights"] or 0, r["spend"] or Decimal(0)) for r in rows}


@transaction.atomic
def member_enrol(*, guest: Guest, property, actor) -> LoyaltyMember:
    if actor is not None and not user_can(actor, "crm.add_loyaltymember", property):
        raise PermissionDenied
    if LoyaltyMember.objects.filter(guest=guest).exists():
        raise ValidationError(_("This guest is already a member."))
    today = timezone.localdate()
    nights, spend = twelve_months([guest.pk], today).get(guest.pk, (0, Decimal(0)))
    tier = qualifying_tier(nights=nights, spend=spend)
    member = LoyaltyMember(property=property, guest=guest, tier=tier, tier_since=today, number="")
    member.save()
    member.number = f"M{member.pk:08d}"
    member.save(update_fields=["number"])
    TierChange.objects.create(member=member, new_tier=tier, nights=nights, spend=spend, reason=TierChangeReason.ENROLMENT, changed_on=today)
    return member


def _locked(member):
    return LoyaltyMember.objects.select_for_update().get(pk=member.pk)


def _clean_reason(reason):
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why (the reason is kept with the entry).")})
    return reason[:200]


@transaction.atomic
def points_redeem(*, member, points: int, reason: str, actor, property) -> PointsEntry:
    if not user_can(actor, "crm.add_pointsentry", property):
        raise PermissionDenied
    reason = _clean_reason(reason)
    if points is None or points <= 0:
        raise ValidationError({"points": _("Redeem a positive number of points.")})
    member = _locked(member)
    available = balance(member)
    if points > available:
        raise ValidationError({"points": _("Only %(balance)s points are available.") % {"balance": available}})
    return PointsEntry.objects.create(member=member, property=property, kind=PointsKind.REDEEM, points=-points, reason=reason, created_by=actor)


@transaction.atomic
def points_adjust(*, member, points: int, reason: str, actor, property) -> PointsEntry:
    """A manager's correction, up or down; it may not take the balance below zero."""
    if not user_can(actor, "crm.adjust_points", property):
        raise PermissionDenied
    reason = _clean_reason(reason)
    if not points:
        raise ValidationError({"points": _("An adjustment cannot be zero.")})
    member = _locked(member)
    available = balance(member)
    if available + points < 0:
        raise ValidationError({"points": _("Only %(balance)s points are available.") % {"balance": available}})
    return PointsEntry.objects.create(member=member, property=property, kind=PointsKind.ADJUST, points=points, reason=reason, created_by=actor)


def points_for_recovery(*, guest: Guest, points: int, reason: str, actor, property, source: str):
    """Points given as service recovery (called by the complaints app). Returns the entry, or None
    when the guest is not a member. The same `source` credits once, however often it is called."""
    member = LoyaltyMember.objects.filter(guest=guest).first()
    if member is None or points <= 0:
        return None
    existing = PointsEntry.objects.filter(source=source).first()
    if existing:
        return existing
    try:
        with transaction.atomic():
            return PointsEntry.objects.create(
                member=member, property=property, kind=PointsKind.RECOVERY, points=points, reason=_clean_reason(reason),
                source=source, created_by=actor,
            )
    except IntegrityError:
        return PointsEntry.objects.get(source=source)


def points_earn_for_stays(*, on: dt.date) -> int:
    """Credit each member's stays that ended by `on` (after enrolment) once: spend × tier's rate."""
    stays = (
        Stay.objects.filter(departure__lte=on, guest__loyalty__isnull=False, spend__gt=0)
        .filter(departure__gte=timezone.localdate(timezone.now()) - YEAR)
        .exclude(pk__in=PointsEntry.objects.filter(kind=PointsKind.EARN, stay__isnull=False).values("stay"))
        .select_related("guest__loyalty__tier")
    )
    entries = []
    for stay in stays.iterator(chunk_size=2000):
        member = stay.guest.loyalty
        if stay.departure < timezone.localdate(member.enrolled_at):
            continue
        points = int((stay.spend * member.tier.earn_rate).to_integral_value(rounding=ROUND_DOWN))
        if points > 0:
            entries.append(PointsEntry(
                member=member, property_id=stay.property_id, kind=PointsKind.EARN, points=points, stay=stay,
                reason=_("Stay %(arrival)s – %(departure)s") % {"arrival": stay.arrival, "departure": stay.departure},
            ))
    PointsEntry.objects.bulk_create(entries, batch_size=1000, ignore_conflicts=True)
    return len(entries)


def tiers_evaluate(*, on: dt.date) -> int:
    """Nightly: each member's tier from the last 12 months; each change is recorded."""
    tiers = list(LoyaltyTier.objects.order_by("rank"))
    if not tiers:
        return 0
    by_pk = {t.pk: t for t in tiers}
    changed = 0
    members = LoyaltyMember.objects.only("pk", "guest_id", "tier_id")
    batch = []
    for member in members.iterator(chunk_size=2000):
        batch.append(member)
        if len(batch) == 2000:
            changed += _evaluate(batch, on, tiers, by_pk)
            batch = []
    if batch:
        changed += _evaluate(batch, on, tiers, by_pk)
    return changed


def _evaluate(members, on, tiers, by_pk):
    figures = twelve_months([m.guest_id for m in members], on)
    changes = []
    for member in members:
        nights, spend = figures.get(member.guest_id, (0, Decimal(0)))
        tier = qualifying_tier(nights=nights, spend=spend, tiers=tiers)
        if tier.pk != member.tier_id:
            changes.append(TierChange(member=member, old_tier=by_pk.get(member.tier_id), new_tier=tier, nights=nights, spend=spend,
                                      reason=TierChangeReason.NIGHTLY, changed_on=on))
    with transaction.atomic():
        for change in changes:
            # Only if the tier is still what was read: a second run at the same time changes nothing twice.
            if LoyaltyMember.objects.filter(pk=change.member.pk, tier=change.old_tier).update(tier=change.new_tier, tier_since=on):
                change.save()
    return len(changes)


def members_active_q(on: dt.date):
    """Members with a stay ending in the 12 months up to `on`."""
    return Q(guest__stays__departure__gt=on - YEAR, guest__stays__departure__lte=on)
