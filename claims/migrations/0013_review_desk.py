"""The review desk's fields on every editorial record: who submitted it and when, and the
note a publisher sent it back with.

On SQLite, adding a non-null column rebuilds the table, which drops its triggers: the
stance-shift triggers of 0002 and the statements' FTS5 table of 0010 (kept by triggers) are
dropped first and created again after."""

import importlib

import django.db.models.deletion
import people.plain_text
from django.conf import settings
from django.db import migrations, models


_triggers = importlib.import_module("claims.migrations.0002_stance_shift_triggers")
_drop_sqlite_triggers = _triggers.run({"sqlite": _triggers.SQLITE_BACKWARD})
_create_sqlite_triggers = _triggers.run({"sqlite": _triggers.SQLITE_FORWARD})
_statement_fts = importlib.import_module("claims.migrations.0010_statement_fts")


class Migration(migrations.Migration):

    dependencies = [
        ('claims', '0012_checks_that_catch_slips'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RunPython(_drop_sqlite_triggers, _create_sqlite_triggers),
        migrations.RunPython(_statement_fts.drop, _statement_fts.create),
        migrations.AddField(
            model_name='correction',
            name='return_note',
            field=models.TextField(blank=True, editable=False, help_text='What a publisher asked its editor to change; cleared when it is submitted again.', validators=[people.plain_text.validate_multiline_text]),
        ),
        migrations.AddField(
            model_name='correction',
            name='returned_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='correction',
            name='returned_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='correction',
            name='submitted_at',
            field=models.DateTimeField(blank=True, editable=False, help_text='When it was last submitted for review.', null=True),
        ),
        migrations.AddField(
            model_name='correction',
            name='submitted_by',
            field=models.ForeignKey(blank=True, editable=False, help_text='Who last submitted it for review: the editor it goes back to.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='endorsement',
            name='return_note',
            field=models.TextField(blank=True, editable=False, help_text='What a publisher asked its editor to change; cleared when it is submitted again.', validators=[people.plain_text.validate_multiline_text]),
        ),
        migrations.AddField(
            model_name='endorsement',
            name='returned_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='endorsement',
            name='returned_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='endorsement',
            name='submitted_at',
            field=models.DateTimeField(blank=True, editable=False, help_text='When it was last submitted for review.', null=True),
        ),
        migrations.AddField(
            model_name='endorsement',
            name='submitted_by',
            field=models.ForeignKey(blank=True, editable=False, help_text='Who last submitted it for review: the editor it goes back to.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='factcheck',
            name='return_note',
            field=models.TextField(blank=True, editable=False, help_text='What a publisher asked its editor to change; cleared when it is submitted again.', validators=[people.plain_text.validate_multiline_text]),
        ),
        migrations.AddField(
            model_name='factcheck',
            name='returned_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='factcheck',
            name='returned_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='factcheck',
            name='submitted_at',
            field=models.DateTimeField(blank=True, editable=False, help_text='When it was last submitted for review.', null=True),
        ),
        migrations.AddField(
            model_name='factcheck',
            name='submitted_by',
            field=models.ForeignKey(blank=True, editable=False, help_text='Who last submitted it for review: the editor it goes back to.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalcorrection',
            name='return_note',
            field=models.TextField(blank=True, editable=False, help_text='What a publisher asked its editor to change; cleared when it is submitted again.', validators=[people.plain_text.validate_multiline_text]),
        ),
        migrations.AddField(
            model_name='historicalcorrection',
            name='returned_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='historicalcorrection',
            name='returned_by',
            field=models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalcorrection',
            name='submitted_at',
            field=models.DateTimeField(blank=True, editable=False, help_text='When it was last submitted for review.', null=True),
        ),
        migrations.AddField(
            model_name='historicalcorrection',
            name='submitted_by',
            field=models.ForeignKey(blank=True, db_constraint=False, editable=False, help_text='Who last submitted it for review: the editor it goes back to.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalendorsement',
            name='return_note',
            field=models.TextField(blank=True, editable=False, help_text='What a publisher asked its editor to change; cleared when it is submitted again.', validators=[people.plain_text.validate_multiline_text]),
        ),
        migrations.AddField(
            model_name='historicalendorsement',
            name='returned_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='historicalendorsement',
            name='returned_by',
            field=models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalendorsement',
            name='submitted_at',
            field=models.DateTimeField(blank=True, editable=False, help_text='When it was last submitted for review.', null=True),
        ),
        migrations.AddField(
            model_name='historicalendorsement',
            name='submitted_by',
            field=models.ForeignKey(blank=True, db_constraint=False, editable=False, help_text='Who last submitted it for review: the editor it goes back to.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalfactcheck',
            name='return_note',
            field=models.TextField(blank=True, editable=False, help_text='What a publisher asked its editor to change; cleared when it is submitted again.', validators=[people.plain_text.validate_multiline_text]),
        ),
        migrations.AddField(
            model_name='historicalfactcheck',
            name='returned_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='historicalfactcheck',
            name='returned_by',
            field=models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalfactcheck',
            name='submitted_at',
            field=models.DateTimeField(blank=True, editable=False, help_text='When it was last submitted for review.', null=True),
        ),
        migrations.AddField(
            model_name='historicalfactcheck',
            name='submitted_by',
            field=models.ForeignKey(blank=True, db_constraint=False, editable=False, help_text='Who last submitted it for review: the editor it goes back to.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalstanceshift',
            name='return_note',
            field=models.TextField(blank=True, editable=False, help_text='What a publisher asked its editor to change; cleared when it is submitted again.', validators=[people.plain_text.validate_multiline_text]),
        ),
        migrations.AddField(
            model_name='historicalstanceshift',
            name='returned_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='historicalstanceshift',
            name='returned_by',
            field=models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalstanceshift',
            name='submitted_at',
            field=models.DateTimeField(blank=True, editable=False, help_text='When it was last submitted for review.', null=True),
        ),
        migrations.AddField(
            model_name='historicalstanceshift',
            name='submitted_by',
            field=models.ForeignKey(blank=True, db_constraint=False, editable=False, help_text='Who last submitted it for review: the editor it goes back to.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalstatement',
            name='return_note',
            field=models.TextField(blank=True, editable=False, help_text='What a publisher asked its editor to change; cleared when it is submitted again.', validators=[people.plain_text.validate_multiline_text]),
        ),
        migrations.AddField(
            model_name='historicalstatement',
            name='returned_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='historicalstatement',
            name='returned_by',
            field=models.ForeignKey(blank=True, db_constraint=False, editable=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='historicalstatement',
            name='submitted_at',
            field=models.DateTimeField(blank=True, editable=False, help_text='When it was last submitted for review.', null=True),
        ),
        migrations.AddField(
            model_name='historicalstatement',
            name='submitted_by',
            field=models.ForeignKey(blank=True, db_constraint=False, editable=False, help_text='Who last submitted it for review: the editor it goes back to.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='stanceshift',
            name='return_note',
            field=models.TextField(blank=True, editable=False, help_text='What a publisher asked its editor to change; cleared when it is submitted again.', validators=[people.plain_text.validate_multiline_text]),
        ),
        migrations.AddField(
            model_name='stanceshift',
            name='returned_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='stanceshift',
            name='returned_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='stanceshift',
            name='submitted_at',
            field=models.DateTimeField(blank=True, editable=False, help_text='When it was last submitted for review.', null=True),
        ),
        migrations.AddField(
            model_name='stanceshift',
            name='submitted_by',
            field=models.ForeignKey(blank=True, editable=False, help_text='Who last submitted it for review: the editor it goes back to.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='statement',
            name='return_note',
            field=models.TextField(blank=True, editable=False, help_text='What a publisher asked its editor to change; cleared when it is submitted again.', validators=[people.plain_text.validate_multiline_text]),
        ),
        migrations.AddField(
            model_name='statement',
            name='returned_at',
            field=models.DateTimeField(blank=True, editable=False, null=True),
        ),
        migrations.AddField(
            model_name='statement',
            name='returned_by',
            field=models.ForeignKey(blank=True, editable=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.AddField(
            model_name='statement',
            name='submitted_at',
            field=models.DateTimeField(blank=True, editable=False, help_text='When it was last submitted for review.', null=True),
        ),
        migrations.AddField(
            model_name='statement',
            name='submitted_by',
            field=models.ForeignKey(blank=True, editable=False, help_text='Who last submitted it for review: the editor it goes back to.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL),
        ),
        migrations.RunPython(_create_sqlite_triggers, _drop_sqlite_triggers),
        migrations.RunPython(_statement_fts.create, _statement_fts.drop),
    ]
