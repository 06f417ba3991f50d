"""The staff group of KYC reviewers and the permissions its work needs, no more."""

from django.db import migrations

KYC_GROUP = "Vérification KYC"
# (model, codename, name): custom permissions are created here because Django creates
# permissions only after every migration has run.
PERMISSIONS = [
    ("kycsubmission", "review_kyc", "Peut vérifier les dossiers KYC et lire leurs pièces"),
    ("kycsubmission", "view_kycsubmission", "Can view dossier KYC soumis"),
    ("kycdocument", "view_kycdocument", "Can view pièce KYC"),
    ("company", "view_company", "Can view entreprise cliente"),
    ("deliveryaddress", "view_deliveryaddress", "Can view adresse de livraison"),
    ("membership", "view_membership", "Can view utilisateur d'une entreprise"),
]


def create_group(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=KYC_GROUP)
    for model, codename, name in PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(app_label="accounts", model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        group.permissions.add(permission)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=KYC_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_company_kyc"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
