"""Lifecycle boundaries and RFM value, recomputed by the nightly job."""

import datetime as dt
from decimal import Decimal

import pytest

from crm.engagement import segments
from crm.models import GuestSegment, Lifecycle, ValueSegment

from .factories import GuestFactory, StayFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("days, stays, expected", [
    (0, 1, Lifecycle.NEW),
    (365, 1, Lifecycle.NEW),
    (365, 2, Lifecycle.ACTIVE),
    (366, 2, Lifecycle.LAPSED),
    (730, 5, Lifecycle.LAPSED),
    (731, 5, Lifecycle.LOST),
])
def test_lifecycle_boundaries(days, stays, expected):
    assert segments.lifecycle_of(days_since=days, stays=stays) == expected


@pytest.mark.parametrize("days, stays, spend, rfm", [
    (30, 6, 20000, (5, 5, 5)),
    (31, 5, Decimal("19999.99"), (4, 4, 4)),
    (90, 4, 10000, (4, 4, 4)),
    (91, 3, 9999, (3, 3, 3)),
    (180, 2, 5000, (3, 3, 3)),
    (181, 1, 4999, (2, 2, 2)),
    (365, 1, 1000, (2, 2, 2)),
    (366, 0, 999, (1, 1, 1)),
])
def test_rfm_scores_at_their_edges(days, stays, spend, rfm):
    assert segments.rfm_scores(days_since=days, stays_12m=stays, spend_12m=spend) == rfm


def test_value_from_rfm():
    assert segments.value_of(4, 4, 4) == ValueSegment.HIGH
    assert segments.value_of(4, 4, 3) == ValueSegment.MEDIUM
    assert segments.value_of(3, 3, 1) == ValueSegment.LOW


def test_recompute_writes_one_row_per_guest_and_updates_it(property_a, property_b):
    on = dt.date(2026, 6, 30)
    regular = GuestFactory(property=property_a, guest_type="business")
    for days in (10, 40, 100):
        StayFactory(property=property_a, guest=regular, arrival=on - dt.timedelta(days=days + 2), departure=on - dt.timedelta(days=days), spend=4000)
    lapsed = GuestFactory(property=property_a)
    StayFactory(property=property_a, guest=lapsed, arrival=on - dt.timedelta(days=402), departure=on - dt.timedelta(days=400))
    StayFactory(property=property_b, guest=GuestFactory(property=property_b), arrival=on - dt.timedelta(days=3), departure=on - dt.timedelta(days=1))
    assert segments.segments_recompute(property=property_a, on=on) == 2
    row = GuestSegment.objects.get(property=property_a, guest=regular)
    assert (row.lifecycle, row.stays_12m, row.spend_12m, row.rfm, row.value, row.guest_type) == (Lifecycle.ACTIVE, 3, 12000, "534", ValueSegment.HIGH, "business")
    assert GuestSegment.objects.get(guest=lapsed).lifecycle == Lifecycle.LAPSED
    # A year later the same rows are updated, not duplicated.
    assert segments.segments_recompute(property=property_a, on=on + dt.timedelta(days=365)) == 2
    assert GuestSegment.objects.filter(property=property_a).count() == 2
    assert GuestSegment.objects.get(guest=regular).lifecycle == Lifecycle.LAPSED
    assert GuestSegment.objects.get(guest=lapsed).lifecycle == Lifecycle.LOST
