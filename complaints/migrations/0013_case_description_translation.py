"""What happened, in the other language (typed by staff), and on PostgreSQL its trigram index
for the case list's word search, as for the description (0003)."""

from django.db import migrations, models

INDEX = "complaints_case_description_translation_trgm"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON complaints_case USING gin (UPPER(description_translation::text) gin_trgm_ops)")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):

    dependencies = [("complaints", "0012_escalations_to_the_deadline_watch")]

    operations = [
        migrations.AddField(
            model_name="case",
            name="description_translation",
            field=models.TextField(
                blank=True, db_default="", default="", max_length=4000, verbose_name="what happened, in the other language",
                help_text="Typed by staff for colleagues who read the other language; leave empty if nobody has translated it.",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
