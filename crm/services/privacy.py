"""A guest's rights under PIPL: their data exported on request, their profile anonymized on
request or when the retention period passes without a stay."""

import datetime as dt
import io
import json

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import CharField, Exists, OuterRef, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.translation import gettext as _

from ..choices import ErasureReason
from ..models import Guest, GuestErasure, Stay
from ..signals import guests_anonymized
from .merge import guest_relations

# Records are kept at least a year (002 §2.5.3); the period is CRM_GUEST_RETENTION_DAYS.
MIN_RETENTION_DAYS = 365

# Emptied fields, and what they are set to.
ERASED = {"other_name": "", "phone": "", "email": "", "id_type": "", "id_number": "", "birthday": None, "company": "", "allergies": "",
          "special_needs": "", "notes": "", "marketing_consent": False, "consent_at": None, "consent_channel": ""}


def retention_days():
    return max(MIN_RETENTION_DAYS, int(getattr(settings, "CRM_GUEST_RETENTION_DAYS", 3 * 365)))


def _plain_row(obj):
    row = {}
    for f in obj._meta.concrete_fields:
        row[f.attname] = getattr(obj, f.attname)
    return row


def guest_data(guest: Guest) -> dict:
    """Everything the group holds about the guest: the profile and every record pointing at it
    (stays, cases, and what other apps add), as plain values."""
    profile = _plain_row(guest)
    profile["preferences"] = [str(p) for p in guest.preferences.all()]
    data = {"profile": profile}
    for rel in guest_relations():
        model = rel.related_model
        rows = model._base_manager.filter(**{rel.field.name: guest})
        data[model._meta.label] = [_plain_row(r) for r in rows.order_by("pk")[:10_000]]
    return data


def guest_export_json(guest: Guest) -> bytes:
    return json.dumps(guest_data(guest), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode("utf-8")


def guest_export_xlsx(guest: Guest) -> bytes:
    """One sheet per kind of record, a header row of field names."""
    from openpyxl import Workbook

    data = guest_data(guest)
    book = Workbook(write_only=True)
    for name, rows in data.items():
        sheet = book.create_sheet(title=name.replace(".", " ")[:31])
        rows = [rows] if isinstance(rows, dict) else rows
        if not rows:
            sheet.append([_("No records.")])
            continue
        header = list(rows[0])
        sheet.append(header)
        for row in rows:
            sheet.append([_cell(row[k]) for k in header])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(value):
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False, cls=DjangoJSONEncoder)
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    return value


def _anonymize(ids, *, reason, actor=None):
    """Empty every personal field of these guests (not yet anonymized), in one transaction."""
    now = timezone.now()
    with transaction.atomic():
        ids = list(Guest.objects.select_for_update().filter(pk__in=ids, anonymized_at__isnull=True).values_list("pk", flat=True))
        if not ids:
            return 0
        Guest.objects.filter(pk__in=ids).update(
            name=Concat(Value("#"), Cast("pk", CharField())), anonymized_at=now, vip_level="", **ERASED,
        )
        Guest.preferences.through.objects.filter(guest_id__in=ids).delete()
        GuestErasure.objects.bulk_create([GuestErasure(guest_id=pk, reason=reason, actor=actor, erased_at=now) for pk in ids], ignore_conflicts=True)
        guests_anonymized.send(sender=Guest, guest_ids=ids)
    return len(ids)


def guest_anonymize(*, guest: Guest, actor) -> Guest:
    """Anonymize on the guest's request. A profile already anonymized is refused with a message."""
    if guest.is_anonymized:
        raise ValidationError(_("This guest's profile was anonymized already."))
    _anonymize([guest.pk], reason=ErasureReason.REQUEST, actor=actor)
    guest.refresh_from_db()
    return guest


def guests_past_retention(*, today=None):
    """Guests with no stay that ended within the retention period, recorded before it began."""
    today = today or timezone.localdate()
    cutoff = today - dt.timedelta(days=retention_days())
    recent = Stay.objects.filter(guest=OuterRef("pk"), departure__gte=cutoff)
    return Guest.objects.filter(anonymized_at__isnull=True, created_at__date__lt=cutoff).filter(~Exists(recent))


def anonymize_past_retention(*, today=None, batch=1000) -> int:
    """The nightly retention sweep: idempotent (anonymized guests are not selected again),
    in batches so a large backlog never holds one long transaction."""
    total = 0
    while True:
        ids = list(guests_past_retention(today=today).order_by("pk").values_list("pk", flat=True)[:batch])
        if not ids:
            return total
        total += _anonymize(ids, reason=ErasureReason.RETENTION)

