"""The daily accrual rewrites every late invoice's penalty row: leave room in each page so
PostgreSQL updates a row in place (HOT update, no index entry written)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("billing", "0008_accounting_exports")]

    operations = [
        migrations.RunSQL(
            "ALTER TABLE billing_invoicepenalty SET (fillfactor = 50)",
            "ALTER TABLE billing_invoicepenalty RESET (fillfactor)",
        ),
    ]
