"""The admin index organised by the staff's work, not by the apps that hold the models.

A model is placed by its label (`SECTIONS`), else by its app (`APP_SECTIONS`); anything
else is technical. Technical models (login attempts, field-history events, Celery beat
schedules, outbox, job runs, audit rows) are shown to administrators only.
Labels of models that do not exist yet are simply skipped.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from backoffice.groups import ADMINISTRATORS

TECHNICAL = "technique"


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    # (model label in lower case, name shown instead of the model's own, or "")
    models: tuple[tuple[str, str], ...]


SECTIONS: tuple[Section, ...] = (
    Section(
        "ventes",
        _("Ventes"),
        (
            ("shop.quoterequest", ""),
            ("orders.quote", ""),
            ("orders.order", ""),
            ("orders.quotesignature", ""),
            ("accounts.company", ""),
            ("shop.product", ""),
            ("shop.category", ""),
            ("shop.brand", ""),
        ),
    ),
    Section(
        "kyc",
        _("KYC"),
        (
            ("accounts.kycsubmission", ""),
            ("accounts.company", ""),
        ),
    ),
    Section(
        "entrepot",
        _("Entrepôt"),
        (
            ("orders.order", ""),
            ("orders.shipment", ""),
            ("shop.product", ""),
        ),
    ),
    Section(
        "sav",
        _("SAV"),
        (
            ("returns.returnrequest", ""),
            ("orders.complaint", ""),
            ("orders.order", ""),
            ("accounts.company", ""),
        ),
    ),
    Section(
        "comptabilite",
        _("Comptabilité"),
        (
            ("accounts.companycommercialsettings", ""),
            ("accounts.financialreview", ""),
            ("shop.exchangerate", ""),
            ("billing.invoice", ""),
            ("billing.creditnote", ""),
            ("billing.accountingexport", ""),
            ("billing.frenchlegalrate", ""),
            ("billing.belgiancommercialrate", ""),
            ("billing.ecbrefinancingrate", ""),
        ),
    ),
    Section(
        "administration",
        _("Administration"),
        (
            ("accounts.user", ""),
            ("auth.group", _("Groupes du personnel")),
            ("shop.seller", _("Vendeur (identité)")),
            ("shop.terms", ""),
            ("shop.shippingrate", ""),
        ),
    ),
    Section(
        TECHNICAL,
        _("Technique (administrateurs)"),
        (
            ("core.auditevent", _("Journal des changements d'état")),
            ("pghistory.events", _("Historique des champs")),
            ("core.outboxmessage", _("Messages à envoyer (outbox)")),
            ("core.jobrun", _("Exécutions des tâches quotidiennes")),
            ("django_celery_beat.periodictask", _("Tâches planifiées")),
            ("django_celery_beat.crontabschedule", _("Planification : horaires cron")),
            ("django_celery_beat.intervalschedule", _("Planification : intervalles")),
            ("django_celery_beat.clockedschedule", _("Planification : dates fixes")),
            ("django_celery_beat.solarschedule", _("Planification : évènements solaires")),
            ("otp_totp.totpdevice", _("Seconds facteurs : applications d'authentification")),
            ("otp_static.staticdevice", _("Seconds facteurs : codes de secours")),
            ("django_otp_webauthn.webauthncredential", _("Seconds facteurs : clés d'accès")),
            ("axes.accessattempt", _("Tentatives de connexion")),
            ("axes.accessfailurelog", _("Échecs de connexion")),
            ("axes.accesslog", _("Journal des connexions")),
        ),
    ),
)

# Where a model not named above goes, by its app: a model added by an app later appears
# in its team's section without a change here.
APP_SECTIONS = {
    "shop": "ventes",
    "accounts": "kyc",
    "orders": "ventes",
    "billing": "comptabilite",
    "returns": "sav",
}


def section_of_app(app_label: str) -> str:
    return APP_SECTIONS.get(app_label, TECHNICAL)


def is_administrator(user) -> bool:
    """Superusers and members of the administrators group see the technical sections."""
    return bool(
        user.is_active
        and user.is_staff
        and (user.is_superuser or user.groups.filter(name=ADMINISTRATORS).exists())
    )


def sections_build(app_list: list[dict], *, administrator: bool) -> list[dict]:
    """Regroup Django's app list (one dict per app, with its models the user may see) into
    the work sections, in their order; empty sections are left out."""
    models_by_label = {
        f"{app['app_label']}.{entry['object_name'].lower()}": entry
        for app in app_list
        for entry in app["models"]
    }
    placed: set[str] = set()
    sections: list[dict] = []
    for section in SECTIONS:
        if section.key == TECHNICAL and not administrator:
            continue
        entries = []
        for label, name in section.models:
            entry = models_by_label.get(label)
            if entry is None:
                continue
            entries.append({**entry, "name": name} if name else entry)
            placed.add(label)
        sections.append({"key": section.key, "name": section.title, "models": entries})
    by_key = {section["key"]: section for section in sections}
    for label, entry in models_by_label.items():
        if label in placed:
            continue
        section_entry = by_key.get(section_of_app(label.split(".")[0]))
        if section_entry is not None:
            section_entry["models"].append(entry)
    return [
        {
            "name": section["name"],
            "app_label": section["key"],
            "app_url": "",
            "has_module_perms": True,
            "models": section["models"],
        }
        for section in sections
        if section["models"]
    ]
