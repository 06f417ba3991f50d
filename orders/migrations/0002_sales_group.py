"""The staff group of sales people and the permissions its work needs, no more.

Sales prepare, issue and revise quotes (lines priced by the engine), follow the pipeline
and the orders formed by signatures; they read quote requests, products and customer
companies (with their commercial settings) but change none of them.
"""

from django.db import migrations

SALES_GROUP = "Service commercial"
# (app, model, codename, name): created here because Django creates permissions only
# after every migration has run.
PERMISSIONS = [
    ("orders", "quote", "add_quote", "Can add devis"),
    ("orders", "quote", "change_quote", "Can change devis"),
    ("orders", "quote", "view_quote", "Can view devis"),
    ("orders", "quote", "issue_quote", "Peut émettre, réviser et abandonner des devis"),
    ("orders", "quoteline", "add_quoteline", "Can add ligne de devis"),
    ("orders", "quoteline", "change_quoteline", "Can change ligne de devis"),
    ("orders", "quoteline", "delete_quoteline", "Can delete ligne de devis"),
    ("orders", "quoteline", "view_quoteline", "Can view ligne de devis"),
    ("orders", "quotesignature", "view_quotesignature", "Can view bon pour accord (preuve)"),
    ("orders", "order", "view_order", "Can view commande"),
    ("orders", "orderline", "view_orderline", "Can view ligne de commande"),
    ("shop", "quoterequest", "view_quoterequest", "Can view demande de devis"),
    ("shop", "quoterequestline", "view_quoterequestline", "Can view ligne de demande de devis"),
    ("shop", "product", "view_product", "Can view produit"),
    ("accounts", "company", "view_company", "Can view entreprise cliente"),
    ("accounts", "deliveryaddress", "view_deliveryaddress", "Can view adresse de livraison"),
    ("accounts", "membership", "view_membership", "Can view utilisateur d'une entreprise"),
    (
        "accounts",
        "companycommercialsettings",
        "view_companycommercialsettings",
        "Can view conditions commerciales",
    ),
]


def create_group(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    group, _ = Group.objects.get_or_create(name=SALES_GROUP)
    for app_label, model, codename, name in PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        group.permissions.add(permission)


def remove_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=SALES_GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("orders", "0001_initial"),
        ("shop", "0004_catalogue"),
        ("accounts", "0003_kyc_review_group"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, remove_group)]
