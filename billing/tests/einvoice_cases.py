"""One issued document of each kind the e-invoice checks cover (shared by the tests)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from accounts.models import DeliveryAddress
from accounts.tests.factories import CompanyFactory
from billing.models import CreditNoteCause, InvoiceKind, LineKind
from billing.services.credit_notes import credit_note_issue
from billing.services.invoices import invoice_issue
from billing.tests.factories import ACTOR, company_on_deferred_term, line
from shop.models import Terms


def _address(company, **fields) -> DeliveryAddress:
    address = company.delivery_addresses.get()
    for name, value in fields.items():
        setattr(address, name, value)
    address.save()
    return address


def french_cases(terms: Terms) -> dict:
    """Every kind of invoice of a French seller, and a credit note."""
    domestic = company_on_deferred_term(days=30, legal_name="ALPHA INFORMATIQUE")
    belgian = CompanyFactory(
        approved=True,
        legal_name="BRUXELLES BUREAU",
        country="BE",
        siren="",
        siret="",
        enterprise_number="0403019261",
        vat_number="BE0403019261",
        billing_line1="Rue de la Loi 16",
        billing_postal_code="1000",
        billing_city="Bruxelles",
        billing_country="BE",
    )
    swiss = CompanyFactory(approved=True, legal_name="GENÈVE SYSTÈMES")
    overseas = CompanyFactory(approved=True, legal_name="MARTINIQUE NUMÉRIQUE")
    cases = {}
    cases["domestic_multi_rate"] = invoice_issue(
        company=domestic,
        terms=terms,
        actor=ACTOR,
        order_reference="CMD-2026-000001",
        delivery_address=domestic.delivery_addresses.get(),
        delivery_date=date(2026, 3, 9),
        lines=[
            line("499.90", quantity=2, reference="PC-01", designation="Poste de travail"),
            line("19.99", rate="5.50", reference="LIV-01", designation="Manuel imprimé"),
            line(
                "0.42",
                quantity=2,
                reference="ECO",
                designation="Éco-participation",
                kind=LineKind.ECO_FEE,
            ),
            line("12.00", reference="PORT", designation="Frais de port", kind=LineKind.SHIPPING),
            line("15.00", reference="LCR", designation="Frais de LCR rejetée", kind=LineKind.FEE),
        ],
    )
    cases["reverse_charge"] = invoice_issue(
        company=belgian,
        terms=terms,
        actor=ACTOR,
        delivery_address=_address(belgian, country="BE", postal_code="1000", city="Bruxelles"),
        lines=[line("1200.00", reference="SRV-01", designation="Serveur rack 1U")],
    )
    cases["export"] = invoice_issue(
        company=swiss,
        terms=terms,
        actor=ACTOR,
        delivery_address=_address(swiss, country="CH", postal_code="1201", city="Genève"),
        lines=[line("850.00", reference="NAS-4", designation="Serveur de stockage 4 baies")],
    )
    cases["dom"] = invoice_issue(
        company=overseas,
        terms=terms,
        actor=ACTOR,
        delivery_address=_address(overseas, postal_code="97200", city="Fort-de-France"),
        lines=[line("300.00", reference="ECR-27", designation="Écran 27 pouces")],
    )
    cases["services_only"] = invoice_issue(
        company=domestic,
        terms=terms,
        actor=ACTOR,
        lines=[
            line(
                "75.00",
                quantity=3,
                reference="INST",
                designation="Installation sur site (heure)",
                kind=LineKind.SERVICE,
            ),
        ],
    )
    cases["goods_and_services"] = invoice_issue(
        company=domestic,
        terms=terms,
        actor=ACTOR,
        lines=[
            line(
                "899.00",
                reference="PC-02",
                designation="Portable 14 pouces",
                serial_numbers=("SN-A1", "SN-A2"),
            ),
            line(
                "60.00",
                reference="CONF",
                designation="Configuration et déploiement",
                kind=LineKind.SERVICE,
            ),
        ],
    )
    cases["partial_shipment"] = invoice_issue(
        company=domestic,
        terms=terms,
        actor=ACTOR,
        order_reference="CMD-2026-000002",
        delivery_date=date(2026, 3, 10),
        lines=[line("45.00", quantity=4, reference="CLV-01", designation="Clavier (4 sur 10)")],
    )
    cases["fee"] = invoice_issue(
        company=domestic,
        terms=terms,
        actor=ACTOR,
        kind=InvoiceKind.FEE,
        order_reference="CMD-2026-000003",
        lines=[line("35.00", reference="ANN", designation="Frais d'annulation", kind=LineKind.FEE)],
    )
    cases["penalty"] = invoice_issue(
        company=domestic,
        terms=terms,
        actor=ACTOR,
        kind=InvoiceKind.PENALTY,
        lines=[
            line(
                "40.00",
                rate="0.00",
                reference="IFR",
                kind=LineKind.PENALTY,
                designation="Indemnité forfaitaire pour frais de recouvrement",
            ),
            line(
                "12.34",
                rate="0.00",
                reference="PEN",
                kind=LineKind.PENALTY,
                designation="Pénalités de retard, facture FA-2026-000001",
            ),
        ],
    )
    cases["credit_note"] = credit_note_issue(
        company=domestic,
        terms=terms,
        invoice=cases["domestic_multi_rate"],
        reason="Retour d'un poste de travail",
        actor=ACTOR,
        lines=[line("499.90", reference="PC-01", designation="Poste de travail (retour)")],
    )
    cases["gesture_credit_note"] = credit_note_issue(
        company=company_on_deferred_term(days=30, legal_name="GAMMA SERVICES"),
        terms=terms,
        reason="Geste commercial : retard de livraison",
        actor=ACTOR,
        cause=CreditNoteCause.GESTURE,
        lines=[line("50.00", reference="GESTE", designation="Geste commercial")],
    )
    return cases


def belgian_cases(terms: Terms) -> dict:
    """A Belgian seller's domestic invoice (21 %) and its credit note."""
    company = CompanyFactory(
        approved=True,
        legal_name="GAND HARDWARE",
        country="BE",
        siren="",
        siret="",
        enterprise_number="0417497106",
        vat_number="BE0417497106",
        billing_line1="Veldstraat 1",
        billing_postal_code="9000",
        billing_city="Gent",
        billing_country="BE",
    )
    address = _address(company, country="BE", postal_code="9000", city="Gent")
    invoice = invoice_issue(
        company=company,
        terms=terms,
        actor=ACTOR,
        delivery_address=address,
        order_reference="CMD-2026-000009",
        lines=[
            line("249.00", rate="21.00", reference="SW-24", designation="Switch 24 ports"),
            line(
                "9.50",
                rate="21.00",
                reference="PORT",
                designation="Frais de port",
                kind=LineKind.SHIPPING,
            ),
        ],
    )
    note = credit_note_issue(
        company=company,
        terms=terms,
        invoice=invoice,
        reason="Geste commercial",
        actor=ACTOR,
        lines=[line("20.00", rate="21.00", reference="GESTE", designation="Geste commercial")],
    )
    gesture = credit_note_issue(
        company=company,
        terms=terms,
        reason="Geste commercial sans facture corrigée",
        actor=ACTOR,
        lines=[line("30.00", rate="21.00", reference="GESTE", designation="Geste commercial")],
    )
    return {"be_invoice": invoice, "be_credit_note": note, "be_gesture_credit_note": gesture}


TOTAL_PLACES = Decimal("0.01")


def belgian_more_cases(terms: Terms) -> dict:
    """A Belgian seller's intra-EU sale to a French company, and a penalty invoice."""
    french = CompanyFactory(approved=True, legal_name="LILLE RÉSEAUX")
    address = _address(french, country="FR", postal_code="59000", city="Lille")
    return {
        "be_reverse_charge": invoice_issue(
            company=french,
            terms=terms,
            actor=ACTOR,
            delivery_address=address,
            lines=[line("640.00", rate="21.00", reference="AP-6", designation="Borne Wi-Fi 6")],
        ),
        "be_penalty": invoice_issue(
            company=french,
            terms=terms,
            actor=ACTOR,
            kind=InvoiceKind.PENALTY,
            lines=[
                line(
                    "96.00",
                    rate="0.00",
                    reference="ENC",
                    kind=LineKind.PENALTY,
                    designation="Frais d'encaissement (15 %)",
                ),
            ],
        ),
    }
