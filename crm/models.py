"""Guests, their stays and the property's rooms.

Guests are property-scoped: each hotel keeps its own guest records (a group-wide profile that
merges them is for the later CRM work). Rooms live here because stays and cases both point at them.
"""

import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hotelqa.models import PropertyScopedModel

from .choices import GuestLanguage, GuestType, VipLevel


def new_room_token():
    return secrets.token_urlsafe(18)


class Room(PropertyScopedModel):
    number = models.CharField(_("room number"), max_length=20)
    floor = models.CharField(_("floor"), max_length=10, blank=True)
    # Printed on the guest QR label; unguessable, rotated by admins when a label leaks.
    guest_token = models.CharField(_("guest QR token"), max_length=40, unique=True, default=new_room_token)
    token_rotated_at = models.DateTimeField(_("token rotated"), null=True, blank=True)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["property", "number"]
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        constraints = [models.UniqueConstraint(fields=["property", "number"], name="crm_room_unique_number")]

    def __str__(self):
        return self.number


class Guest(PropertyScopedModel):
    name = models.CharField(_("name"), max_length=120)
    phone = models.CharField(_("phone"), max_length=40, blank=True, db_index=True)
    email = models.EmailField(_("email"), blank=True)
    company = models.CharField(_("company"), max_length=120, blank=True)
    guest_type = models.CharField(_("guest type"), max_length=20, choices=GuestType.choices, default=GuestType.LEISURE)
    language = models.CharField(_("language"), max_length=10, choices=GuestLanguage.choices, default=GuestLanguage.ZH)
    vip_level = models.CharField(_("VIP level"), max_length=10, choices=VipLevel.choices, blank=True, default="")
    # Shown wherever staff pick the guest (the desk must not miss it when offering amenities or food).
    allergies = models.CharField(_("allergies"), max_length=200, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("guest")
        verbose_name_plural = _("guests")
        indexes = [models.Index(fields=["property", "name"], name="crm_guest_name")]
        permissions = [("view_guest_contact", _("Can see a guest's full phone number and email"))]

    def __str__(self):
        return self.name

    @property
    def masked_phone(self):
        return f"{self.phone[:3]}****{self.phone[-4:]}" if len(self.phone) >= 8 else self.phone

    @property
    def masked_email(self):
        """Sensitive (002 §3.5): the first letter and the domain only."""
        if "@" not in self.email:
            return self.email
        local, domain = self.email.split("@", 1)
        return f"{local[:1]}***@{domain}"


class Stay(PropertyScopedModel):
    guest = models.ForeignKey(Guest, on_delete=models.PROTECT, related_name="stays", verbose_name=_("guest"))
    room = models.ForeignKey(Room, on_delete=models.SET_NULL, null=True, blank=True, related_name="stays", verbose_name=_("room"))
    arrival = models.DateField(_("arrival"))
    departure = models.DateField(_("departure"))
    room_nights = models.PositiveIntegerField(_("room-nights"), default=1)
    spend = models.DecimalField(_("spend"), max_digits=12, decimal_places=2, default=0)

    class Meta:
        ordering = ["-arrival"]
        verbose_name = _("stay")
        verbose_name_plural = _("stays")
        indexes = [models.Index(fields=["property", "arrival", "departure"], name="crm_stay_dates")]
        constraints = [
            models.CheckConstraint(condition=Q(departure__gte=models.F("arrival")), name="crm_stay_departure_after_arrival"),
        ]

    def __str__(self):
        return f"{self.guest} {self.arrival:%Y-%m-%d}"

    def clean(self):
        if self.arrival and self.departure and self.departure < self.arrival:
            raise ValidationError({"departure": _("Departure cannot be before arrival.")})
        if self.guest_id and self.property_id and self.guest.property_id != self.property_id:
            raise ValidationError({"guest": _("The guest belongs to another property.")})
