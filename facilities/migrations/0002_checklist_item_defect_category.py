"""An item's defect category moves out of the checklist engine's item table into facilities'
own table, so the engine can belong to the foundation (see the next two migrations)."""

import django.db.models.deletion
from django.db import migrations, models


def copy_categories(apps, schema_editor):
    ChecklistItem = apps.get_model("facilities", "ChecklistItem")
    ChecklistItemDefect = apps.get_model("facilities", "ChecklistItemDefect")
    rows = ChecklistItem.objects.filter(defect_category__isnull=False).values_list("pk", "defect_category_id")
    ChecklistItemDefect.objects.bulk_create(
        [ChecklistItemDefect(item_id=item_id, category_id=category_id) for item_id, category_id in rows.iterator()], batch_size=1000
    )


def copy_back(apps, schema_editor):
    ChecklistItem = apps.get_model("facilities", "ChecklistItem")
    ChecklistItemDefect = apps.get_model("facilities", "ChecklistItemDefect")
    for item_id, category_id in ChecklistItemDefect.objects.values_list("item_id", "category_id").iterator():
        ChecklistItem.objects.filter(pk=item_id).update(defect_category_id=category_id)


class Migration(migrations.Migration):

    dependencies = [
        ("facilities", "0001_initial"),
    ]

    operations = [
        migrations.CreateModel(
            name="ChecklistItemDefect",
            fields=[
                (
                    "item",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name="defect",
                        serialize=False, to="facilities.checklistitem", verbose_name="checklist item",
                    ),
                ),
                (
                    "category",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE, related_name="+", to="facilities.assetcategory",
                        verbose_name="defect category",
                    ),
                ),
            ],
            options={
                "verbose_name": "defect category of a checklist item",
                "verbose_name_plural": "defect categories of checklist items",
            },
        ),
        migrations.RunPython(copy_categories, copy_back),
        migrations.RemoveField(model_name="checklistitem", name="defect_category"),
    ]
