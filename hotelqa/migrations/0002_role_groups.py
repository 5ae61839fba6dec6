from django.db import migrations

ROLES = ["front_desk", "staff", "supervisor", "inspector", "trainer", "manager", "admin"]


def create_role_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for role in ROLES:
        Group.objects.get_or_create(name=f"role:{role}")


def remove_role_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[f"role:{r}" for r in ROLES]).delete()


class Migration(migrations.Migration):
    dependencies = [("hotelqa", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]

    operations = [migrations.RunPython(create_role_groups, remove_role_groups)]
