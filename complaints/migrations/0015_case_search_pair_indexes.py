"""On PostgreSQL, the case search's columns by character pairs (two-character words such as 空调,
hotelqa.search), and the case number by trigrams: with every part of the search indexed, the
database combines the indexes instead of reading the property's cases one by one."""

from django.db import migrations


def pair_index_sql(name, table, column):
    return f"CREATE INDEX IF NOT EXISTS {name} ON {table} USING gin (hotelqa_bigrams(UPPER({column}::text)))"


PAIR_INDEXES = [
    ("complaints_case_number_pairs", "complaints_case", "number"),
    ("complaints_case_room_pairs", "complaints_case", "room_number"),
    ("complaints_case_description_pairs", "complaints_case", "description"),
    ("complaints_case_description_translation_pairs", "complaints_case", "description_translation"),
]
NUMBER_TRIGRAMS = "complaints_case_number_trgm"


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for index in PAIR_INDEXES:
            schema_editor.execute(pair_index_sql(*index))
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {NUMBER_TRIGRAMS} ON complaints_case USING gin (UPPER(number::text) gin_trgm_ops)")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in [NUMBER_TRIGRAMS] + [name for name, _table, _column in PAIR_INDEXES]:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("complaints", "0014_case_kind_grade_index"), ("crm", "0011_guest_name_pair_indexes")]

    operations = [migrations.RunPython(forwards, backwards)]
