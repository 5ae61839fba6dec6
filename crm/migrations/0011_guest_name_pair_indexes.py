"""On PostgreSQL, indexes of the guests' names by character pairs: the case search finds a guest
by a two-character name (王伟) through them (hotelqa.search)."""

from django.db import migrations


def pair_index_sql(name, table, column):
    return f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (hotelqa_bigrams(UPPER({column}::text)))"


INDEXES = [("crm_guest_name_pairs", "crm_guest", "name"), ("crm_guest_other_name_pairs", "crm_guest", "other_name")]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for index in INDEXES:
            schema_editor.execute(pair_index_sql(*index))


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, _table, _column in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("crm", "0010_guest_other_script_name"), ("hotelqa", "0020_bigrams_function")]

    operations = [migrations.RunPython(forwards, backwards)]
