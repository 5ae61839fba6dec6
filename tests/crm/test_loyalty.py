"""Loyalty: the balance is the sum of the ledger, tiers at their edges, nightly re-evaluation."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum
from django.utils import timezone

from crm.engagement import loyalty
from crm.models import LoyaltyMember, LoyaltyTier, PointsEntry, PointsKind, TierChange
from hotelqa.choices import Role

from .factories import GuestFactory, StayFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(property_a, member):
    return member(property_a, Role.FRONT_DESK)


@pytest.fixture
def manager(property_a, member):
    return member(property_a, Role.MANAGER)


@pytest.fixture
def enrolled(property_a, desk):
    return loyalty.member_enrol(guest=GuestFactory(property=property_a, name="Zhao Lei"), property=property_a, actor=desk)


def tier(code):
    return LoyaltyTier.objects.get(code=code)


def test_default_tiers_are_the_manuals_four():
    assert [t.name_zh for t in LoyaltyTier.objects.order_by("rank")] == ["普通会员", "银卡", "金卡", "白金卡"]


@pytest.mark.parametrize("nights, spend, expected", [
    (0, 0, "standard"),
    (9, Decimal("9999.99"), "standard"),  # just below both silver edges
    (10, 0, "silver"),  # nights alone reach it
    (0, Decimal("10000"), "silver"),  # spend alone reaches it
    (24, Decimal("29999.99"), "silver"),
    (25, 0, "gold"),
    (0, Decimal("30000"), "gold"),
    (49, Decimal("79999.99"), "gold"),
    (50, 0, "platinum"),
    (3, Decimal("80000"), "platinum"),
])
def test_tier_rules_at_their_edges(nights, spend, expected):
    assert loyalty.qualifying_tier(nights=nights, spend=spend).code == expected


def test_admin_edited_rule_applies():
    LoyaltyTier.objects.filter(code="silver").update(min_nights=5)
    assert loyalty.qualifying_tier(nights=5, spend=0).code == "silver"


def test_balance_is_the_sum_of_the_ledger(enrolled, property_a, desk, manager):
    loyalty.points_adjust(member=enrolled, points=500, reason="Welcome bonus", actor=manager, property=property_a)
    loyalty.points_redeem(member=enrolled, points=120, reason="Breakfast", actor=desk, property=property_a)
    loyalty.points_adjust(member=enrolled, points=-30, reason="Correction of a typo", actor=manager, property=property_a)
    assert loyalty.balance(enrolled) == 350 == PointsEntry.objects.filter(member=enrolled).aggregate(n=Sum("points"))["n"]
    entries = list(enrolled.entries.order_by("pk"))
    assert [(e.kind, e.points, e.created_by) for e in entries] == [
        (PointsKind.ADJUST, 500, manager), (PointsKind.REDEEM, -120, desk), (PointsKind.ADJUST, -30, manager),
    ]
    assert all(e.reason for e in entries)
    assert "balance" not in {f.name for f in LoyaltyMember._meta.get_fields()}  # nothing stored to edit


def test_redemption_beyond_the_balance_is_refused_and_saves_nothing(enrolled, property_a, desk, manager):
    loyalty.points_adjust(member=enrolled, points=100, reason="Bonus", actor=manager, property=property_a)
    with pytest.raises(ValidationError) as exc:
        loyalty.points_redeem(member=enrolled, points=101, reason="Spa", actor=desk, property=property_a)
    assert "Only 100 points are available." in exc.value.message_dict["points"]
    with pytest.raises(ValidationError):
        loyalty.points_redeem(member=enrolled, points=-5, reason="Negative", actor=desk, property=property_a)
    with pytest.raises(ValidationError):
        loyalty.points_adjust(member=enrolled, points=-101, reason="Too much", actor=manager, property=property_a)
    assert loyalty.balance(enrolled) == 100 and enrolled.entries.count() == 1


def test_an_entry_needs_a_reason(enrolled, property_a, manager):
    with pytest.raises(ValidationError) as exc:
        loyalty.points_adjust(member=enrolled, points=10, reason="  ", actor=manager, property=property_a)
    assert "reason" in exc.value.message_dict


def test_front_desk_may_redeem_but_not_adjust(enrolled, property_a, desk):
    with pytest.raises(PermissionDenied):
        loyalty.points_adjust(member=enrolled, points=10, reason="Goodwill", actor=desk, property=property_a)


def test_stay_points_are_earned_once_at_the_tier_rate(enrolled, property_a):
    today = timezone.localdate()
    StayFactory(property=property_a, guest=enrolled.guest, arrival=today - dt.timedelta(days=2), room_nights=2, spend=Decimal("1234.56"))
    StayFactory(property=property_a, guest=enrolled.guest, arrival=today - dt.timedelta(days=9), room_nights=2, spend=Decimal("800"))  # before enrolment
    assert loyalty.points_earn_for_stays(on=today) == 1
    assert loyalty.points_earn_for_stays(on=today) == 0  # a second night's run credits nothing again
    assert loyalty.balance(enrolled) == 1234  # standard: 1 point per ¥1, rounded down


def test_recovery_points_credit_once_per_source(enrolled, property_a, desk):
    first = loyalty.points_for_recovery(guest=enrolled.guest, points=300, reason="Noise", actor=desk, property=property_a, source="complaints.recovery:7")
    again = loyalty.points_for_recovery(guest=enrolled.guest, points=300, reason="Noise", actor=desk, property=property_a, source="complaints.recovery:7")
    assert first == again and loyalty.balance(enrolled) == 300 and first.kind == PointsKind.RECOVERY
    assert loyalty.points_for_recovery(guest=GuestFactory(property=property_a), points=300, reason="x", actor=desk, property=property_a, source="s:2") is None


def test_nightly_tier_evaluation_records_each_change_once(enrolled, property_a):
    today = timezone.localdate()
    StayFactory(property=property_a, guest=enrolled.guest, arrival=today - dt.timedelta(days=20), room_nights=10, spend=Decimal("900"))
    assert loyalty.tiers_evaluate(on=today) == 1
    enrolled.refresh_from_db()
    assert enrolled.tier.code == "silver"
    change = TierChange.objects.filter(member=enrolled).order_by("-pk").first()
    assert (change.old_tier.code, change.new_tier.code, change.nights) == ("standard", "silver", 10)
    assert loyalty.tiers_evaluate(on=today) == 0
    # A year later the stay no longer counts: back to the entry tier, recorded.
    assert loyalty.tiers_evaluate(on=today + dt.timedelta(days=400)) == 1
    enrolled.refresh_from_db()
    assert enrolled.tier.code == "standard"


def test_the_twelve_months_window_edges(enrolled, property_a):
    on = dt.date(2026, 6, 30)
    StayFactory(property=property_a, guest=enrolled.guest, arrival=dt.date(2025, 6, 28), departure=dt.date(2025, 6, 30), room_nights=10)  # 365 days before: out
    StayFactory(property=property_a, guest=enrolled.guest, arrival=dt.date(2025, 6, 29), departure=dt.date(2025, 7, 1), room_nights=3)  # 364 days: in
    assert loyalty.twelve_months([enrolled.guest_id], on)[enrolled.guest_id][0] == 3


def test_a_guest_is_enrolled_once(enrolled, property_a, desk):
    with pytest.raises(ValidationError):
        loyalty.member_enrol(guest=enrolled.guest, property=property_a, actor=desk)
