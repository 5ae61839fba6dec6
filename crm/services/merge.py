"""Merging two profiles of one person into one."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from hotelqa.permissions import user_can

from ..models import Guest, GuestMerge

# Fields the kept profile takes from the merged one when its own is empty.
FILLED_FROM_SOURCE = ["other_name", "phone", "email", "id_type", "id_number", "birthday", "company", "vip_level", "allergies", "special_needs"]


def guest_relations():
    """Every relation pointing at guests: `Guest._meta.related_objects` plus hidden ones
    (`related_name="+"`), less the join tables of many-to-many fields (moved through their
    many-to-many relation, or for the guest's own preferences, by the merge itself)."""
    found = list(Guest._meta.related_objects)
    for rel in Guest._meta.get_fields(include_hidden=True):
        if rel.auto_created and not rel.concrete and rel not in found and not rel.related_model._meta.auto_created:
            found.append(rel)
    return [r for r in found if not r.related_model._meta.auto_created]


def _move_related(source, target):
    """Point every row that refers to `source` at `target`: stays, cases, and whatever other apps
    add later (loyalty ledger, surveys, follow-ups), found through `Guest._meta.related_objects`.
    Returns {"app.model": count}."""
    moved = {}
    for rel in guest_relations():
        model = rel.related_model
        label = model._meta.label
        if rel.many_to_many:  # another model's many-to-many to guests: re-point its through rows
            through = rel.through
            src_col = next(f.name for f in through._meta.fields if f.is_relation and f.related_model is Guest)
            other_col = next(f.name for f in through._meta.fields if f.is_relation and f.related_model is model)
            have = set(through.objects.filter(**{src_col: target}).values_list(f"{other_col}_id", flat=True))
            rows = through.objects.filter(**{src_col: source})
            n = rows.exclude(**{f"{other_col}_id__in": have}).update(**{src_col: target})
            rows.delete()
        elif model is GuestMerge:
            n = model._base_manager.filter(target=source).update(target=target)
        else:
            name = rel.field.name
            if rel.one_to_one and model._base_manager.filter(**{name: target}).exists() and model._base_manager.filter(**{name: source}).exists():
                raise ValidationError(_("Both profiles have a %(record)s: they cannot be merged automatically.") % {"record": model._meta.verbose_name})
            try:
                with transaction.atomic():
                    n = model._base_manager.filter(**{name: source}).update(**{name: target})
            except IntegrityError:
                raise ValidationError(
                    _("Both profiles have %(records)s that may exist only once per guest: they cannot be merged automatically.")
                    % {"records": model._meta.verbose_name_plural}
                ) from None
        if n:
            moved[label] = moved.get(label, 0) + n
    return moved


@transaction.atomic
def guest_merge(*, target: Guest, source: Guest, actor) -> GuestMerge:
    """Merge `source` into `target`: every related row moves to `target`, empty fields of
    `target` are filled from `source`, preferences are joined, notes appended; `source` is
    deleted and the merge recorded. All or nothing."""
    if actor is not None and not any(user_can(actor, "crm.merge_guest", pk) for pk in _actor_properties(actor)):
        raise PermissionDenied
    if target.pk == source.pk:
        raise ValidationError({"other": _("A profile cannot be merged into itself.")})
    # Lock both, lowest id first, so two merges of the same pair cannot cross.
    locked = {g.pk: g for g in Guest.objects.select_for_update().filter(pk__in=sorted([target.pk, source.pk])).order_by("pk")}
    if len(locked) != 2:
        raise ValidationError({"other": _("That profile no longer exists (it may have been merged already).")})
    target, source = locked[target.pk], locked[source.pk]
    if target.is_anonymized or source.is_anonymized:
        raise ValidationError({"other": _("An anonymized profile cannot be merged.")})
    for field in FILLED_FROM_SOURCE:
        if not getattr(target, field) and getattr(source, field):
            setattr(target, field, getattr(source, field))
    if source.notes:
        target.notes = f"{target.notes}\n{source.notes}".strip()
    if not target.consent_at and source.consent_at:
        target.marketing_consent, target.consent_at, target.consent_channel = source.marketing_consent, source.consent_at, source.consent_channel
    if source.created_at < target.created_at:
        target.created_at, target.home_property_id = source.created_at, source.home_property_id
    target.preferences.add(*source.preferences.all())
    moved = _move_related(source, target)
    source_id = source.pk
    source.preferences.clear()
    source.delete()
    target.save()
    return GuestMerge.objects.create(target=target, source_id=source_id, actor=actor, moved=moved)


def _actor_properties(actor):
    from hotelqa.models import Property

    return Property.objects.values_list("pk", flat=True) if actor.sees_all_properties else actor.property_ids
