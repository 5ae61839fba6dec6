from django.db import migrations, models


def _in_every_language(message):
    from django.conf import settings
    from django.utils import translation

    texts = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            texts.add(translation.gettext(message))
    return texts


def _found(answer):
    from hotelqa import events

    from facilities import events as facility_events

    kind = answer.item.answer_type
    if kind == "pass_fail":
        return "" if answer.value_bool is None else events.label(facility_events.PASS if answer.value_bool else facility_events.FAIL)
    if kind == "photo":
        return events.label(facility_events.PHOTO) if answer.photo else ""
    if kind == "score":
        return "" if answer.value_score is None else str(answer.value_score)
    if kind == "number":
        return "" if answer.value_number is None else f"{answer.value_number.normalize():f} {answer.item.unit}".strip()
    return answer.value_text


def _target_name(order):
    # Historical models have no __str__: the same text as Asset/Location.__str__.
    if order.asset_id:
        return f"{order.asset.code} {order.asset.name}"
    if order.location_id:
        loc = order.location
        floor = f"{loc.floor}F" if loc.floor.isdigit() else loc.floor
        return " · ".join(p for p in (loc.building, floor, loc.name) if p)
    return ""


def structure_old_rows(apps, schema_editor):
    """Work orders opened by inspections kept "Standard: … / Found: …" in the writer's language:
    rebuild that part as an event from the answer and keep only what the inspector typed."""
    from hotelqa import events

    from facilities import events as facility_events

    WorkOrder = apps.get_model("facilities", "WorkOrder")
    WorkOrderHistory = apps.get_model("facilities", "WorkOrderHistory")
    batch = []
    orders = WorkOrder.objects.filter(answer__isnull=False).select_related("answer__item", "asset", "location")
    for order in orders.iterator(chunk_size=500):
        answer, item = order.answer, order.answer.item
        params = {
            "item": events.text(en=item.text),
            "target": _target_name(order),
            "found": _found(answer) or "—",
        }
        kind = facility_events.FROM_INSPECTION_NO_STANDARD
        if item.standard:
            kind, params["standard"] = facility_events.FROM_INSPECTION, events.text(en=item.standard)
        order.event = events.event(kind, **params)
        order.description = answer.note
        batch.append(order)
        if len(batch) >= 500:
            WorkOrder.objects.bulk_update(batch, ["event", "description"])
            batch = []
    WorkOrder.objects.bulk_update(batch, ["event", "description"])
    WorkOrderHistory.objects.filter(note__in=_in_every_language("Assigned when reported")).update(
        note="", event=events.event(facility_events.ASSIGNED_WHEN_REPORTED)
    )


class Migration(migrations.Migration):

    dependencies = [
        ('facilities', '0004_work_order_history_on_the_workflow_engine'),
    ]

    operations = [
        migrations.AddField(
            model_name='workorder',
            name='event',
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.AddField(
            model_name='workorderhistory',
            name='event',
            field=models.JSONField(blank=True, default=dict),
        ),
        migrations.RunPython(structure_old_rows, migrations.RunPython.noop),
    ]
