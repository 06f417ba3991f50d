"""The staff group of accountants: reads invoices, credit notes and settlements, no more."""

from django.db import migrations

ACCOUNTING_GROUP = "Comptabilité"
# (model, codename, name): created here because Django creates permissions only after
# every migration has run.
PERMISSIONS = [
    ("invoice", "view_invoice", "Can view facture"),
    ("invoiceline", "view_invoiceline", "Can view ligne de facture"),
    ("invoicesettlement", "view_invoicesettlement", "Can view règlement de facture"),
    ("creditnote", "view_creditnote", "Can view avoir"),
    ("creditnoteline", "view_creditnoteline", "Can view ligne d'avoir"),
]


def create_group(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=ACCOUNTING_GROUP)
    for model, codename, name in PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(app_label="billing", model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        group.permissions.add(permission)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=ACCOUNTING_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("billing", "0004_invoices_credit_notes"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
