# Older checklists (the demo's, among others) hold both languages in one field: "Guest room 客房".
# Where the pattern is clear and the Chinese field is empty, the English stays and the Chinese moves
# to its twin (`name_zh`, `title_zh`, `text_zh`, `standard_zh`), so each reader sees their language.

from django.db import migrations

from hotelqa.i18n import split_combined

FIELDS = {"ChecklistTemplate": ["name"], "ChecklistSection": ["title"], "ChecklistItem": ["text", "standard"]}


def split_texts(apps, schema_editor):
    for model_name, fields in FIELDS.items():
        model = apps.get_model("checklists", model_name)
        for row in model.objects.iterator():
            changed = []
            for field in fields:
                if getattr(row, f"{field}_zh"):
                    continue
                split = split_combined(getattr(row, field))
                if split is None:
                    continue
                if model_name == "ChecklistTemplate" and model.objects.filter(property_id=row.property_id, name=split[0]).exists():
                    continue  # an English-only twin exists: names stay unique
                setattr(row, field, split[0])
                setattr(row, f"{field}_zh", split[1])
                changed += [field, f"{field}_zh"]
            if changed:
                row.save(update_fields=changed)


class Migration(migrations.Migration):

    dependencies = [
        ("checklists", "0002_chinese_texts"),
    ]

    operations = [
        migrations.RunPython(split_texts, migrations.RunPython.noop),
    ]
