"""A version on every record editors edit in the admin (core.concurrency.VersionedModel), and
on its history: a save from a stale copy is refused. Rows already stored start at version 1.

On SQLite, adding a non-null column rebuilds the table, which drops its triggers: the
stance-shift triggers of 0002 are dropped first and created again after, as in
claims.0013_review_desk (no table with a full-text index gains a column here)."""

import importlib

from django.db import migrations, models

_triggers = importlib.import_module("claims.migrations.0002_stance_shift_triggers")
_drop_sqlite_triggers = _triggers.run({"sqlite": _triggers.SQLITE_BACKWARD})
_create_sqlite_triggers = _triggers.run({"sqlite": _triggers.SQLITE_FORWARD})


class Migration(migrations.Migration):

    dependencies = [
        ('claims', '0018_statement_fingerprint'),
    ]

    operations = [
        migrations.RunPython(_drop_sqlite_triggers, _create_sqlite_triggers),
        migrations.AddField(
            model_name='citation',
            name='version',
            field=models.PositiveIntegerField(default=1, help_text='Bumped on every save; used to detect concurrent edits.'),
        ),
        migrations.AddField(
            model_name='correction',
            name='version',
            field=models.PositiveIntegerField(default=1, help_text='Bumped on every save; used to detect concurrent edits.'),
        ),
        migrations.AddField(
            model_name='endorsement',
            name='version',
            field=models.PositiveIntegerField(default=1, help_text='Bumped on every save; used to detect concurrent edits.'),
        ),
        migrations.AddField(
            model_name='historicalcitation',
            name='version',
            field=models.PositiveIntegerField(default=1, help_text='Bumped on every save; used to detect concurrent edits.'),
        ),
        migrations.AddField(
            model_name='historicalcorrection',
            name='version',
            field=models.PositiveIntegerField(default=1, help_text='Bumped on every save; used to detect concurrent edits.'),
        ),
        migrations.AddField(
            model_name='historicalendorsement',
            name='version',
            field=models.PositiveIntegerField(default=1, help_text='Bumped on every save; used to detect concurrent edits.'),
        ),
        migrations.AddField(
            model_name='historicalposition',
            name='version',
            field=models.PositiveIntegerField(default=1, help_text='Bumped on every save; used to detect concurrent edits.'),
        ),
        migrations.AddField(
            model_name='historicalpromisecitation',
            name='version',
            field=models.PositiveIntegerField(default=1, help_text='Bumped on every save; used to detect concurrent edits.'),
        ),
        migrations.AddField(
            model_name='historicalpromiserating',
            name='version',
            field=models.PositiveIntegerField(default=1, help_text='Bumped on every save; used to detect concurrent edits.'),
        ),
        migrations.AddField(
            model_name='historicalpromisescale',
            name='version',
            field=models.PositiveIntegerField(default=1, help_text='Bumped on every save; used to detect concurrent edits.'),
        ),
        migrations.AddField(
            model_name='historicalpromisestatuschange',
            name='version',
            field=models.PositiveIntegerField(default=1, help_text='Bumped on every save; used to detect concurrent edits.'),
        ),
        migrations.AddField(
            model_name='historicalrating',
            name='version',
            field=models.PositiveIntegerField(default=1, help_text='Bumped on every save; used to detect concurrent edits.'),
        ),
        migrations.AddField(
            model_name='historicalratingscale',
            name='version',
            field=models.PositiveIntegerField(default=1, help_text='Bumped on every save; used to detect concurrent edits.'),
        ),
        migrations.AddField(
            model_name='historicalstanceshift',
            name='version',
            field=models.PositiveIntegerField(default=1, help_text='Bumped on every save; used to detect concurrent edits.'),
        ),
        migrations.AddField(
            model_name='historicaltopic',
            name='version',
            field=models.PositiveIntegerField(default=1, help_text='Bumped on every save; used to detect concurrent edits.'),
        ),
        migrations.AddField(
            model_name='position',
            name='version',
            field=models.PositiveIntegerField(default=1, help_text='Bumped on every save; used to detect concurrent edits.'),
        ),
        migrations.AddField(
            model_name='promisecitation',
            name='version',
            field=models.PositiveIntegerField(default=1, help_text='Bumped on every save; used to detect concurrent edits.'),
        ),
        migrations.AddField(
            model_name='promiserating',
            name='version',
            field=models.PositiveIntegerField(default=1, help_text='Bumped on every save; used to detect concurrent edits.'),
        ),
        migrations.AddField(
            model_name='promisescale',
            name='version',
            field=models.PositiveIntegerField(default=1, help_text='Bumped on every save; used to detect concurrent edits.'),
        ),
        migrations.AddField(
            model_name='promisestatuschange',
            name='version',
            field=models.PositiveIntegerField(default=1, help_text='Bumped on every save; used to detect concurrent edits.'),
        ),
        migrations.AddField(
            model_name='rating',
            name='version',
            field=models.PositiveIntegerField(default=1, help_text='Bumped on every save; used to detect concurrent edits.'),
        ),
        migrations.AddField(
            model_name='ratingscale',
            name='version',
            field=models.PositiveIntegerField(default=1, help_text='Bumped on every save; used to detect concurrent edits.'),
        ),
        migrations.AddField(
            model_name='stanceshift',
            name='version',
            field=models.PositiveIntegerField(default=1, help_text='Bumped on every save; used to detect concurrent edits.'),
        ),
        migrations.AddField(
            model_name='topic',
            name='version',
            field=models.PositiveIntegerField(default=1, help_text='Bumped on every save; used to detect concurrent edits.'),
        ),
        migrations.RunPython(_create_sqlite_triggers, _drop_sqlite_triggers),
    ]
