"""The desk's guest lookup: a room number finds who is in the room now, with stay dates and last visit."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils.formats import date_format

from crm import demo, selectors
from crm.models import Stay
from hotelqa.choices import Role

from .factories import GuestFactory, RoomFactory, StayFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def today(property_a):
    """The hotel's date, read when the test runs (a run can pass midnight)."""
    return property_a.local_today()


def _stay(property, guest, room, arrival, nights):
    return StayFactory(property=property, guest=guest, room=room, arrival=arrival, departure=arrival + dt.timedelta(days=nights), room_nights=nights)


def test_a_room_number_finds_the_guest_in_that_room_not_phone_numbers(property_a, today):
    room = RoomFactory(property=property_a, number="301")
    now = GuestFactory(property=property_a, name="Anna Schmidt", phone="13800000001")
    left_yesterday = GuestFactory(property=property_a, name="Li Wei", phone="13800000002")
    long_gone = GuestFactory(property=property_a, name="Zhao Min", phone="13800000003")
    GuestFactory(property=property_a, name="Phone Match", phone="13930155555")  # "301" inside the phone
    _stay(property_a, now, room, today - dt.timedelta(days=1), 3)
    _stay(property_a, left_yesterday, room, today - dt.timedelta(days=4), 3)
    _stay(property_a, long_gone, room, today - dt.timedelta(days=20), 2)
    found = selectors.guest_search(property=property_a, query="301")
    assert [g.name for g in found] == ["Anna Schmidt", "Li Wei"]  # who is there now first
    assert found[0].stay.room == room and found[0].stay.arrival == today - dt.timedelta(days=1)
    # Not a room here: phones and names are searched as before.
    assert [g.name for g in selectors.guest_search(property=property_a, query="9301")] == ["Phone Match"]


def test_results_tell_two_guests_of_the_same_name_apart(client_for, property_a, today):
    client, _ = client_for(Role.FRONT_DESK)
    room = RoomFactory(property=property_a, number="1208")
    staying = GuestFactory(property=property_a, name="Anna Schmidt", vip_level="vip2", allergies="Peanuts")
    returning = GuestFactory(property=property_a, name="Anna Schmidt")
    _stay(property_a, staying, room, today, 2)
    _stay(property_a, returning, None, today - dt.timedelta(days=40), 2)
    page = client.get(reverse("crm:guest_search"), {"q": "Anna"}).content.decode()
    assert page.count("data-guest-id=") == 2
    assert 'data-guest-room="1208"' in page and "Room 1208" in page
    assert "Allergies and special needs: Peanuts" in page and "VIP 2" in page
    assert f"last visit {date_format(today - dt.timedelta(days=38), 'SHORT_DATE_FORMAT')}" in page and "Not staying now" in page
    client.cookies["django_language"] = "zh-hans"
    page = client.get(reverse("crm:guest_search"), {"q": "1208"}).content.decode()
    assert "1208 房" in page and "过敏与特殊需求：Peanuts" in page


def test_lookup_reads_a_fixed_number_of_queries(client_for, property_a, today, django_assert_max_num_queries):
    client, _ = client_for(Role.FRONT_DESK)
    for i in range(8):
        room = RoomFactory(property=property_a, number=f"70{i}")
        guest = GuestFactory(property=property_a, name=f"Sun {i}")
        _stay(property_a, guest, room, today, 1)
        _stay(property_a, guest, room, today - dt.timedelta(days=30), 1)
    with django_assert_max_num_queries(13):
        page = client.get(reverse("crm:guest_search"), {"q": "Sun"}).content.decode()
    assert page.count("data-guest-id=") == 8


def test_demo_guests_never_have_two_stays_at_once(property_a):
    demo.seed(properties=[property_a])
    by_guest, by_room = {}, {}
    for stay in Stay.objects.filter(property=property_a).order_by("arrival"):
        for key, seen in ((stay.guest_id, by_guest), (stay.room_id, by_room)):
            previous = seen.get(key)
            assert previous is None or previous.departure <= stay.arrival, f"{previous} overlaps {stay}"
            seen[key] = stay
