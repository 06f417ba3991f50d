"""After-sales staff handle return requests (STAFF_GROUPS)."""

from django.db import migrations

from backoffice.groups import staff_groups_sync


def sync(apps, schema_editor):
    staff_groups_sync(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("backoffice", "0002_billing_invoices"),
        ("returns", "0001_returns"),
    ]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
