"""Accounting works on late payment: penalties, reminder schedule, opening balances."""

from django.db import migrations

from backoffice.groups import staff_groups_sync


def sync(apps, schema_editor):
    staff_groups_sync(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("backoffice", "0003_returns"),
        ("billing", "0006_late_payment"),
    ]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
