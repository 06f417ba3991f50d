"""The staff groups (sales, KYC review, warehouse, after-sales, accounting, administrators)
with the permissions of `backoffice.groups.STAFF_GROUPS` whose models exist here.

A model that lands later gets its permissions from a later migration of this app that
depends on the model's migration and runs the same sync.
"""

from django.db import migrations

from backoffice.groups import staff_groups_sync


def sync(apps, schema_editor):
    staff_groups_sync(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("core", "0003_outboxmessage"),
        ("shop", "0011_seller_terms_bump_catalogue_version"),
        ("accounts", "0005_kyc_document_erased_at"),
        ("orders", "0005_signed_pdf_after_commit"),
        ("billing", "0002_seed_rate_tables"),
        ("axes", "0010_accessattemptexpiration"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
        ("pghistory", "0007_auto_20250421_0444"),
    ]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
