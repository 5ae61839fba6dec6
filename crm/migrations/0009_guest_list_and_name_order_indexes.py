"""The guest list and the type-ahead at millions of guests: the list's order (latest recorded
first) and, on PostgreSQL, the name key of selectors.NameKey (UPPER(name) compared byte by byte),
which finds a name's start and reads the matches in order, so the first ones come without
sorting them all."""

from django.db import migrations, models
from django.db.models import Q

NAME_KEY = 'CREATE INDEX IF NOT EXISTS crm_guest_name_key ON crm_guest ((UPPER(name::text) COLLATE "C"), id) WHERE anonymized_at IS NULL'


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(NAME_KEY)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS crm_guest_name_key")


class Migration(migrations.Migration):

    dependencies = [("crm", "0008_default_tiers_and_survey_templates")]

    operations = [
        migrations.AddIndex(
            model_name="guest",
            index=models.Index(fields=["-created_at", "-id"], name="crm_guest_latest", condition=Q(anonymized_at__isnull=True)),
        ),
        migrations.RunPython(forwards, backwards),
    ]
