import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

# Most periods' inspections wait unassigned while each inspector holds a few: PostgreSQL needs the
# two columns' joint statistics to see that "mine, due" is a handful of rows and read the index.
STATISTICS = "inspection_assignee_status"


def create_statistics(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE STATISTICS IF NOT EXISTS {STATISTICS} (mcv) ON assignee_id, status FROM facilities_inspection")
        schema_editor.execute("ANALYZE facilities_inspection")


def drop_statistics(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP STATISTICS IF EXISTS {STATISTICS}")


class Migration(migrations.Migration):

    dependencies = [
        ('checklists', '0003_split_combined_texts'),
        ('facilities', '0008_chinese_names_of_places_assets_schedules'),
        ('hotelqa', '0019_download_permission_wording'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name='inspection',
            name='assignee',
            field=models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='inspector'),
        ),
        migrations.AddIndex(
            model_name='inspection',
            index=models.Index(fields=['assignee', 'status', 'due_start'], name='inspection_assignee'),
        ),
        migrations.RunPython(create_statistics, drop_statistics),
    ]
