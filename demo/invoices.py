"""Demo invoices: one of every kind and a credit note, issued through the real services,
so a visitor (and `accounting_export`) sees them at once. Idempotent."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from accounts.models import Company, CompanyStatus, DeliveryAddress
from billing.models import Invoice, InvoiceKind, LineKind
from billing.services.credit_notes import credit_note_issue
from billing.services.invoices import InvoiceLineInput, invoice_issue
from core.audit import Actor
from core.calendar import localdate
from shop.models import STANDARD_VAT_RATE
from shop.selectors import seller_get_required, terms_in_force

BELGIAN_CUSTOMER = "BRUXELLES DÉMO"
ACTOR = Actor.of_job("demo.load_demo")


def _line(reference, designation, price, rate, quantity=1, kind=LineKind.GOODS, serials=()):
    return InvoiceLineInput(
        reference=reference,
        designation=designation,
        quantity=quantity,
        unit_price_ht=Decimal(price),
        vat_rate=Decimal(rate),
        kind=kind,
        serial_numbers=tuple(serials),
    )


def _address(company: Company, label: str, line1: str, postal_code: str, city: str, country):
    address, _created = DeliveryAddress.objects.get_or_create(
        company=company,
        label=label,
        defaults={"line1": line1, "postal_code": postal_code, "city": city, "country": country},
    )
    return address


def _belgian_customer(approved_on) -> Company:
    company, _created = Company.objects.get_or_create(
        legal_name=BELGIAN_CUSTOMER,
        defaults={
            "legal_form": "SRL",
            "country": "BE",
            "enterprise_number": "0403019261",
            "vat_number": "BE0403019261",
            "billing_line1": "Rue de la Loi 16",
            "billing_postal_code": "1000",
            "billing_city": "Bruxelles",
            "billing_country": "BE",
            "status": CompanyStatus.APPROVED,
            "approved_on": approved_on,
        },
    )
    return company


def demo_invoices_load(*, company: Company) -> int:
    """Issue the demo documents for `company` (nothing when it has invoices already)."""
    if Invoice.objects.filter(company=company).exists():
        return 0
    seller = seller_get_required()
    today = localdate(timezone.now())
    terms = terms_in_force(seller=seller, on=today)
    assert terms is not None  # the preset was just loaded
    rate = str(STANDARD_VAT_RATE[seller.country])
    main = company.delivery_addresses.order_by("pk").first()
    belgian = _belgian_customer(company.approved_on or today)
    documents = []

    def issue(customer=company, address=main, **kwargs) -> Invoice:
        kwargs.setdefault("delivery_date", today)  # delivered today (001: term from delivery)
        invoice = invoice_issue(
            company=customer, terms=terms, actor=ACTOR, delivery_address=address, **kwargs
        )
        documents.append(invoice)
        return invoice

    first = issue(
        order_reference="CMD-DEMO-0001",
        lines=[
            _line("PC-PRO-01", "Poste de travail professionnel", "899.00", rate, 2),
            _line("LIV-RES", "Guide des réseaux (livre)", "29.90", "5.50"),
            _line("ECO", "Éco-participation", "0.84", rate, 2, LineKind.ECO_FEE),
            _line("PORT", "Frais de port", "15.00", rate, kind=LineKind.SHIPPING),
        ],
    )
    issue(
        order_reference="CMD-DEMO-0002",
        lines=[_line("ECR-27", "Écran 27 pouces (3 sur 5 livrés)", "249.00", rate, 3)],
    )
    issue(
        lines=[_line("INST", "Installation sur site (heure)", "75.00", rate, 2, LineKind.SERVICE)]
    )
    issue(
        lines=[
            _line("NB-14", "Portable 14 pouces", "1099.00", rate, serials=("DEMO-SN-001",)),
            _line("CONF", "Configuration et déploiement", "60.00", rate, kind=LineKind.SERVICE),
        ]
    )
    issue(
        kind=InvoiceKind.FEE,
        order_reference="CMD-DEMO-0003",
        lines=[_line("ANN", "Frais d'annulation de commande", "35.00", rate, kind=LineKind.FEE)],
    )
    issue(
        kind=InvoiceKind.PENALTY,
        lines=[
            _line(
                "IFR",
                "Indemnité forfaitaire pour frais de recouvrement",
                "40.00",
                "0",
                kind=LineKind.PENALTY,
            ),
        ],
    )
    geneva = _address(company, "Filiale Genève", "Rue du Rhône 10", "1204", "Genève", "CH")
    issue(address=geneva, lines=[_line("NAS-4", "Serveur de stockage 4 baies", "850.00", rate)])
    martinique = _address(
        company,
        "Agence Martinique",
        "Boulevard du Général de Gaulle",
        "97200",
        "Fort-de-France",
        "FR",
    )
    issue(address=martinique, lines=[_line("ECR-24", "Écran 24 pouces", "179.00", rate)])
    brussels = _address(belgian, "Siège", "Rue de la Loi 16", "1000", "Bruxelles", "BE")
    issue(
        customer=belgian,
        address=brussels,
        lines=[_line("SRV-1U", "Serveur rack 1U", "1200.00", rate)],
    )
    credit_note_issue(
        company=company,
        terms=terms,
        invoice=first,
        reason="Retour d'un poste de travail (démonstration)",
        actor=ACTOR,
        lines=[_line("PC-PRO-01", "Poste de travail professionnel (retour)", "899.00", rate)],
    )
    return len(documents) + 1
