from django.db import migrations


def forward(apps, schema_editor):
    from crm.engagement.defaults import ensure

    ensure(apps.get_model("crm", "LoyaltyTier"), apps.get_model("crm", "SurveyTemplate"))


class Migration(migrations.Migration):
    dependencies = [("crm", "0007_loyalty_segments_followups_surveys")]
    operations = [migrations.RunPython(forward, migrations.RunPython.noop)]
