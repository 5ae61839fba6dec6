"""Guests, their stays and the property's rooms.

A guest is a person of the hotel group, not of one property: one profile across every property
(`home_property` only says where they were first recorded). Stays (and cases, in complaints)
belong to one property each and stay scoped to it. Rooms live here because stays and cases both
point at them.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from hotelqa.i18n import localized, reader_first
from hotelqa.models import Property, PropertyScopedModel

from ..choices import ALERT_CATEGORIES, ConsentChannel, ErasureReason, GuestLanguage, GuestType, IdType, PreferenceCategory, VipLevel


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


class PreferenceOption(models.Model):
    """One entry of the group's list of preferences and special needs (偏好/特殊需求), extended by admins."""

    category = models.CharField(_("category"), max_length=20, choices=PreferenceCategory.choices)
    name = models.CharField(_("name"), max_length=80)
    name_zh = models.CharField(_("Chinese name"), max_length=80, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        ordering = ["category", "order", "name"]
        verbose_name = _("preference or special need")
        verbose_name_plural = _("preferences and special needs")
        constraints = [models.UniqueConstraint(fields=["category", "name"], name="crm_preference_unique_name")]

    def __str__(self):
        return localized(self, "name")

    @property
    def is_alert(self):
        return self.category in ALERT_CATEGORIES


class GuestQuerySet(models.QuerySet):
    def for_user(self, user):
        """Every guest of the group for anyone who works at one of its properties."""
        if not user.is_authenticated:
            return self.none()
        return self if (user.sees_all_properties or user.property_ids) else self.none()

    def active(self):
        return self.filter(anonymized_at__isnull=True)


class Guest(models.Model):
    home_property = models.ForeignKey(
        Property, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("first recorded at"),
    )
    name = models.CharField(_("name"), max_length=120)
    # The same name in the other script, as the PMS keeps it (姓名 and 英文名/拼音): "Zhang Wei" for
    # 张伟, "苏菲·马丁" for Sophie Martin. Readers see the one of their language first.
    other_name = models.CharField(
        _("other-script name"), max_length=120, blank=True, default="", db_default="",
        help_text=_("The name in the other script: pinyin or English name for a Chinese name, Chinese name for a foreign one."),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True, db_index=True)
    email = models.EmailField(_("email"), blank=True)
    id_type = models.CharField(_("ID type"), max_length=20, choices=IdType.choices, blank=True, default="")
    id_number = models.CharField(_("ID / passport number"), max_length=40, blank=True)
    birthday = models.DateField(_("birthday"), null=True, blank=True)
    company = models.CharField(_("company"), max_length=120, blank=True)
    guest_type = models.CharField(_("guest type"), max_length=20, choices=GuestType.choices, default=GuestType.LEISURE)
    language = models.CharField(_("language"), max_length=10, choices=GuestLanguage.choices, default=GuestLanguage.ZH)
    vip_level = models.CharField(_("VIP level"), max_length=10, choices=VipLevel.choices, blank=True, default="")
    preferences = models.ManyToManyField(
        PreferenceOption, blank=True, related_name="guests", verbose_name=_("preferences and special needs"),
    )
    # Shown wherever staff pick the guest (the desk must not miss it when offering amenities or food).
    allergies = models.CharField(_("allergies"), max_length=200, blank=True)
    special_needs = models.CharField(_("special needs"), max_length=200, blank=True)
    marketing_consent = models.BooleanField(_("marketing consent"), default=False)
    consent_at = models.DateTimeField(_("consent given or withdrawn"), null=True, blank=True)
    consent_channel = models.CharField(_("consent channel"), max_length=20, choices=ConsentChannel.choices, blank=True, default="")
    notes = models.TextField(_("notes"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    anonymized_at = models.DateTimeField(_("anonymized"), null=True, blank=True)

    objects = GuestQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("guest")
        verbose_name_plural = _("guests")
        indexes = [
            models.Index(fields=["name"], name="crm_guest_name"),
            models.Index(fields=["email"], name="crm_guest_email"),
            models.Index(fields=["id_number"], name="crm_guest_id_number"),
            # The guest list's order: its first page reads 25 rows whatever the group's size.
            models.Index(fields=["-created_at", "-id"], name="crm_guest_latest", condition=Q(anonymized_at__isnull=True)),
        ]
        # On PostgreSQL, migration 0006 adds the prefix-search indexes of the type-ahead
        # (UPPER(name) and phone with text_pattern_ops), 0009 the ordered name key of
        # selectors.NameKey and 0010 the same key and a trigram index for other_name: see docs/crm.md.
        permissions = [
            ("view_guest_contact", _("Can see a guest's full phone number and email")),
            ("view_guest_sensitive", _("Can see a guest's ID number and birthday")),
            ("merge_guest", _("Can merge two guest profiles")),
            ("export_guest_data", _("Can export one guest's data")),
            ("anonymize_guest", _("Can anonymize a guest")),
            ("import_stays", _("Can import stays from the PMS")),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # One spelling per address, so duplicates are found by an exact (indexed) match.
        self.email = (self.email or "").strip().lower()
        self.phone = (self.phone or "").strip()
        self.id_number = (self.id_number or "").strip().upper()
        super().save(*args, **kwargs)

    @property
    def names(self):
        """(first, second): the name in the reader's script first, the other spelling second
        ("" when the guest has one name only)."""
        return reader_first(self.name, self.other_name)

    @property
    def shown_name(self):
        return self.names[0]

    @property
    def is_anonymized(self):
        return self.anonymized_at is not None

    @property
    def masked_phone(self):
        return f"{self.phone[:3]}****{self.phone[-4:]}" if len(self.phone) >= 8 else ("****" if self.phone else "")

    @property
    def masked_email(self):
        """Confidential (002 §3.5): the first letter and the domain only."""
        if "@" not in self.email:
            return self.email
        local, domain = self.email.split("@", 1)
        return f"{local[:1]}***@{domain}"

    @property
    def masked_id_number(self):
        n = self.id_number
        return f"{n[:1]}{'*' * max(len(n) - 5, 3)}{n[-4:]}" if len(n) > 5 else ("****" if n else "")

    def alerts(self):
        """What the front desk must see when serving the guest: allergies and special needs.
        Reads `preferences` (prefetch it for a list)."""
        found = []
        if self.allergies:
            found.append(self.allergies)
        if self.special_needs:
            found.append(self.special_needs)
        found += [str(p) for p in self.preferences.all() if p.is_alert and p.is_active]
        return found


class Stay(PropertyScopedModel):
    guest = models.ForeignKey(Guest, on_delete=models.PROTECT, related_name="stays", verbose_name=_("guest"))
    # Indexed with the arrival (crm_stay_room): who is in a room now reads that room's latest stays.
    room = models.ForeignKey(Room, on_delete=models.SET_NULL, null=True, blank=True, related_name="stays", verbose_name=_("room"), db_index=False)
    # The PMS's own number: a re-imported row updates its stay instead of adding one.
    reservation_number = models.CharField(_("reservation number"), max_length=40, blank=True, default="")
    arrival = models.DateField(_("arrival"))
    departure = models.DateField(_("departure"))
    room_nights = models.PositiveIntegerField(_("room-nights"), default=1)
    spend = models.DecimalField(_("spend"), max_digits=12, decimal_places=2, default=0)

    class Meta:
        ordering = ["-arrival"]
        verbose_name = _("stay")
        verbose_name_plural = _("stays")
        indexes = [
            models.Index(fields=["property", "arrival", "departure"], name="crm_stay_dates"),
            models.Index(fields=["guest", "arrival"], name="crm_stay_guest"),
            models.Index(fields=["room", "arrival"], name="crm_stay_room"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(departure__gte=models.F("arrival")), name="crm_stay_departure_after_arrival"),
            models.UniqueConstraint(
                fields=["property", "reservation_number"], condition=~Q(reservation_number=""), name="crm_stay_unique_reservation",
            ),
        ]

    def __str__(self):
        return f"{self.guest} {self.arrival:%Y-%m-%d}"

    def clean(self):
        if self.arrival and self.departure and self.departure < self.arrival:
            raise ValidationError({"departure": _("Departure cannot be before arrival.")})


class GuestMerge(models.Model):
    """A merge of two profiles: who merged which profile into which, when, and what was moved.
    The merged-away profile is gone; only its number is kept (no personal data)."""

    target = models.ForeignKey(Guest, on_delete=models.CASCADE, related_name="merges", verbose_name=_("kept profile"))
    source_id = models.PositiveBigIntegerField(_("merged profile number"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("merged by"))
    merged_at = models.DateTimeField(_("merged"), default=timezone.now)
    moved = models.JSONField(_("records moved"), default=dict, blank=True)

    class Meta:
        ordering = ["-merged_at"]
        verbose_name = _("guest merge")
        verbose_name_plural = _("guest merges")

    def __str__(self):
        return f"#{self.source_id} → #{self.target_id}"


class GuestErasure(models.Model):
    """A guest's personal data erased (on request, or by the retention job): when, why, by whom.
    Holds the profile number only."""

    guest = models.ForeignKey(Guest, on_delete=models.CASCADE, related_name="erasures", verbose_name=_("guest"))
    reason = models.CharField(_("reason"), max_length=20, choices=ErasureReason.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("by"))
    erased_at = models.DateTimeField(_("erased"), default=timezone.now)

    class Meta:
        ordering = ["-erased_at"]
        verbose_name = _("guest erasure")
        verbose_name_plural = _("guest erasures")
        constraints = [models.UniqueConstraint(fields=["guest"], name="crm_guesterasure_once")]

    def __str__(self):
        return f"#{self.guest_id}"
