"""A guest's name in the other script (拼音/英文名 for a Chinese name, a Chinese name for a foreign
one), and on PostgreSQL the type-ahead's indexes for it, as for the name: the ordered key of
selectors.NameKey (short queries; partial, only names that have one) and a trigram index
(three characters or more)."""

from django.db import migrations, models

INDEXES = [
    (
        "crm_guest_other_name_key",
        'CREATE INDEX IF NOT EXISTS crm_guest_other_name_key ON crm_guest ((UPPER(other_name::text) COLLATE "C"), id) '
        "WHERE anonymized_at IS NULL AND other_name <> ''",
    ),
    ("crm_guest_other_name_trgm", "CREATE INDEX IF NOT EXISTS crm_guest_other_name_trgm ON crm_guest USING gin (UPPER(other_name::text) gin_trgm_ops)"),
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        for _name, sql in INDEXES:
            schema_editor.execute(sql)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, _sql in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):

    dependencies = [("crm", "0009_guest_list_and_name_order_indexes")]

    operations = [
        migrations.AddField(
            model_name="guest",
            name="other_name",
            field=models.CharField(
                blank=True, db_default="", default="", max_length=120, verbose_name="other-script name",
                help_text="The name in the other script: pinyin or English name for a Chinese name, Chinese name for a foreign one.",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
