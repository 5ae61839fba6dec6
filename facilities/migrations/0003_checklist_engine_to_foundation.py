"""Facilities lets go of the checklist engine's models (now `checklists`, in the foundation) in
Django's state only: the tables stay where they are. Permissions follow their content type, so
the roles keep what they were granted."""

import django.db.models.deletion
from django.db import migrations, models


MODELS = ["checklisttemplate", "checklistversion", "checklistsection", "checklistitem", "checklistresponse", "checklistanswer"]


def _relabel(apps, old, new):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label=new, model__in=MODELS).exists():
        ContentType.objects.filter(app_label=old, model__in=MODELS).update(app_label=new)


def move_content_types(apps, schema_editor):
    _relabel(apps, "facilities", "checklists")


def move_content_types_back(apps, schema_editor):
    _relabel(apps, "checklists", "facilities")


class Migration(migrations.Migration):

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('checklists', '0001_initial'),
        ('facilities', '0002_checklist_item_defect_category'),
    ]

    state_operations = [
        migrations.AlterField(
            model_name='workorder',
            name='answer',
            field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='work_order', to='checklists.checklistanswer'),
        ),
        migrations.RemoveField(
            model_name='checklistitem',
            name='section',
        ),
        migrations.RemoveField(
            model_name='checklistitem',
            name='version',
        ),
        migrations.AlterField(
            model_name='checklistitemdefect',
            name='item',
            field=models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, primary_key=True, related_name='defect', serialize=False, to='checklists.checklistitem', verbose_name='checklist item'),
        ),
        migrations.RemoveField(
            model_name='checklistresponse',
            name='property',
        ),
        migrations.RemoveField(
            model_name='checklistresponse',
            name='started_by',
        ),
        migrations.RemoveField(
            model_name='checklistresponse',
            name='version',
        ),
        migrations.AlterField(
            model_name='inspection',
            name='response',
            field=models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='inspection', to='checklists.checklistresponse'),
        ),
        migrations.RemoveField(
            model_name='checklistsection',
            name='version',
        ),
        migrations.RemoveField(
            model_name='checklisttemplate',
            name='current_version',
        ),
        migrations.RemoveField(
            model_name='checklisttemplate',
            name='property',
        ),
        migrations.RemoveField(
            model_name='checklistversion',
            name='template',
        ),
        migrations.AlterField(
            model_name='inspectionschedule',
            name='template',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='schedules', to='checklists.checklisttemplate', verbose_name='checklist'),
        ),
        migrations.RemoveField(
            model_name='checklistversion',
            name='published_by',
        ),
        migrations.AlterField(
            model_name='inspection',
            name='version',
            field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='inspections', to='checklists.checklistversion', verbose_name='checklist'),
        ),
        migrations.DeleteModel(
            name='ChecklistAnswer',
        ),
        migrations.DeleteModel(
            name='ChecklistItem',
        ),
        migrations.DeleteModel(
            name='ChecklistResponse',
        ),
        migrations.DeleteModel(
            name='ChecklistSection',
        ),
        migrations.DeleteModel(
            name='ChecklistTemplate',
        ),
        migrations.DeleteModel(
            name='ChecklistVersion',
        ),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(state_operations=state_operations),
        migrations.RunPython(move_content_types, move_content_types_back),
    ]
