"""After-sales may mark complaints handled (orders.handle_complaint, once it exists);
accounting records payments, imports bank statements and confirms their matches."""

from django.db import migrations

from backoffice.groups import staff_groups_sync


def sync(apps, schema_editor):
    staff_groups_sync(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("backoffice", "0007_customer_data_and_impersonation"),
        ("orders", "0011_complaint_status"),
        ("billing", "0007_statements_allocations"),
    ]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
