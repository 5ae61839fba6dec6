"""The guest QR page: limits that stop a prankster without locking the room, and no dependence
on the cache."""

import pytest
from django.urls import reverse

from complaints.models import Case

from ..crm.factories import RoomFactory

pytestmark = pytest.mark.django_db

TOWELS = {"category": "request:amenities", "text": "Two more towels please"}


def _post(client, room, data=TOWELS, address="203.0.113.7"):
    return client.post(reverse("complaints:guest_page", args=[room.guest_token]), data, REMOTE_ADDR=address)


def test_invalid_posts_do_not_use_up_the_rooms_messages(client, property_a):
    room = RoomFactory(property=property_a)
    for _ in range(12):
        assert _post(client, room, {"category": "complaint:hack", "text": ""}).status_code == 200
    assert _post(client, room).status_code == 302
    assert Case.objects.count() == 1


def test_a_prankster_is_stopped_by_address_and_the_next_guest_is_heard(client, property_a):
    room = RoomFactory(property=property_a)
    for i in range(5):
        assert _post(client, room, {**TOWELS, "text": f"Prank {i}"}).status_code == 302
    refused = _post(client, room, {**TOWELS, "text": "Prank again"})
    assert refused.status_code == 429
    assert "Please wait a little, or call the front desk" in refused.content.decode()
    assert not Case.objects.filter(description="Prank again").exists()

    response = _post(client, room, {**TOWELS, "text": "The real guest needs towels"}, address="198.51.100.20")
    assert response.status_code == 302
    assert Case.objects.filter(description="The real guest needs towels", room=room).exists()


def test_one_address_is_limited_across_rooms(client, property_a):
    from complaints.ratelimit import GUEST_PAGE_LIMITS

    limit, _window = GUEST_PAGE_LIMITS["address"]
    rooms = [RoomFactory(property=property_a) for _ in range(limit + 2)]
    codes = [_post(client, room).status_code for room in rooms]
    assert codes == [302] * limit + [429] * 2


def test_a_room_flooded_from_many_addresses_is_limited(client, property_a):
    from complaints.ratelimit import GUEST_PAGE_LIMITS

    room = RoomFactory(property=property_a)
    limit, _window = GUEST_PAGE_LIMITS["room"]
    for i in range(limit):
        assert _post(client, room, {**TOWELS, "text": f"Message {i}"}, address=f"198.51.100.{i + 1}").status_code == 302
    assert _post(client, room, address="192.0.2.200").status_code == 429
    other_room = RoomFactory(property=property_a)
    assert _post(client, other_room, address="192.0.2.200").status_code == 302


def test_the_guests_message_is_kept_when_the_cache_is_down(client, property_a, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}}
    room = RoomFactory(property=property_a)
    response = _post(client, room)
    assert response.status_code == 302
    assert Case.objects.get().description == "Two more towels please"
    assert client.get(response.url).status_code == 200
