"""The checklist engine's models, moved from facilities. Their tables were created by
facilities' first migration and keep their names (`db_table`), so this migration only takes the
models over in Django's state; facilities 0003 lets go of them. On a fresh database the tables come
from facilities 0001 (a dependency), on an existing one nothing is touched."""

import django.core.validators
import django.db.models.deletion
import django.utils.timezone
import hotelqa.checklists.models
import hotelqa.uploads
from decimal import Decimal
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('hotelqa', '0007_kpi_snapshot_breakdown_key'),
        ('facilities', '0002_checklist_item_defect_category'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    state_operations = [
        migrations.CreateModel(
            name='ChecklistTemplate',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=150, verbose_name='name')),
                ('kind', models.CharField(choices=[('inspection', 'Facility inspection'), ('audit', 'Quality audit')], default='inspection', max_length=20, verbose_name='used for')),
                ('description', models.TextField(blank=True, verbose_name='description')),
                ('is_active', models.BooleanField(default=True, verbose_name='active')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created')),
                ('property', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='hotelqa.property', verbose_name='property')),
            ],
            options={
                'verbose_name': 'checklist template',
                'verbose_name_plural': 'checklist templates',
                'db_table': 'facilities_checklisttemplate',
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='ChecklistVersion',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('number', models.PositiveIntegerField(verbose_name='version')),
                ('status', models.CharField(choices=[('draft', 'Draft'), ('published', 'Published'), ('retired', 'Superseded')], default='draft', max_length=20, verbose_name='status')),
                ('pass_mark', models.DecimalField(decimal_places=2, default=Decimal('80'), help_text='A checklist scoring below this share of points fails.', max_digits=5, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(100)], verbose_name='pass mark (%)')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='created')),
                ('published_at', models.DateTimeField(blank=True, null=True, verbose_name='published')),
                ('published_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('template', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='versions', to='checklists.checklisttemplate', verbose_name='template')),
            ],
            options={
                'verbose_name': 'checklist version',
                'verbose_name_plural': 'checklist versions',
                'db_table': 'facilities_checklistversion',
                'ordering': ['template', '-number'],
            },
        ),
        migrations.AddField(
            model_name='checklisttemplate',
            name='current_version',
            field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='checklists.checklistversion', verbose_name='published version'),
        ),
        migrations.CreateModel(
            name='ChecklistSection',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=150, verbose_name='section')),
                ('position', models.PositiveIntegerField(default=0, verbose_name='position')),
                ('version', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='sections', to='checklists.checklistversion')),
            ],
            options={
                'verbose_name': 'checklist section',
                'verbose_name_plural': 'checklist sections',
                'db_table': 'facilities_checklistsection',
                'ordering': ['position', 'id'],
            },
        ),
        migrations.CreateModel(
            name='ChecklistResponse',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('started_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='started')),
                ('completed_at', models.DateTimeField(blank=True, null=True, verbose_name='completed')),
                ('score', models.DecimalField(blank=True, decimal_places=2, max_digits=5, null=True, verbose_name='score (%)')),
                ('passed', models.BooleanField(null=True, verbose_name='passed')),
                ('critical_failed', models.BooleanField(default=False, verbose_name='critical item failed')),
                ('property', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='hotelqa.property', verbose_name='property')),
                ('started_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('version', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='responses', to='checklists.checklistversion', verbose_name='checklist version')),
            ],
            options={
                'verbose_name': 'filled checklist',
                'verbose_name_plural': 'filled checklists',
                'db_table': 'facilities_checklistresponse',
            },
        ),
        migrations.CreateModel(
            name='ChecklistItem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('position', models.PositiveIntegerField(default=0, verbose_name='position')),
                ('text', models.CharField(max_length=300, verbose_name='item')),
                ('standard', models.TextField(blank=True, help_text='What a pass looks like (检查标准).', verbose_name='standard')),
                ('answer_type', models.CharField(choices=[('pass_fail', 'Pass / fail'), ('score', 'Score 1–5'), ('number', 'Number (min/max)'), ('text', 'Text'), ('photo', 'Photo required')], default='pass_fail', max_length=20, verbose_name='answer type')),
                ('weight', models.DecimalField(decimal_places=2, default=Decimal('1'), max_digits=6, validators=[django.core.validators.MinValueValidator(0)], verbose_name='weight')),
                ('critical', models.BooleanField(default=False, help_text='Failing this item fails the whole checklist.', verbose_name='critical')),
                ('required', models.BooleanField(default=True, verbose_name='answer required')),
                ('min_value', models.DecimalField(blank=True, decimal_places=3, max_digits=12, null=True, verbose_name='minimum')),
                ('max_value', models.DecimalField(blank=True, decimal_places=3, max_digits=12, null=True, verbose_name='maximum')),
                ('unit', models.CharField(blank=True, max_length=20, verbose_name='unit')),
                ('section', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='items', to='checklists.checklistsection', verbose_name='section')),
                ('version', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='items', to='checklists.checklistversion')),
            ],
            options={
                'verbose_name': 'checklist item',
                'verbose_name_plural': 'checklist items',
                'db_table': 'facilities_checklistitem',
                'ordering': ['section__position', 'section_id', 'position', 'id'],
            },
        ),
        migrations.CreateModel(
            name='ChecklistAnswer',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('value_bool', models.BooleanField(null=True, verbose_name='passed')),
                ('value_score', models.PositiveSmallIntegerField(null=True, validators=[django.core.validators.MinValueValidator(1), django.core.validators.MaxValueValidator(5)], verbose_name='score')),
                ('value_number', models.DecimalField(decimal_places=3, max_digits=12, null=True, verbose_name='reading')),
                ('value_text', models.TextField(blank=True, verbose_name='answer')),
                ('photo', models.ImageField(blank=True, upload_to=hotelqa.checklists.models.answer_photo_path, validators=[hotelqa.uploads.validate_image_upload], verbose_name='photo')),
                ('note', models.TextField(blank=True, verbose_name='note')),
                ('is_failed', models.BooleanField(null=True, verbose_name='failed')),
                ('fixed_on_spot', models.BooleanField(default=False, verbose_name='fixed on the spot')),
                ('fix_note', models.TextField(blank=True, verbose_name='what was done')),
                ('answered_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='answered')),
                ('answered_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                ('item', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='answers', to='checklists.checklistitem')),
                ('response', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='answers', to='checklists.checklistresponse')),
            ],
            options={
                'verbose_name': 'checklist answer',
                'verbose_name_plural': 'checklist answers',
                'db_table': 'facilities_checklistanswer',
                'constraints': [models.UniqueConstraint(fields=('response', 'item'), name='checklist_answer_one_per_item')],
            },
        ),
        migrations.AddConstraint(
            model_name='checklistversion',
            constraint=models.UniqueConstraint(fields=('template', 'number'), name='checklist_version_unique_number'),
        ),
        migrations.AddConstraint(
            model_name='checklistversion',
            constraint=models.UniqueConstraint(condition=models.Q(('status', 'draft')), fields=('template',), name='checklist_version_one_draft'),
        ),
        migrations.AddConstraint(
            model_name='checklisttemplate',
            constraint=models.UniqueConstraint(fields=('property', 'name'), name='checklist_template_unique_name'),
        ),
        migrations.AddConstraint(
            model_name='checklistitem',
            constraint=models.CheckConstraint(condition=models.Q(('min_value__isnull', True), ('max_value__isnull', True), ('min_value__lte', models.F('max_value')), _connector='OR'), name='checklist_item_min_le_max'),
        ),
    ]

    operations = [migrations.SeparateDatabaseAndState(state_operations=state_operations)]
