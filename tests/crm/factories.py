import datetime as dt

import factory
from factory.django import DjangoModelFactory

from crm.models import Guest, Room, Stay


class RoomFactory(DjangoModelFactory):
    class Meta:
        model = Room

    number = factory.Sequence(lambda n: f"{100 + n}")


class GuestFactory(DjangoModelFactory):
    """`property=` names where the guest was first recorded (guests are group-wide)."""

    class Meta:
        model = Guest
        rename = {"property": "home_property"}

    name = factory.Sequence(lambda n: f"Guest {n}")
    phone = factory.Sequence(lambda n: f"1380000{n:04d}")


class StayFactory(DjangoModelFactory):
    class Meta:
        model = Stay

    guest = factory.SubFactory(GuestFactory, property=factory.SelfAttribute("..property"))
    arrival = factory.LazyFunction(lambda: dt.date.today() - dt.timedelta(days=1))
    departure = factory.LazyAttribute(lambda s: s.arrival + dt.timedelta(days=s.room_nights))
    room_nights = 2
