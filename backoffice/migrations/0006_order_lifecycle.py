"""Permissions of the order lifecycle (shipments, complaints, the warehouse's and sales'
order moves) for the staff groups, once those models exist."""

from django.db import migrations

from backoffice.groups import staff_groups_sync


def sync(apps, schema_editor):
    staff_groups_sync(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("backoffice", "0005_second_factor_reset"),
        ("orders", "0008_order_invoices"),
    ]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
