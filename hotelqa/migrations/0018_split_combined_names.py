# Older properties and departments may hold both languages in one name: "Front office 前厅部".
# Where the pattern is clear and the Chinese name is empty, the English stays in `name` and the
# Chinese moves to `name_zh`.

from django.db import migrations

from hotelqa.i18n import split_combined


def split_names(apps, schema_editor):
    for model_name in ("Property", "Department"):
        model = apps.get_model("hotelqa", model_name)
        for row in model.objects.filter(name_zh="").iterator():
            split = split_combined(row.name)
            if split is None:
                continue
            if model_name == "Department" and model.objects.filter(property_id=row.property_id, name=split[0]).exists():
                continue  # names stay unique within a property
            row.name, row.name_zh = split
            row.save(update_fields=["name", "name_zh"])


class Migration(migrations.Migration):

    dependencies = [
        ("hotelqa", "0017_deadline_watch_escalations"),
    ]

    operations = [
        migrations.RunPython(split_names, migrations.RunPython.noop),
    ]
