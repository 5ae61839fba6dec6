from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION hotelqa_auditevent_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'the audit trail is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER hotelqa_auditevent_append_only
  BEFORE UPDATE OR DELETE ON hotelqa_auditevent
  FOR EACH ROW EXECUTE FUNCTION hotelqa_auditevent_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS hotelqa_auditevent_append_only ON hotelqa_auditevent;
DROP FUNCTION IF EXISTS hotelqa_auditevent_append_only();
"""


def forwards(apps, schema_editor):
    # The database itself refuses changes where it can; elsewhere the model and manager do.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("hotelqa", "0003_audit_trail")]

    operations = [migrations.RunPython(forwards, backwards)]
