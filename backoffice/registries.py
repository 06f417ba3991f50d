"""Links from a company's identifiers to the official registries, for the KYC reviewer:
the French company directory (SIREN, from INSEE and the RCS), the Belgian Crossroads Bank
for Enterprises (enterprise number), the EU VIES VAT check, and Infogreffe, where a Kbis
extract's verification code is checked. Read-only links: nothing is sent automatically."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from django.utils.translation import gettext as _

from accounts.models import Company

VIES_URL = "https://ec.europa.eu/taxation_customs/vies/#/vat-validation"
INFOGREFFE_URL = "https://www.infogreffe.fr/"


@dataclass(frozen=True)
class RegistryLink:
    identifier: str
    label: str
    url: str


def company_registry_links(company: Company) -> list[RegistryLink]:
    links = []
    if company.siren:
        links.append(
            RegistryLink(
                company.siren,
                _("Annuaire des entreprises (INSEE, RCS)"),
                f"https://annuaire-entreprises.data.gouv.fr/entreprise/{company.siren}",
            )
        )
        links.append(
            RegistryLink(
                company.siren,
                _("Infogreffe : vérifier l'extrait Kbis avec son code de vérification"),
                INFOGREFFE_URL,
            )
        )
    if company.enterprise_number:
        query = urlencode({"nummer": company.enterprise_number, "actionLu": "Recherche"})
        links.append(
            RegistryLink(
                company.enterprise_number,
                _("Banque-Carrefour des Entreprises (BCE)"),
                f"https://kbopub.economie.fgov.be/kbopub/zoeknummerform.html?{query}",
            )
        )
    if company.vat_number:
        links.append(
            RegistryLink(company.vat_number, _("VIES : validité du numéro de TVA"), VIES_URL)
        )
    return links
