"""Permissions of the period archives (request and download) for the accounting group."""

from django.db import migrations

from backoffice.groups import staff_groups_sync


def sync(apps, schema_editor):
    staff_groups_sync(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("backoffice", "0008_complaints_and_payments"),
        ("billing", "0008_accounting_exports"),
    ]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
