"""A version on organizations and roles (core.concurrency.VersionedModel), and on their
history: a save from a stale copy is refused. Rows already stored start at version 1."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('people', '0006_contentrevision_to_core'),
    ]

    operations = [
        migrations.AddField(
            model_name='historicalorganization',
            name='version',
            field=models.PositiveIntegerField(default=1, help_text='Bumped on every save; used to detect concurrent edits.'),
        ),
        migrations.AddField(
            model_name='historicalrole',
            name='version',
            field=models.PositiveIntegerField(default=1, help_text='Bumped on every save; used to detect concurrent edits.'),
        ),
        migrations.AddField(
            model_name='organization',
            name='version',
            field=models.PositiveIntegerField(default=1, help_text='Bumped on every save; used to detect concurrent edits.'),
        ),
        migrations.AddField(
            model_name='role',
            name='version',
            field=models.PositiveIntegerField(default=1, help_text='Bumped on every save; used to detect concurrent edits.'),
        ),
    ]
