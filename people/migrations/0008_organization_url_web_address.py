"""An organization's website is validated as a source's address is (core.web_addresses): a
text field, so the admin form no longer completes "example.org" to "http://example.org". The
column stays varchar(200); stored values are not touched."""

import core.plain_text
import core.web_addresses
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('people', '0007_version_on_organization_and_role'),
    ]

    operations = [
        migrations.AlterField(
            model_name='historicalorganization',
            name='url',
            field=models.CharField(blank=True, help_text='Official website, starting with https:// or http://.', max_length=200, validators=[core.plain_text.validate_one_line, core.web_addresses.validate_web_address]),
        ),
        migrations.AlterField(
            model_name='organization',
            name='url',
            field=models.CharField(blank=True, help_text='Official website, starting with https:// or http://.', max_length=200, validators=[core.plain_text.validate_one_line, core.web_addresses.validate_web_address]),
        ),
    ]
