"""Customers brought by a seller's previous system with their open invoices (opening balances).

Known by their SIREN (France) or enterprise number (Belgium) only: created as a draft marked
`imported`, "KYC to complete", so no order is accepted before staff complete the file.
"""

from __future__ import annotations

from django.db import transaction

from accounts.identifiers import enterprise_number_check, siren_check
from accounts.models import Company, CompanyCommercialSettings, CompanyCountry, CompanyStatus


def company_get_or_create_imported(
    *, country: str, identifier: str, legal_name: str
) -> tuple[Company, bool]:
    """The company with this SIREN / enterprise number (and whether it was just created).

    Created as an imported draft when unknown.

    Raises BusinessError (`siren_*`, `enterprise_number_*`) for an invalid identifier and
    ValueError for a country other than FR or BE (the import checks it first).
    """
    if country == CompanyCountry.FRANCE:
        lookup = {"siren": siren_check(identifier)}
    elif country == CompanyCountry.BELGIUM:
        lookup = {"enterprise_number": enterprise_number_check(identifier)}
    else:
        raise ValueError(f"Imported customers are French or Belgian, not {country!r}.")
    with transaction.atomic():
        company, created = Company.objects.get_or_create(
            **lookup,
            defaults={
                "legal_name": legal_name.strip(),
                "country": country,
                "billing_country": country,
                "status": CompanyStatus.DRAFT,
                "imported": True,
            },
        )
        if created:
            CompanyCommercialSettings.objects.create(company=company)
    return company, created
