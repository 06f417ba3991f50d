"""The invoice PDF shows every legal mention (text extracted from the stored PDF)."""

import io
import re

import pytest
import time_machine
from pypdf import PdfReader

from billing.services.credit_notes import credit_note_issue
from billing.services.invoices import invoice_issue
from billing.services.pdf import document_pdf_ensure
from billing.tests.einvoice_cases import french_cases
from billing.tests.factories import ACTOR, company_on_deferred_term, line, published_terms
from core.documents import document_read
from shop.models import Seller

pytestmark = pytest.mark.django_db


def pdf_text(document) -> str:
    reader = PdfReader(io.BytesIO(document_read(document_pdf_ensure(document=document))))
    text = " ".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", text.replace("\u202f", " ").replace("\u00a0", " "))


@pytest.fixture
def cases():
    with time_machine.travel("2026-03-10 10:00 +01:00", tick=False):
        yield french_cases(published_terms(credit_note_validity_months=12))


def test_a_domestic_invoice_prints_every_mention(cases):
    invoice = cases["domestic_multi_rate"]
    text = pdf_text(invoice)
    seller = Seller.objects.get()
    company = invoice.company
    expected = [
        # seller identity (C. com. R.123-237/238, CGI 242 nonies A)
        "ATELIER NUMÉRIQUE",
        "SAS",
        "au capital de 10 000,00 €",
        f"SIREN {seller.siren}",
        "RCS Lyon",
        f"N° TVA {seller.vat_number}",
        "12 rue de la République, 69002 Lyon",
        # buyer identity, its SIREN (2026 reform), billing and delivery addresses
        "ALPHA INFORMATIQUE",
        f"SIREN {company.siren}",
        f"N° TVA {company.vat_number}",
        "10 rue de la Paix",
        "75002 Paris",
        "1 quai de Jemmapes",
        "75010 Paris",
        # number, dates, order reference
        "Facture",
        "Numéro : FA-2026-000001",
        "Date : 10/03/2026",
        "Date de livraison : 09/03/2026",
        "Commande : CMD-2026-000001",
        # lines: reference, designation, quantity, unit price HT, VAT rate, total
        "PC-01 Poste de travail 2 499,90 € 20 % 999,80 €",
        "LIV-01 Manuel imprimé 1 19,99 € 5,50 % 19,99 €",
        "ECO Éco-participation 2 0,42 € 20 % 0,84 €",
        "PORT Frais de port 1 12,00 € 20 % 12,00 €",
        "LCR Frais de LCR rejetée 1 15,00 € 20 % 15,00 €",
        # totals per rate: 999.80 + 0.84 + 12.00 + 15.00 = 1027.64 at 20 % -> 205.528 -> 205.53
        # 19.99 at 5.5 % -> 1.09945 -> 1.10; TTC 1047.63 + 206.63 = 1254.26
        "Base HT 20 % 1 027,64 €",
        "TVA 20 % 205,53 €",
        "Base HT 5,50 % 19,99 €",
        "TVA 5,50 % 1,10 €",
        "Total HT 1 047,63 €",
        "Total TVA 206,63 €",
        "Total TTC à payer 1 254,26 €",
        # due date in full, payment terms and methods, bank details, transfer reference
        "Date d'échéance : 9 avril 2026",
        "Paiement à 30 jours à compter de la date de facture : échéance le 9 avril 2026.",
        "Moyens de paiement : carte bancaire, virement bancaire.",
        f"IBAN {seller.iban}",
        f"BIC {seller.bic}",
        "Référence à indiquer : FA-2026-000001",
        # late penalties in words and figures: ECB rate on 1 January 2026 (2.15) + 10 = 12.15
        "majoré de dix points",
        "soit 12,15 % l'an",
        # fixed recovery indemnity, no discount, retention of title, nature of operation
        "Indemnité forfaitaire pour frais de recouvrement",
        "40,00 €",
        "D441-5",
        "Pas d'escompte pour paiement anticipé.",
        "Clause de réserve de propriété",
        "Nature de l'opération : Livraison de biens et prestation de services",
        "Factur-X",
    ]
    missing = [mention for mention in expected if mention not in text]
    assert missing == [], text


@pytest.mark.parametrize(
    ("kind", "wordings"),
    [
        ("reverse_charge", ["Autoliquidation", "article 262 ter I du CGI", "BE0403019261"]),
        ("export", ["Exonération de TVA, article 262 I du CGI", "1201 Genève (CH)"]),
        ("dom", ["Exonération de TVA en application de l'article 294 du CGI", "97200"]),
        ("services_only", ["Nature de l'opération : Prestation de services"]),
        ("partial_shipment", ["Clavier (4 sur 10)", "Commande : CMD-2026-000002"]),
        (
            "penalty",
            [
                "Hors champ d'application de la TVA",
                "Nature de l'opération : Indemnités et pénalités de retard",
                "40,00 € Hors champ 40,00 €",  # the indemnity line, outside VAT
            ],
        ),
        ("goods_and_services", ["N° de série : SN-A1, SN-A2"]),
    ],
)
def test_vat_wording_and_nature_per_kind(cases, kind, wordings):
    text = pdf_text(cases[kind])
    assert [wording for wording in wordings if wording not in text] == []


def test_a_credit_note_prints_the_corrected_invoice_and_its_validity(cases):
    note = cases["credit_note"]
    text = pdf_text(note)
    # issued 10 March 2026, valid 12 months: until 10 March 2027 inclusive
    for mention in (
        "Avoir",
        "Numéro : AV-2026-000001",
        "Facture corrigée : FA-2026-000001",
        "Motif de l'avoir : Retour d'un poste de travail",
        "jusqu'au 10 mars 2027 inclus",
        "ni remboursable ni imputable",
        "Total TTC de l'avoir 599,88 €",  # 499.90 + 20 % (99.98)
    ):
        assert mention in text, mention


def test_a_global_credit_note_prints_no_corrected_invoice(cases):
    text = pdf_text(cases["gesture_credit_note"])
    assert "Numéro : AV-2026-000002" in text
    assert "Facture corrigée" not in text
    assert "Total TTC de l'avoir 60,00 €" in text  # 50.00 + 20 % (10.00)


@pytest.mark.parametrize(
    ("language", "bilingual"),
    [
        ("fr", []),
        (
            "en",
            [
                "Facture / Invoice",
                "Date d'échéance / Due date : 9 avril 2026",
                "Référence / Reference",
                "Désignation / Designation",
                "Total TTC à payer / Total incl. VAT to pay 1 200,00 €",  # 1000 + 20 %
                "Moyens de paiement / Payment methods",
                "Avoir / Credit note",
                "Total TTC de l'avoir / Credit note total incl. VAT 120,00 €",  # 100 + 20 %
            ],
        ),
        (
            "nl",
            [
                "Facture / Factuur",
                "Date d'échéance / Vervaldatum : 9 avril 2026",
                "Désignation / Omschrijving",
                "Total TTC à payer / Te betalen incl. btw 1 200,00 €",
                "Avoir / Creditnota",
                "Motif de l'avoir / Reden van de creditnota : Geste commercial",
            ],
        ),
    ],
)
@time_machine.travel("2026-03-10 10:00 +01:00", tick=False)
def test_labels_are_french_with_the_customers_language_beside_them(language, bilingual):
    terms = published_terms()
    company = company_on_deferred_term(days=30, language=language)
    invoice = invoice_issue(
        company=company, terms=terms, actor=ACTOR, lines=[line("1000.00", reference="PC-9")]
    )
    note = credit_note_issue(
        company=company,
        terms=terms,
        invoice=invoice,
        reason="Geste commercial",
        actor=ACTOR,
        lines=[line("100.00", reference="GESTE")],
    )
    text = pdf_text(invoice) + " " + pdf_text(note)
    # French always: the contract language, and every legal text stays French only
    for french in (
        "Date d'échéance",
        "Paiement à 30 jours à compter de la date de facture : échéance le 9 avril 2026.",
        "Pas d'escompte pour paiement anticipé.",
    ):
        assert french in text
    assert [label for label in bilingual if label not in text] == []
    if language == "fr":  # no second language at all
        assert [word for word in ("/ Invoice", "/ Due date", "/ Factuur") if word in text] == []
