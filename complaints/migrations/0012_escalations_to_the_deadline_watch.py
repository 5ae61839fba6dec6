# Cases' escalations move to the foundation's deadline watch (hotelqa.Escalation): each row is
# copied with the deadline key "<deadline>.<cycle>" the watch uses for cases, then the old table goes.

from django.db import migrations

from hotelqa.migration_ops import escalations_back_from_the_watch, escalations_to_the_watch


CASES = {"old_model": "complaints.Escalation", "record": "case", "record_type": ("complaints", "case")}


def copy_to_the_watch(apps, schema_editor):
    escalations_to_the_watch(apps, **CASES, to_row=lambda old: {
        "deadline": f"{old.deadline}.{old.cycle}", "level": old.level, "due": old.due, "created_at": old.created_at,
        "notified": old.notified, "recipients": len([n for n in old.notified.split(", ") if n]),
    })


def copy_back(apps, schema_editor):
    escalations_back_from_the_watch(apps, **CASES, to_old=lambda row: {
        "deadline": row.deadline.split(".")[0], "cycle": int(row.deadline.split(".")[1]), "level": row.level,
        "due": row.due, "created_at": row.created_at, "notified": row.notified,
    })


class Migration(migrations.Migration):

    dependencies = [
        ("complaints", "0011_case_staff_members"),
        ("hotelqa", "0017_deadline_watch_escalations"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.RunPython(copy_to_the_watch, copy_back),
        migrations.DeleteModel(
            name="Escalation",
        ),
    ]
