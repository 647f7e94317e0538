# The content revision's table takes the kernel's name (a rename: the row is kept).

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
    ]

    operations = [
        migrations.AlterModelTable(name="contentrevision", table=None),
    ]
