"""Guests become people of the group: the property a guest was recorded at becomes where they
were first recorded (`home_property`), and no longer scopes who sees the profile."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("crm", "0003_guest_allergies"),
        ("hotelqa", "0001_initial"),
    ]

    operations = [
        migrations.RemoveIndex(model_name="guest", name="crm_guest_name"),
        migrations.RenameField(model_name="guest", old_name="property", new_name="home_property"),
        migrations.AlterField(
            model_name="guest",
            name="home_property",
            field=models.ForeignKey(
                blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+",
                to="hotelqa.property", verbose_name="first recorded at",
            ),
        ),
    ]
