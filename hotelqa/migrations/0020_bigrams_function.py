"""On PostgreSQL, `hotelqa_bigrams(text)`: a text's character pairs, for indexes that find
two-character words (hotelqa.search)."""

from django.db import migrations

from hotelqa.search import BIGRAMS_FUNCTION


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BIGRAMS_FUNCTION)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS hotelqa_bigrams(text)")


class Migration(migrations.Migration):
    dependencies = [("hotelqa", "0019_download_permission_wording")]

    operations = [migrations.RunPython(forwards, backwards)]
