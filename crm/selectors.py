"""Reads of the guest side."""

import datetime as dt

from django.db.models import Q

from hotelqa.models import Property
from hotelqa.permissions import user_can

from .models import Guest, Room, Stay


# A stay that ended this long ago still counts as "in the room" for the desk: the guest who
# checked out this morning and calls back about the room they left.
JUST_DEPARTED_DAYS = 1


def sees_guest_contact(user, property) -> bool:
    """Full phone numbers and e-mails (and searching by them) only for roles that contact guests."""
    return user_can(user, "crm.view_guest_contact", property)


def guest_search(*, property: Property, query: str, limit: int = 8, by_contact: bool = True, with_visits: bool = True):
    """Guests of the property for the desk's type-ahead.

    A room number of the property finds who is in that room now (a current or just-departed stay),
    nothing else: "301" is a room, not part of a phone number. Anything else matches names and,
    with `by_contact`, phones. Without it (roles that see contact details masked) the phone is not
    searched at all: a match on part of a number would confirm the digits the mask hides.
    Each guest comes with `stay` (the room stay found, or their current stay) and `last_visit`
    (the departure of their latest earlier stay), read in two queries whatever the count."""
    query = query.strip()
    if len(query) < 2:
        return []
    today = dt.date.today()
    if Room.objects.filter(property=property, number__iexact=query).exists():
        stays = list(
            Stay.objects.filter(
                property=property, room__number__iexact=query,
                arrival__lte=today, departure__gte=today - dt.timedelta(days=JUST_DEPARTED_DAYS),
            ).select_related("room").order_by("-arrival")[:limit]
        )
        guests = {g.pk: g for g in Guest.objects.filter(pk__in=[s.guest_id for s in stays])}
        found = []
        for stay in stays:
            guest = guests[stay.guest_id]
            if guest not in found:
                guest.stay = stay
                found.append(guest)
    else:
        matches = Q(name__icontains=query)
        if by_contact:
            matches |= Q(phone__contains=query)
        found = list(Guest.objects.filter(property=property).filter(matches).order_by("name")[:limit])
        for guest in found:
            guest.stay = None
    if with_visits:
        _attach_visits(found, today)
    return found


def _attach_visits(guests, today):
    """`stay` (kept, or the current one) and `last_visit` for each guest, in one query."""
    latest = {}
    for stay in Stay.objects.filter(guest__in=guests, arrival__lte=today).select_related("room").order_by("guest_id", "-arrival"):
        latest.setdefault(stay.guest_id, []).append(stay)
    for guest in guests:
        stays = latest.get(guest.pk, [])
        if guest.stay is None:
            guest.stay = next((s for s in stays if s.departure >= today), None)
        earlier = [s for s in stays if s.departure < today and (guest.stay is None or s.pk != guest.stay.pk)]
        guest.last_visit = earlier[0].departure if earlier else None


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
