"""Penalty rows keep an interest state instead of the day's interest and days late.

Existing rows get rate tables version 0, older than any, so the next daily run recomputes
each of them once in the new shape.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("billing", "0011_document_buyer_language"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveField(model_name="invoicepenalty", name="days_late"),
        migrations.RemoveField(model_name="invoicepenalty", name="interest"),
        migrations.RenameField(
            model_name="invoicepenalty", old_name="annual_rate", new_name="interest_rate"
        ),
        migrations.AlterField(
            model_name="invoicepenalty",
            name="interest_rate",
            field=models.DecimalField(
                blank=True,
                decimal_places=3,
                max_digits=7,
                null=True,
                verbose_name="taux appliqué (%)",
            ),
        ),
        migrations.AddField(
            model_name="invoicepenalty",
            name="interest_unit",
            field=models.CharField(
                blank=True,
                choices=[
                    ("days", "jour (taux annuel / 365)"),
                    ("months", "mois commencé (taux annuel / 12)"),
                    ("daily", "jour (taux journalier)"),
                ],
                max_length=8,
                verbose_name="unité de retard",
            ),
        ),
        migrations.AddField(
            model_name="invoicepenalty",
            name="interest_start",
            field=models.DateField(
                blank=True, null=True, verbose_name="intérêts courus après le"
            ),
        ),
        migrations.AddField(
            model_name="invoicepenalty",
            name="interest_closed",
            field=models.DecimalField(
                decimal_places=2,
                default=0,
                max_digits=20,
                verbose_name="part réglée pondérée par son retard",
            ),
        ),
        migrations.AddField(
            model_name="invoicepenalty",
            name="unpaid",
            field=models.DecimalField(
                decimal_places=2, default=0, max_digits=14, verbose_name="principal impayé"
            ),
        ),
        migrations.AddField(
            model_name="invoicepenalty",
            name="settled_on",
            field=models.DateField(blank=True, null=True, verbose_name="soldée le"),
        ),
        # Room in each page for a row's next version: an event rewrites a row in its own
        # page without touching the indexes (a HOT update: no indexed column changes).
        migrations.RunSQL(
            "ALTER TABLE billing_invoicepenalty SET (fillfactor = 50)",
            "ALTER TABLE billing_invoicepenalty RESET (fillfactor)",
        ),
        migrations.AddField(
            model_name="invoicepenalty",
            name="rates_version",
            field=models.PositiveBigIntegerField(
                default=0,
                help_text="Calculées avec les taux tels qu'ils étaient à cette version.",
                verbose_name="version des tables de taux",
            ),
        ),
        migrations.AlterField(
            model_name="invoicepenalty",
            name="waived_by",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="abandonnées par",
            ),
        ),
    ]
