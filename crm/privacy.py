"""Guest data classification (002 §3.5) and what each role sees of it (SPEC §2).

| class | fields | who sees it in full |
|---|---|---|
| public 公开 | name (both scripts), guest type, language, VIP level | everyone who may open guests |
| internal 内部 | company, preferences, allergies, special needs, marketing consent, notes | everyone who may open guests |
| confidential 保密 | phone, e-mail | `crm.view_guest_contact` (front desk, supervisors, managers, admins) |
| sensitive 敏感 | ID type and number, birthday | `crm.view_guest_sensitive` (front desk, who register the guest, and admins) |

A masked value shows enough to recognise it ("139****5678", "c***@example.com", "3****1234",
"**-05-14") and never the rest. The permission is the one of the role held at the active property.
"""

from django.utils.translation import gettext_lazy as _

from hotelqa.permissions import user_can

from .choices import Classification

CLASSIFICATION = {
    "name": Classification.PUBLIC,
    "other_name": Classification.PUBLIC,
    "guest_type": Classification.PUBLIC,
    "language": Classification.PUBLIC,
    "vip_level": Classification.PUBLIC,
    "company": Classification.INTERNAL,
    "preferences": Classification.INTERNAL,
    "allergies": Classification.INTERNAL,
    "special_needs": Classification.INTERNAL,
    "marketing_consent": Classification.INTERNAL,
    "consent_at": Classification.INTERNAL,
    "consent_channel": Classification.INTERNAL,
    "notes": Classification.INTERNAL,
    "phone": Classification.CONFIDENTIAL,
    "email": Classification.CONFIDENTIAL,
    "id_type": Classification.SENSITIVE,
    "id_number": Classification.SENSITIVE,
    "birthday": Classification.SENSITIVE,
}

# Every field that names or reaches the person: what anonymization empties.
PERSONAL_FIELDS = ["name", "other_name", "phone", "email", "id_type", "id_number", "birthday", "company", "allergies", "special_needs", "notes"]

PERMISSION_FOR = {
    Classification.CONFIDENTIAL: "crm.view_guest_contact",
    Classification.SENSITIVE: "crm.view_guest_sensitive",
}


def visible_classes(user, property):
    """The classes `user` sees unmasked at `property`."""
    seen = {Classification.PUBLIC, Classification.INTERNAL}
    for cls, perm in PERMISSION_FOR.items():
        if user_can(user, perm, property):
            seen.add(cls)
    return seen


def masked_birthday(guest):
    return f"**-{guest.birthday:%m-%d}" if guest.birthday else ""


MASKED = {
    "phone": lambda g: g.masked_phone,
    "email": lambda g: g.masked_email,
    "id_number": lambda g: g.masked_id_number,
    "birthday": masked_birthday,
    "id_type": lambda g: "****" if g.id_type else "",
}


def display_value(guest, field):
    value = getattr(guest, field)
    display = getattr(guest, f"get_{field}_display", None)
    if display is not None and value:
        return str(display())
    if field == "birthday":
        return value.isoformat() if value else ""
    return value or ""


def profile_fields(guest, user, property):
    """The confidential and sensitive rows of the profile page: (field, label, value, class, masked)."""
    seen = visible_classes(user, property)
    rows = []
    for field, label in (("phone", _("Phone")), ("email", _("Email")), ("id_type", _("ID type")), ("id_number", _("ID / passport number")), ("birthday", _("Birthday"))):
        cls = CLASSIFICATION[field]
        masked = cls not in seen
        value = MASKED[field](guest) if masked else display_value(guest, field)
        rows.append({"field": field, "label": label, "value": value, "class": Classification(cls), "masked": masked})
    return rows
