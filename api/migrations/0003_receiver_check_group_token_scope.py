import django.core.validators
from django.db import migrations, models

import api.receivers


def group_tokens_resolve_their_scope(apps, schema_editor):
    """Group tokens made before get their role at each request (api.auth.scope_group_token): drop
    the roles stored for them — memberships of the properties of the day, group flags."""
    ApiToken = apps.get_model("api", "ApiToken")
    User = apps.get_model("hotelqa", "User")
    Membership = apps.get_model("hotelqa", "Membership")
    users = list(ApiToken.objects.filter(property__isnull=True).values_list("user_id", flat=True))
    Membership.objects.filter(user_id__in=users).delete()
    User.groups.through.objects.filter(user_id__in=users).delete()
    User.objects.filter(pk__in=users).update(is_group_admin=False, is_group_manager=False, is_staff=False)


def group_tokens_store_their_scope(apps, schema_editor):
    ApiToken = apps.get_model("api", "ApiToken")
    User = apps.get_model("hotelqa", "User")
    Membership = apps.get_model("hotelqa", "Membership")
    Property = apps.get_model("hotelqa", "Property")
    for token in ApiToken.objects.filter(property__isnull=True):
        if token.role in ("admin", "manager"):
            User.objects.filter(pk=token.user_id).update(is_group_admin=token.role == "admin", is_group_manager=token.role == "manager")
        else:
            Membership.objects.bulk_create([Membership(user_id=token.user_id, property=p, role=token.role) for p in Property.objects.all()], ignore_conflicts=True)


class Migration(migrations.Migration):

    dependencies = [
        ("api", "0002_survey_low_score_event"),
    ]

    operations = [
        migrations.AlterField(
            model_name="webhooksubscription",
            name="url",
            field=models.URLField(
                help_text="The receiver's public https address; addresses inside a network are refused.", max_length=500,
                validators=[django.core.validators.URLValidator(schemes=["https", "http"]), api.receivers.validate_receiver_url], verbose_name="URL",
            ),
        ),
        migrations.RunPython(group_tokens_resolve_their_scope, group_tokens_store_their_scope),
    ]
