"""Accounting and administrators read invoices and credit notes (STAFF_GROUPS)."""

from django.db import migrations

from backoffice.groups import staff_groups_sync


def sync(apps, schema_editor):
    staff_groups_sync(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("backoffice", "0001_staff_groups"),
        ("billing", "0004_invoices_credit_notes"),
    ]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
