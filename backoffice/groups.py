"""The staff groups and the permissions each one's work needs, no more.

`STAFF_GROUPS` is the single list: giving a group a model's permissions is one line
(`grant("billing.invoice", "view")`) plus a migration that calls `staff_groups_sync` once
the model exists (see backoffice/migrations). Sync only adds: permissions an
administrator granted by hand stay. Group names that the apps use for notifications are
theirs (orders.emails, accounts.services.staff) and imported here.
"""

from __future__ import annotations

from django.apps import apps as global_apps
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.services.staff import KYC_GROUP
from orders.emails import SALES_GROUP

WAREHOUSE = "Entrepôt"
AFTER_SALES = "SAV"
ACCOUNTING = "Comptabilité"
ADMINISTRATORS = "Administrateurs"

DEFAULT_ACTIONS = ("view", "add", "change", "delete")


def grant(model_label: str, *actions: str) -> list[tuple[str, str, str]]:
    """(app label, model, codename) for each action: a default action ("view", "add",
    "change", "delete") of the model, or the codename of one of its own permissions."""
    app_label, model = model_label.split(".")
    return [
        (app_label, model, f"{action}_{model}" if action in DEFAULT_ACTIONS else action)
        for action in actions
    ]


def _readers(*model_labels: str) -> list[tuple[str, str, str]]:
    return [permission for label in model_labels for permission in grant(label, "view")]


# The legal and ECB rate tables that late-payment penalties read, kept by accounting.
RATE_TABLES_KEPT = [
    *grant("billing.frenchlegalrate", "view", "add", "change"),
    *grant("billing.belgiancommercialrate", "view", "add", "change"),
    *grant("billing.ecbrefinancingrate", "view", "add", "change"),
]

CUSTOMERS = ("accounts.company", "accounts.deliveryaddress", "accounts.membership")

# Issued invoices and credit notes: read-only for everyone (billing.admin adds nothing).
INVOICES = (
    "billing.invoice",
    "billing.invoiceline",
    "billing.invoicesettlement",
    "billing.creditnote",
    "billing.creditnoteline",
)

# Late payment (docs/rules/late-payment.md): accounting acts on penalties, keeps the reminder
# schedule and imports opening balances; the rest is computed by the daily jobs.
LATE_PAYMENT = [
    *grant("billing.invoicepenalty", "view", "manage_penalties", "import_open_items"),
    *grant("billing.dunningstep", *DEFAULT_ACTIONS),
    *_readers("billing.companyarrears", "billing.dunningnotice", "billing.openingpayment"),
]

STAFF_GROUPS: dict[str, list[tuple[str, str, str]]] = {
    SALES_GROUP: [
        *grant("orders.quote", "view", "add", "change", "issue_quote"),
        *grant("orders.quoteline", "view", "add", "change", "delete"),
        *_readers("orders.quotesignature", "orders.order", "orders.orderline"),
        *_readers("shop.quoterequest", "shop.quoterequestline", "shop.product"),
        *_readers("shop.category", "shop.brand"),
        *_readers(*CUSTOMERS, "accounts.companycommercialsettings"),
    ],
    KYC_GROUP: [
        *grant("accounts.kycsubmission", "view", "review_kyc"),
        *_readers("accounts.kycdocument", *CUSTOMERS),
    ],
    WAREHOUSE: [
        *_readers("orders.order", "orders.orderline", "shop.product"),
        *_readers(*CUSTOMERS),
    ],
    AFTER_SALES: [
        *_readers("orders.order", "orders.orderline", "orders.quotesignature", "shop.product"),
        *_readers(*CUSTOMERS),
        # returns: decide on requests, record parcels, carry out outcomes (returns.admin)
        *grant("returns.returnrequest", "view", "handle_returns"),
        *_readers("returns.returnline", "returns.returnphoto"),
    ],
    ACCOUNTING: [
        *grant(
            "accounts.companycommercialsettings",
            "view",
            "change",
            "manage_commercial_settings",
        ),
        *grant("accounts.financialreview", "view", "add"),
        *RATE_TABLES_KEPT,
        *LATE_PAYMENT,
        *_readers(*INVOICES),
        # period archives with the FEC (billing.admin_exports)
        *grant("billing.accountingexport", "view", "add"),
        *_readers("orders.order", "orders.orderline", "orders.quote", "shop.exchangerate"),
        *_readers(*CUSTOMERS),
    ],
    ADMINISTRATORS: [
        *grant("accounts.user", *DEFAULT_ACTIONS),
        *grant("auth.group", *DEFAULT_ACTIONS),
        *grant("shop.seller", "view", "add", "change"),
        *grant("shop.terms", "view", "add", "change"),
        *grant("shop.shippingrate", *DEFAULT_ACTIONS),
        *grant("shop.exchangerate", *DEFAULT_ACTIONS),
        *grant("shop.product", *DEFAULT_ACTIONS),
        *grant("shop.category", *DEFAULT_ACTIONS),
        *grant("shop.brand", *DEFAULT_ACTIONS),
        *RATE_TABLES_KEPT,
        *_readers("core.auditevent", "core.outboxmessage", "core.jobrun", "pghistory.events"),
        *_readers("axes.accessattempt", "axes.accessfailurelog", "axes.accesslog"),
        *grant("axes.accessattempt", "delete"),
        # A member of staff who lost their phone: remove the device, they enrol again.
        *grant("otp_totp.totpdevice", "view", "delete"),
        *grant("otp_static.staticdevice", "view", "delete"),
        *grant("django_otp_webauthn.webauthncredential", "view", "delete"),
        *grant("django_celery_beat.periodictask", *DEFAULT_ACTIONS),
        *_readers(
            "django_celery_beat.crontabschedule",
            "django_celery_beat.intervalschedule",
            "django_celery_beat.clockedschedule",
            "django_celery_beat.solarschedule",
        ),
        *_readers(*CUSTOMERS, "accounts.kycsubmission", "accounts.kycdocument"),
        *_readers("accounts.companycommercialsettings", "accounts.financialreview"),
        *_readers("orders.quote", "orders.order", "orders.quotesignature", "shop.quoterequest"),
        *_readers(*INVOICES),
    ],
}

# --- order lifecycle (orders): the warehouse prepares, ships and records deliveries; sales
# hold, release, cancel and close; after-sales read the complaints.
SHIPMENTS_AND_COMPLAINTS = (
    "orders.shipment",
    "orders.shipmentline",
    "orders.complaint",
    "orders.replacement",  # free replacements after a return: the warehouse ships them
)
STAFF_GROUPS[WAREHOUSE] += [
    *grant("orders.order", "prepare_order"),
    *_readers(*SHIPMENTS_AND_COMPLAINTS),
]
STAFF_GROUPS[SALES_GROUP] += [
    *grant("orders.order", "manage_order"),
    *_readers(*SHIPMENTS_AND_COMPLAINTS),
]
STAFF_GROUPS[AFTER_SALES] += [
    *_readers(*SHIPMENTS_AND_COMPLAINTS, "orders.complaintphoto"),
    *grant("orders.complaint", "handle_complaint"),
]

# Payments (billing.admin_payments): accounting records cheques and transfers, imports bank
# statements and confirms the proposed matches (the list's action).
STAFF_GROUPS[ACCOUNTING] += [
    *grant("billing.payment", "view", "add"),
    *grant("billing.bankstatement", "view", "add"),
    *_readers("billing.bankstatementline", "billing.paymentallocation"),
]

# Customers' own data: support staff see the portal as a customer user (read-only; acting
# for the customer is granted to administrators only); KYC reviewers and administrators
# correct a company's identity (backoffice.impersonation, accounts.services.company_data).
IMPERSONATE = grant("accounts.membership", "impersonate_member")
STAFF_GROUPS[SALES_GROUP] += IMPERSONATE
STAFF_GROUPS[AFTER_SALES] += IMPERSONATE
STAFF_GROUPS[KYC_GROUP] += grant("accounts.company", "correct_identity")
STAFF_GROUPS[ADMINISTRATORS] += [
    *grant("accounts.membership", "impersonate_member", "act_as_member"),
    *grant("accounts.company", "correct_identity"),
]

GROUP_DESCRIPTIONS = {
    SALES_GROUP: _("Ventes : demandes de devis, devis, commandes"),
    KYC_GROUP: _("KYC : vérification des dossiers des entreprises"),
    WAREHOUSE: _("Entrepôt : préparation et expédition des commandes"),
    AFTER_SALES: _("SAV : réclamations et retours"),
    ACCOUNTING: _("Comptabilité : factures, paiements, conditions commerciales"),
    ADMINISTRATORS: _("Administration : personnel, vendeur, CGV, sections techniques"),
}


def _permission_name(model, codename: str) -> str:
    """The name Django would give the permission (its own for custom ones)."""
    for custom_codename, name in model._meta.permissions:
        if custom_codename == codename:
            return str(name)
    action = codename.split("_", 1)[0]
    return f"Can {action} {model._meta.verbose_name_raw}"[:255]


def staff_groups_sync(apps) -> None:
    """Create the groups and give each the permissions of `STAFF_GROUPS` whose model exists
    in `apps` (a migration's historical apps, or `django.apps.apps`). Permissions are
    created when missing: Django creates them only after every migration has run."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    for group_name, permissions in STAFF_GROUPS.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        granted = []
        for app_label, model_name, codename in permissions:
            try:
                model = apps.get_model(app_label, model_name)
            except LookupError:
                continue  # the model lands later: a later migration syncs again
            content_type, _created = ContentType.objects.get_or_create(
                app_label=app_label, model=model_name
            )
            permission, _created = Permission.objects.get_or_create(
                content_type=content_type,
                codename=codename,
                defaults={"name": _permission_name(model, codename)},
            )
            granted.append(permission)
        group.permissions.add(*granted)


def staff_groups_ensure() -> None:
    """The groups as a new database has them, after a flush (transactional tests) or to
    repair groups edited by hand. Idempotent."""
    with transaction.atomic():
        staff_groups_sync(global_apps)
