"""Administrators may remove a colleague's lost second factor (who then enrols again)."""

from django.db import migrations

from backoffice.groups import staff_groups_sync


def sync(apps, schema_editor):
    staff_groups_sync(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("backoffice", "0004_late_payment"),
        ("otp_totp", "0003_add_timestamps"),
        ("otp_static", "0003_add_timestamps"),
        ("django_otp_webauthn", "0004_webauthnuserhandle"),
    ]

    operations = [migrations.RunPython(sync, migrations.RunPython.noop)]
