# Work orders' warnings and escalations move to the foundation's deadline watch (hotelqa.Escalation):
# each row is copied with the key "due@<due time, UTC>" and level 0 (warning) or 1 (escalation).

import datetime as dt

from django.db import migrations

from hotelqa.migration_ops import escalations_back_from_the_watch, escalations_to_the_watch

LEVELS = {"warning": 0, "escalation": 1}


WORK_ORDERS = {
    "old_model": "facilities.WorkOrderEscalation", "record": "work_order", "record_type": ("facilities", "workorder"),
}


def copy_to_the_watch(apps, schema_editor):
    escalations_to_the_watch(apps, **WORK_ORDERS, to_row=lambda old: {
        "deadline": f"due@{old.due_at.astimezone(dt.UTC).isoformat()}", "level": LEVELS.get(old.kind, 1),
        "due": old.due_at, "created_at": old.created_at, "recipients": old.recipients,
    })


def copy_back(apps, schema_editor):
    kinds = {v: k for k, v in LEVELS.items()}
    escalations_back_from_the_watch(apps, **WORK_ORDERS, to_old=lambda row: {
        "kind": kinds.get(row.level, "escalation"), "due_at": row.due, "created_at": row.created_at,
        "recipients": row.recipients,
    })


class Migration(migrations.Migration):

    dependencies = [
        ("facilities", "0006_work_order_origin"),
        ("hotelqa", "0017_deadline_watch_escalations"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(copy_to_the_watch, copy_back),
        migrations.DeleteModel(
            name="WorkOrderEscalation",
        ),
    ]
