"""Writes of guest profiles."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from hotelqa.models import Property

from ..models import Guest, Room, new_room_token


def guest_find_or_create(*, property: Property, name: str, phone: str = "", by_contact: bool = True, **fields) -> Guest:
    """The group's guest with this phone, or a new guest first recorded at `property` (duplicate
    phones are not created: a guest of another property is the same person).

    Without `by_contact` (the actor sees phone numbers masked) the phone finds a guest only
    together with the same name: otherwise the case would show whose number was typed, and a
    masked number could be confirmed by logging a case."""
    name = name.strip()
    phone = phone.strip()
    if not name:
        raise ValidationError({"guest_name": _("Give the guest's name.")})
    if phone:
        existing = Guest.objects.active().filter(phone=phone).order_by("pk")
        if not by_contact:
            existing = existing.filter(name__iexact=name)
        match = existing.first()
        if match:
            return match
    guest = Guest(home_property=property, name=name, phone=phone, **fields)
    guest.full_clean()
    guest.save()
    return guest


def room_rotate_token(*, room: Room) -> Room:
    """A new QR token: the old printed label stops working at once."""
    room.guest_token = new_room_token()
    room.token_rotated_at = timezone.now()
    room.save(update_fields=["guest_token", "token_rotated_at"])
    return room
