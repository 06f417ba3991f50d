"""Addresses of invoices and credit notes stored as records.

Lines of text become records (name, line1, line2, postal code, city, country): the
e-invoice needs the postcode and the city apart. The content trigger depends on the
columns: it is dropped for the change and created again.
"""

import pgtrigger.compiler
import pgtrigger.migrations
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("billing", "0004_invoices_credit_notes")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                pgtrigger.migrations.RemoveTrigger(
                    model_name="invoice", name="invoice_content_frozen"
                ),
                pgtrigger.migrations.RemoveTrigger(
                    model_name="creditnote", name="creditnote_content_frozen"
                ),
                migrations.RunSQL(
                    [
                        "ALTER TABLE billing_invoice ALTER COLUMN billing_address TYPE jsonb USING to_jsonb(billing_address)",
                        "ALTER TABLE billing_invoice ALTER COLUMN delivery_address TYPE jsonb USING to_jsonb(delivery_address)",
                        "ALTER TABLE billing_creditnote ALTER COLUMN billing_address TYPE jsonb USING to_jsonb(billing_address)",
                        "ALTER TABLE billing_creditnote ALTER COLUMN delivery_address TYPE jsonb USING to_jsonb(delivery_address)",
                    ],
                    migrations.RunSQL.noop,
                ),
                pgtrigger.migrations.AddTrigger(
                    model_name="invoice",
                    trigger=pgtrigger.compiler.Trigger(
                        name="invoice_content_frozen",
                        sql=pgtrigger.compiler.UpsertTriggerSql(
                            condition='WHEN (OLD."number" IS DISTINCT FROM (NEW."number") OR OLD."company_id" IS DISTINCT FROM (NEW."company_id") OR OLD."terms_id" IS DISTINCT FROM (NEW."terms_id") OR OLD."issue_date" IS DISTINCT FROM (NEW."issue_date") OR OLD."order_reference" IS DISTINCT FROM (NEW."order_reference") OR OLD."vat_regime" IS DISTINCT FROM (NEW."vat_regime") OR OLD."total_ht" IS DISTINCT FROM (NEW."total_ht") OR OLD."total_vat" IS DISTINCT FROM (NEW."total_vat") OR OLD."total_ttc" IS DISTINCT FROM (NEW."total_ttc") OR OLD."seller" IS DISTINCT FROM (NEW."seller") OR OLD."buyer_name" IS DISTINCT FROM (NEW."buyer_name") OR OLD."buyer_siren" IS DISTINCT FROM (NEW."buyer_siren") OR OLD."buyer_enterprise_number" IS DISTINCT FROM (NEW."buyer_enterprise_number") OR OLD."buyer_vat_number" IS DISTINCT FROM (NEW."buyer_vat_number") OR OLD."buyer_country" IS DISTINCT FROM (NEW."buyer_country") OR OLD."billing_address" IS DISTINCT FROM (NEW."billing_address") OR OLD."delivery_address" IS DISTINCT FROM (NEW."delivery_address") OR OLD."delivery_country" IS DISTINCT FROM (NEW."delivery_country") OR OLD."issued_at" IS DISTINCT FROM (NEW."issued_at") OR OLD."issued_by" IS DISTINCT FROM (NEW."issued_by") OR OLD."kind" IS DISTINCT FROM (NEW."kind") OR OLD."imported" IS DISTINCT FROM (NEW."imported") OR OLD."delivery_date" IS DISTINCT FROM (NEW."delivery_date") OR OLD."original_due_date" IS DISTINCT FROM (NEW."original_due_date") OR OLD."payment_term_days" IS DISTINCT FROM (NEW."payment_term_days") OR OLD."payment_term_start" IS DISTINCT FROM (NEW."payment_term_start") OR OLD."payment_methods" IS DISTINCT FROM (NEW."payment_methods"))',
                            func="RAISE EXCEPTION 'pgtrigger: Cannot update rows from % table', TG_TABLE_NAME;",
                            hash="5036990ef8ba6cceee7e2f574c9d34eee45add7c",
                            operation="UPDATE",
                            pgid="pgtrigger_invoice_content_frozen_c7b8d",
                            table="billing_invoice",
                            when="BEFORE",
                        ),
                    ),
                ),
                pgtrigger.migrations.AddTrigger(
                    model_name="creditnote",
                    trigger=pgtrigger.compiler.Trigger(
                        name="creditnote_content_frozen",
                        sql=pgtrigger.compiler.UpsertTriggerSql(
                            condition='WHEN (OLD."number" IS DISTINCT FROM (NEW."number") OR OLD."company_id" IS DISTINCT FROM (NEW."company_id") OR OLD."terms_id" IS DISTINCT FROM (NEW."terms_id") OR OLD."issue_date" IS DISTINCT FROM (NEW."issue_date") OR OLD."order_reference" IS DISTINCT FROM (NEW."order_reference") OR OLD."vat_regime" IS DISTINCT FROM (NEW."vat_regime") OR OLD."total_ht" IS DISTINCT FROM (NEW."total_ht") OR OLD."total_vat" IS DISTINCT FROM (NEW."total_vat") OR OLD."total_ttc" IS DISTINCT FROM (NEW."total_ttc") OR OLD."seller" IS DISTINCT FROM (NEW."seller") OR OLD."buyer_name" IS DISTINCT FROM (NEW."buyer_name") OR OLD."buyer_siren" IS DISTINCT FROM (NEW."buyer_siren") OR OLD."buyer_enterprise_number" IS DISTINCT FROM (NEW."buyer_enterprise_number") OR OLD."buyer_vat_number" IS DISTINCT FROM (NEW."buyer_vat_number") OR OLD."buyer_country" IS DISTINCT FROM (NEW."buyer_country") OR OLD."billing_address" IS DISTINCT FROM (NEW."billing_address") OR OLD."delivery_address" IS DISTINCT FROM (NEW."delivery_address") OR OLD."delivery_country" IS DISTINCT FROM (NEW."delivery_country") OR OLD."issued_at" IS DISTINCT FROM (NEW."issued_at") OR OLD."issued_by" IS DISTINCT FROM (NEW."issued_by") OR OLD."invoice_id" IS DISTINCT FROM (NEW."invoice_id") OR OLD."invoice_number" IS DISTINCT FROM (NEW."invoice_number") OR OLD."cause" IS DISTINCT FROM (NEW."cause") OR OLD."reason" IS DISTINCT FROM (NEW."reason") OR OLD."expires_on" IS DISTINCT FROM (NEW."expires_on"))',
                            func="RAISE EXCEPTION 'pgtrigger: Cannot update rows from % table', TG_TABLE_NAME;",
                            hash="3762f6130c20f9c4d3259bf1f2088f9298d45534",
                            operation="UPDATE",
                            pgid="pgtrigger_creditnote_content_frozen_c4437",
                            table="billing_creditnote",
                            when="BEFORE",
                        ),
                    ),
                ),
            ],
            state_operations=[
                migrations.AlterField(
                    model_name="creditnote",
                    name="billing_address",
                    field=models.JSONField(default=dict, verbose_name="adresse de facturation"),
                ),
                migrations.AlterField(
                    model_name="creditnote",
                    name="delivery_address",
                    field=models.JSONField(
                        blank=True, default=dict, verbose_name="adresse de livraison"
                    ),
                ),
                migrations.AlterField(
                    model_name="invoice",
                    name="billing_address",
                    field=models.JSONField(default=dict, verbose_name="adresse de facturation"),
                ),
                migrations.AlterField(
                    model_name="invoice",
                    name="delivery_address",
                    field=models.JSONField(
                        blank=True, default=dict, verbose_name="adresse de livraison"
                    ),
                ),
            ],
        )
    ]
