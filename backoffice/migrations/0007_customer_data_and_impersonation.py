"""Permissions to see the portal as a customer user (impersonation) and to correct a
company's identity, for the staff groups."""

from django.db import migrations

from backoffice.groups import staff_groups_sync


def sync(apps, schema_editor):
    staff_groups_sync(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("backoffice", "0006_order_lifecycle"),
        ("accounts", "0008_company_history_and_staff_permissions"),
    ]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
