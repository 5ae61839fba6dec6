import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.urls import reverse

from crm import selectors, services
from crm.models import Guest, Stay
from hotelqa.choices import Role

from .factories import GuestFactory, RoomFactory, StayFactory

pytestmark = pytest.mark.django_db


def test_guest_find_or_create_reuses_phone_across_the_group(property_a, property_b):
    first = services.guest_find_or_create(property=property_a, name="Chen Jing", phone="13911112222")
    again = services.guest_find_or_create(property=property_a, name="C. Jing", phone="13911112222")
    elsewhere = services.guest_find_or_create(property=property_b, name="Chen Jing", phone="13911112222")
    assert first == again == elsewhere
    assert Guest.objects.count() == 1 and first.home_property == property_a


def test_guest_needs_a_name(property_a):
    with pytest.raises(ValidationError):
        services.guest_find_or_create(property=property_a, name="  ")


def test_search_by_name_phone_and_current_room(property_a, property_b):
    room = RoomFactory(property=property_a, number="1501")
    in_room = GuestFactory(property=property_a, name="Zhou Min")
    StayFactory(property=property_a, guest=in_room, room=room)
    GuestFactory(property=property_a, name="Wu Lei", phone="13700001111")
    GuestFactory(property=property_b, name="Zhou Other")  # first seen elsewhere: the same group's guest
    assert [g.name for g in selectors.guest_search(property=property_a, query="zhou")] == ["Zhou Min", "Zhou Other"]
    assert [g.name for g in selectors.guest_search(property=property_a, query="0000111")] == ["Wu Lei"]
    assert [g.name for g in selectors.guest_search(property=property_a, query="1501")] == ["Zhou Min"]
    assert list(selectors.guest_search(property=property_a, query="z")) == []


def test_occupied_room_nights_counts_only_nights_inside_the_period(property_a):
    guest = GuestFactory(property=property_a)
    d = dt.date(2026, 11, 1)
    Stay.objects.create(property=property_a, guest=guest, arrival=d - dt.timedelta(days=2), departure=d + dt.timedelta(days=2), room_nights=4)
    Stay.objects.create(property=property_a, guest=guest, arrival=d + dt.timedelta(days=1), departure=d + dt.timedelta(days=3), room_nights=4)  # two rooms
    assert selectors.occupied_room_nights(property=property_a, start=d, end=d + dt.timedelta(days=1)) == 1
    assert selectors.occupied_room_nights(property=property_a, start=d, end=d + dt.timedelta(days=3)) == 2 + 4


def test_stay_departure_cannot_precede_arrival(property_a):
    guest = GuestFactory(property=property_a)
    with pytest.raises(IntegrityError):
        Stay.objects.create(property=property_a, guest=guest, arrival=dt.date(2026, 1, 5), departure=dt.date(2026, 1, 4))


def test_room_tokens_are_unguessable_and_rotate(property_a):
    room = RoomFactory(property=property_a)
    other = RoomFactory(property=property_a)
    old = room.guest_token
    assert len(old) >= 24 and old != other.guest_token
    services.room_rotate_token(room=room)
    room.refresh_from_db()
    assert room.guest_token != old and room.token_rotated_at is not None


def test_masked_phone():
    assert Guest(name="x", phone="13912345678").masked_phone == "139****5678"


def test_guest_list_shows_the_groups_guests(client_for, property_a, property_b):
    GuestFactory(property=property_a, name="Here Guest")
    GuestFactory(property=property_b, name="There Guest")
    client, _ = client_for(Role.FRONT_DESK)
    content = client.get(reverse("crm:guest_list")).content.decode()
    assert "Here Guest" in content and "There Guest" in content


def test_staff_cannot_open_guest_list(client_for):
    client, _ = client_for(Role.TRAINER)
    assert client.get(reverse("crm:guest_list")).status_code == 403


def test_guest_profile_is_audited_and_masks_contact_for_roles_that_do_not_call_guests(client_for, property_a, property_b):
    from hotelqa.choices import Role
    from hotelqa.models import AuditEvent
    from tests.crm.factories import GuestFactory

    guest = GuestFactory(property=property_a, name="Chen Mei", phone="13912345678", email="chen.mei@example.com")
    desk, desk_user = client_for(Role.FRONT_DESK)
    page = desk.get(f"/crm/guests/{guest.pk}/").content.decode()
    assert "13912345678" in page and "chen.mei@example.com" in page
    staff, _ = client_for(Role.STAFF)
    page = staff.get(f"/crm/guests/{guest.pk}/").content.decode()
    assert "13912345678" not in page and "139****5678" in page
    assert "chen.mei@example.com" not in page and "c***@example.com" in page
    events = AuditEvent.objects.filter(action="guest_profile_view", object_id=str(guest.pk))
    assert events.count() == 2
    event = events.filter(actor=desk_user).get()
    assert event.object_type == "crm.Guest" and event.property == property_a
    assert "Chen Mei" not in str(list(AuditEvent.objects.values()))  # who and which record, not the data
    trainer, _ = client_for(Role.TRAINER)
    assert trainer.get(f"/crm/guests/{guest.pk}/").status_code == 403
    assert events.count() == 2  # a refused look-up is not a profile view
