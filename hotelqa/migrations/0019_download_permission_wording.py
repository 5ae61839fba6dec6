from django.db import migrations

WORDING = "Can fetch the reports the system builds for the property"


def reword(apps, schema_editor):
    # Django creates missing permissions after a migrate but never renames existing ones.
    apps.get_model("auth", "Permission").objects.filter(
        content_type__app_label="hotelqa", codename="view_property_downloads"
    ).update(name=WORDING)


class Migration(migrations.Migration):
    dependencies = [
        ("hotelqa", "0018_split_combined_names"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="download",
            options={
                "ordering": ["-created_at", "-pk"],
                "permissions": [("view_property_downloads", WORDING)],
                "verbose_name": "download",
                "verbose_name_plural": "downloads",
            },
        ),
        migrations.RunPython(reword, migrations.RunPython.noop),
    ]
