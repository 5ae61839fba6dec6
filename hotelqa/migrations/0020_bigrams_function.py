"""On PostgreSQL, `hotelqa_bigrams(text)`: a text's character pairs, for indexes that find
two-character words (hotelqa.search)."""

from django.db import migrations

BIGRAMS_FUNCTION = """
CREATE OR REPLACE FUNCTION hotelqa_bigrams(value text) RETURNS text[]
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE COST 1000 AS $$
    SELECT coalesce(array_agg(DISTINCT substr(value, i, 2)), '{}')
    FROM generate_series(1, char_length(value) - 1) AS i
$$
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BIGRAMS_FUNCTION)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS hotelqa_bigrams(text)")


class Migration(migrations.Migration):
    dependencies = [("hotelqa", "0019_download_permission_wording")]

    operations = [migrations.RunPython(forwards, backwards)]
