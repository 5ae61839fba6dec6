"""On PostgreSQL, trigram indexes make the case list's icontains search indexable.
Other databases (SQLite in development) skip this migration's work."""

from django.db import migrations

INDEXES = [
    ("complaints_case_description_trgm", "complaints_case", "UPPER(description::text)"),
    ("complaints_case_room_trgm", "complaints_case", "UPPER(room_number::text)"),
    ("crm_guest_name_trgm", "crm_guest", "UPPER(name::text)"),
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    for name, table, expression in INDEXES:
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin ({expression} gin_trgm_ops)")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _table, _expression in INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("complaints", "0002_initial"), ("crm", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]
