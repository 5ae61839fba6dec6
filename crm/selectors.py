"""Reads of the guest side."""

import datetime as dt

from django.core.paginator import EmptyPage, Page, Paginator, PageNotAnInteger
from django.db import connections
from django.db.models import CharField, Func, Q
from django.utils.translation import gettext_lazy as _

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
    """Guests of the group for the desk's type-ahead, searched from the active property.

    A room number of the property finds who is in that room now (a current or just-departed stay),
    nothing else: "301" is a room, not part of a phone number. Anything else matches names and,
    with `by_contact`, phone numbers, across the group: a guest first seen at another property
    is found too.
    Without `by_contact` (roles that see contact details masked) the phone is not searched at
    all: a match on part of a number would confirm the digits the mask hides.
    Each match reads an index at millions of guests (see docs/crm.md).
    Each guest comes with `stay` (the room stay found here, or their current stay here) and
    `last_visit` (the departure of their latest earlier stay at any property), read in a fixed
    number of queries whatever the count."""
    query = query.strip()
    if len(query) < 2:
        return []
    today = property.local_today()
    rooms = list(Room.objects.filter(property=property, number__iexact=query).order_by().values_list("pk", flat=True))
    if rooms:
        # By room id: the room's latest stays come from crm_stay_room, newest first.
        stays = list(
            Stay.objects.filter(
                property=property, room__in=rooms,
                arrival__lte=today, departure__gte=today - dt.timedelta(days=JUST_DEPARTED_DAYS),
            ).select_related("room").order_by("-arrival")[:limit]
        )
        guests = {g.pk: g for g in Guest.objects.filter(pk__in=[s.guest_id for s in stays]).prefetch_related("preferences")}
        found = []
        for stay in stays:
            guest = guests[stay.guest_id]
            if guest not in found:
                guest.stay = stay
                found.append(guest)
    else:
        found = list(_name_or_phone_matches(query, limit, by_contact))
        for guest in found:
            guest.stay = None
    if with_visits:
        _attach_visits(found, today, property)
    return found


class NameKey(Func):
    """UPPER(name), compared byte by byte on PostgreSQL (COLLATE "C"): the key of the partial
    index crm_guest_name_key (migration 0009), which both finds a name's start and reads names
    in order, so the first matches are read without sorting every match."""

    function = "UPPER"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra):
        sql, params = self.as_sql(compiler, connection, **extra)
        return f'({sql} COLLATE "C")', params


# A name search of three characters or more sorts at most this many matches (found in no order,
# through the trigram index or a scan that stops early): "Emma" among millions of guests must not
# sort them all.
CONTAINS_SCAN = 50


def _name_or_phone_matches(query, limit, by_contact):
    """Active guests whose name or other-script name ("Zhang Wei" for 张伟) starts with (fewer than
    three characters: "王军", "Li") or contains the query, or whose phone matches its digits; by
    name key. A short query walks the name key index and the other-script name's key index, each
    stopping after `limit` rows, and sorts those few; a longer one sorts a bounded sample of its
    matches (the heap is read only until the sample is full), so neither sorts every match."""
    digits = query.replace("+", "").replace(" ", "").replace("-", "")
    by_phone = by_contact and digits.isdigit()
    guests = Guest.objects.active().alias(name_key=NameKey("name")).prefetch_related("preferences").order_by("name_key", "pk")
    if len(query) < 3:
        key = query.upper()
        matches = Q(name_key__startswith=key)
        if by_phone:
            matches |= Q(phone__startswith=digits)
        first = guests.filter(matches).values("pk")[:limit]
        # The other-script name through its own partial index (crm_guest_other_name_key, 0010),
        # in the same query: the first ids of each, then those few sorted.
        other = (
            Guest.objects.active().exclude(other_name="").alias(other_key=NameKey("other_name"))
            .filter(other_key__startswith=key).order_by("other_key", "pk").values("pk")[:limit]
        )
        if connections[Guest.objects.db].features.supports_slicing_ordering_in_compound:
            return guests.filter(pk__in=first.union(other, all=True))[:limit]
        return guests.filter(Q(pk__in=first) | Q(pk__in=other))[:limit]  # SQLite (development)
    matches = Q(name__icontains=query) | Q(other_name__icontains=query)
    if by_phone:
        matches |= Q(phone__contains=digits) if len(digits) >= 4 else Q(phone__startswith=digits)
    sample = Guest.objects.active().filter(matches).order_by().values("pk")[: max(limit, CONTAINS_SCAN)]
    return guests.filter(pk__in=sample)[:limit]


def _attach_visits(guests, today, property):
    """`stay` (kept, or the current one here) and `last_visit` (at any property) for each guest,
    in one query."""
    latest = {}
    for stay in Stay.objects.filter(guest__in=guests, arrival__lte=today).select_related("room", "property").order_by("guest_id", "-arrival"):
        latest.setdefault(stay.guest_id, []).append(stay)
    for guest in guests:
        stays = latest.get(guest.pk, [])
        if guest.stay is None:
            guest.stay = next((s for s in stays if s.departure >= today and s.property_id == property.pk), None)
        earlier = [s for s in stays if s.departure < today and (guest.stay is None or s.pk != guest.stay.pk)]
        guest.last_visit = earlier[0].departure if earlier else None
        guest.last_visit_property = earlier[0].property if earlier else None


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


def guest_duplicates(guest, limit=10):
    """Other profiles with the same phone, e-mail or ID number: proposed for a merge. Each comes
    with `matched_on`, the fields that match. Three index lookups whatever the group's size."""
    matches = Q()
    for field in ("phone", "email", "id_number"):
        value = getattr(guest, field)
        if value:
            matches |= Q(**{field: value})
    if not matches:
        return []
    found = list(Guest.objects.active().filter(matches).exclude(pk=guest.pk).select_related("home_property").order_by("pk")[:limit])
    for other in found:
        other.matched_on = [f for f in ("phone", "email", "id_number") if getattr(guest, f) and getattr(other, f) == getattr(guest, f)]
    return found


class UncountedPage(Page):
    def __init__(self, rows, number, paginator, *, has_next):
        super().__init__(rows, number, paginator)
        self._has_next = has_next

    def has_next(self):
        return self._has_next

    def end_index(self):
        return self.start_index() + len(self.object_list) - 1 if self.object_list else 0


class UncountedPaginator(Paginator):
    """Pages a list of millions of guests without counting it: a page reads one row more than it
    shows to know whether a next one exists ("Page 3", Previous/Next, no total). Deep pages read
    their offset, so the list stops after MAX_PAGES: a search narrows it."""

    MAX_PAGES = 400
    counted = False

    @property
    def num_pages(self):
        return None

    def validate_number(self, number):
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(_("That page number is not an integer"))
        if number < 1 or number > self.MAX_PAGES:
            raise EmptyPage(_("That page contains no results"))
        return number

    def page(self, number):
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        if not rows and number > 1:
            raise EmptyPage(_("That page contains no results"))
        has_next = len(rows) > self.per_page and number < self.MAX_PAGES
        return UncountedPage(rows[: self.per_page], number, self, has_next=has_next)
