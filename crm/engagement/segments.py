"""Lifecycle and RFM value per guest and property (003 §4.4), recomputed nightly.

Lifecycle from the days since the guest's last departure from the hotel:
  · up to ACTIVE_DAYS: "new" with one stay, "active" with more;
  · up to LAPSED_DAYS: "lapsed";  · beyond: "lost".
RFM scores 1–5: recency (days since last departure), frequency (stays ending in 12 months),
monetary (spend of those stays); value = high (R+F+M ≥ 12), medium (≥ 8), low."""

import datetime as dt
from decimal import Decimal

from django.db.models import Count, Max, Min, Q, Sum

from ..models import Guest, GuestSegment, Lifecycle, Stay, ValueSegment

ACTIVE_DAYS = 365
LAPSED_DAYS = 730
RECENCY_EDGES = (30, 90, 180, 365)  # days: ≤30 → 5 … >365 → 1
FREQUENCY_EDGES = (6, 4, 2, 1)  # stays in 12 months: ≥6 → 5 … 0 → 1
MONETARY_EDGES = (20000, 10000, 5000, 1000)  # ¥ in 12 months: ≥20000 → 5 … <1000 → 1


def lifecycle_of(*, days_since: int, stays: int) -> str:
    if days_since > LAPSED_DAYS:
        return Lifecycle.LOST
    if days_since > ACTIVE_DAYS:
        return Lifecycle.LAPSED
    return Lifecycle.NEW if stays <= 1 else Lifecycle.ACTIVE


def rfm_scores(*, days_since: int, stays_12m: int, spend_12m) -> tuple:
    r = 5 - sum(1 for edge in RECENCY_EDGES if days_since > edge)
    f = 5 - sum(1 for edge in FREQUENCY_EDGES if stays_12m < edge)
    m = 5 - sum(1 for edge in MONETARY_EDGES if Decimal(spend_12m) < edge)
    return r, f, m


def value_of(r, f, m) -> str:
    total = r + f + m
    return ValueSegment.HIGH if total >= 12 else ValueSegment.MEDIUM if total >= 8 else ValueSegment.LOW


def segments_recompute(*, property, on: dt.date, batch: int = 5000) -> int:
    """Every guest with a stay at the property that has begun by `on`: one grouped read of the
    stays, written back in batches (insert or update on the (property, guest) key)."""
    year_ago = on - dt.timedelta(days=365)
    rows = (
        Stay.objects.filter(property=property, arrival__lte=on).values("guest")
        .annotate(
            first=Min("arrival"), last=Max("departure"), n=Count("pk"),
            n12=Count("pk", filter=Q(departure__gt=year_ago)), spend12=Sum("spend", filter=Q(departure__gt=year_ago)),
        ).order_by("guest")
    )
    types = {}
    pending, written = [], 0
    for row in rows.iterator(chunk_size=batch):
        last = min(row["last"], on)
        days = (on - last).days
        r, f, m = rfm_scores(days_since=days, stays_12m=row["n12"], spend_12m=row["spend12"] or 0)
        pending.append(GuestSegment(
            property=property, guest_id=row["guest"], lifecycle=lifecycle_of(days_since=days, stays=row["n"]), value=value_of(r, f, m),
            first_arrival=row["first"], last_departure=row["last"], stays=row["n"], stays_12m=row["n12"],
            spend_12m=row["spend12"] or 0, recency=r, frequency=f, monetary=m, computed_on=on,
        ))
        if len(pending) >= batch:
            written += _write(pending, types)
            pending = []
    if pending:
        written += _write(pending, types)
    return written


def _write(rows, types):
    for guest_id, kind in Guest.objects.filter(pk__in=[r.guest_id for r in rows]).values_list("pk", "guest_type"):
        types[guest_id] = kind
    for row in rows:
        row.guest_type = types.get(row.guest_id, "")
    GuestSegment.objects.bulk_create(
        rows, update_conflicts=True, unique_fields=["property", "guest"],
        update_fields=["lifecycle", "value", "guest_type", "first_arrival", "last_departure", "stays", "stays_12m", "spend_12m",
                       "recency", "frequency", "monetary", "computed_on"],
    )
    types.clear()
    return len(rows)


def segment_counts(*, property) -> dict:
    """{(lifecycle, value): n} for the segment page's grid, one query."""
    rows = GuestSegment.objects.filter(property=property).values("lifecycle", "value").annotate(n=Count("pk"))
    return {(r["lifecycle"], r["value"]): r["n"] for r in rows}
