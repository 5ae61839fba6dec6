# Corrective actions' escalations move to the foundation's deadline watch (hotelqa.Escalation):
# each row is copied with the deadline key "<PDCA step>@<due time, UTC ISO>" and the level
# (warning 0, escalation 1) the watch computes for actions, so nothing is sent again; then the
# old table goes.

import datetime as dt

from django.db import migrations

from hotelqa.migration_ops import escalations_back_from_the_watch, escalations_to_the_watch

LEVELS = {"warning": 0, "escalation": 1}
KINDS = {level: kind for kind, level in LEVELS.items()}


ACTIONS = {
    "old_model": "audits.CorrectiveActionEscalation", "record": "action", "record_type": ("audits", "correctiveaction"),
}


def copy_to_the_watch(apps, schema_editor):
    escalations_to_the_watch(apps, **ACTIONS, to_row=lambda old: {
        "deadline": f"{old.step}@{old.due_at.astimezone(dt.UTC).isoformat()}", "level": LEVELS[old.kind],
        "due": old.due_at, "created_at": old.created_at,
    })


def copy_back(apps, schema_editor):
    escalations_back_from_the_watch(apps, **ACTIONS, to_old=lambda row: {
        "step": row.deadline.split("@", 1)[0], "kind": KINDS.get(row.level, "escalation"), "due_at": row.due,
        "created_at": row.created_at,
    })


class Migration(migrations.Migration):

    dependencies = [
        ("audits", "0002_audit_plans_audits_corrective_actions"),
        ("hotelqa", "0017_deadline_watch_escalations"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(copy_to_the_watch, copy_back),
        migrations.DeleteModel(
            name="CorrectiveActionEscalation",
        ),
    ]
