"""Reads of the guest side."""

import datetime as dt

from django.db.models import Q

from hotelqa.models import Property
from hotelqa.permissions import user_can

from .models import Guest, Stay


def sees_guest_contact(user, property) -> bool:
    """Full phone numbers and e-mails (and searching by them) only for roles that contact guests."""
    return user_can(user, "crm.view_guest_contact", property)


def guest_search(*, property: Property, query: str, limit: int = 8, by_contact: bool = True):
    """Guests of the property matching a name, phone or the room of a current or recent stay.

    Without `by_contact` (roles that see contact details masked) the phone is not searched at
    all: a match on part of a number, or even on the whole number, would confirm the digits
    the mask hides (a number can be recovered digit by digit)."""
    query = query.strip()
    if len(query) < 2:
        return Guest.objects.none()
    today = dt.date.today()
    recent_room = Stay.objects.filter(
        property=property, room__number__iexact=query, departure__gte=today - dt.timedelta(days=2)
    ).values("guest_id")
    matches = Q(name__icontains=query) | Q(pk__in=recent_room)
    if by_contact:
        matches |= Q(phone__contains=query)
    return Guest.objects.filter(property=property).filter(matches).order_by("name")[:limit]


def current_stay(*, guest: Guest, on: dt.date | None = None):
    on = on or dt.date.today()
    return guest.stays.filter(arrival__lte=on, departure__gte=on).select_related("room").first()


def occupied_room_nights(*, property: Property, start: dt.date, end: dt.date) -> int:
    """Room-nights sold in [start, end): each night of a stay counts on the date it begins."""
    total = 0
    for arrival, departure, nights in Stay.objects.filter(property=property, arrival__lt=end, departure__gt=start).values_list("arrival", "departure", "room_nights"):
        first = (max(arrival, start) - arrival).days
        last = (min(departure, end) - arrival).days
        length = max((departure - arrival).days, 1)
        # Stays with several rooms carry more room-nights than calendar nights: night i holds
        # floor((i+1)·n/length) − floor(i·n/length) of them, so days add up to the whole stay.
        total += last * nights // length - first * nights // length if nights > length else last - first
    return total
