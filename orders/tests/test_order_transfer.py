"""Transfer instructions on the order page, in the acknowledgement e-mail and on the
quote PDF: the seller's IBAN and BIC, the amount, the reference (Belgian structured
communication for a Belgian seller) and an EPC QR code that decodes to them."""

from __future__ import annotations

import io
import re
from decimal import Decimal

import pytest
from django.core import mail
from pypdf import PdfReader

from billing.tests.qr import epc_decode
from core.documents import document_read
from orders.selectors import order_transfer_instructions
from orders.tests.factories import deliver_outbox
from orders.tests.payments import card_order
from shop.models import Seller

pytestmark = pytest.mark.django_db

BE_IBAN = "BE68539007547034"


@pytest.fixture
def belgian_seller(terms):
    Seller.objects.update(
        country="BE",
        iban=BE_IBAN,
        bic="BPOTBEB1",
        legal_name="BELTECH SRL",
        enterprise_number="0899384295",
        vat_number="BE0899384295",
        rpm_court="Anvers, division Anvers",
    )


def _structured(number: str) -> str:
    """Written out by hand for the first order of 2026 (CMD-2026-000001): kind 1, year
    026, sequence 000001 → base 1026000001 = 97 × 10577319 (= 1025999943) + 58."""
    assert number == "CMD-2026-000001"
    return "+++102/6000/00158+++"


def test_a_belgian_sellers_order_shows_the_structured_communication_and_its_qr_code(
    client, belgian_seller
):
    order, signatory = card_order(method="transfer")
    client.force_login(signatory)
    page = client.get(f"/mes-commandes/{order.number}/").content.decode()
    assert 'id="transfer-instructions"' in page
    assert "BE68 5390 0754 7034" in page and "BPOTBEB1" in page
    assert _structured(order.number) in page
    # 2 × 100,00 + 10,00 shipping = 210,00 HT; a French company with its VAT number buying
    # from a Belgian seller: intra-EU reverse charge, no VAT → 210,00 due.
    assert order.total_ttc == Decimal("210.00")
    assert "210,00" in page
    assert re.search(r'<img src="data:image/svg\+xml;base64,[^"]+"[^>]*id="transfer-qr"', page)
    decoded = epc_decode(order_transfer_instructions(order=order).qr_png())
    assert (decoded["iban"], decoded["bic"], decoded["name"]) == (
        BE_IBAN,
        "BPOTBEB1",
        "BELTECH SRL",
    )
    assert decoded["amount"] == Decimal("210.00")
    assert decoded["structured"] == _structured(order.number).strip("+").replace("/", "")


def test_a_french_sellers_order_quotes_the_order_number(client, terms):
    Seller.objects.update(iban="FR7630006000011234567890189", bic="AGRIFRPP")
    order, signatory = card_order(method="transfer")
    client.force_login(signatory)
    page = client.get(f"/mes-commandes/{order.number}/").content.decode()
    assert "Référence à indiquer" in page and order.number in page
    assert "+++" not in page


def test_a_card_order_shows_no_transfer_instructions(client, belgian_seller):
    order, signatory = card_order()
    client.force_login(signatory)
    assert (
        'id="transfer-instructions"'
        not in client.get(f"/mes-commandes/{order.number}/").content.decode()
    )


def test_without_the_sellers_iban_the_page_says_to_contact_sales(client, terms):
    Seller.objects.update(iban="")
    order, signatory = card_order(method="transfer")
    client.force_login(signatory)
    page = client.get(f"/mes-commandes/{order.number}/").content.decode()
    assert "contactez notre service commercial" in page


def test_the_acknowledgement_e_mail_carries_the_instructions(belgian_seller):
    order, signatory = card_order(method="transfer")
    assert deliver_outbox()["failed"] == 0
    (message,) = [m for m in mail.outbox if signatory.email in m.to]
    assert "IBAN : BE68 5390 0754 7034" in message.body
    assert "BIC : BPOTBEB1" in message.body
    assert (
        f"Communication structurée (à recopier exactement) : {_structured(order.number)}"
        in message.body
    )


def test_the_quote_pdf_carries_the_instructions_when_transfer_is_offered(belgian_seller):
    order, _signatory = card_order(method="transfer")
    reader = PdfReader(io.BytesIO(document_read(order.quote.pdf)))
    text = " ".join(" ".join(p.extract_text().split()) for p in reader.pages)
    assert "BE68 5390 0754 7034" in text and "BPOTBEB1" in text
    # The quote's own number DEV-2026-000001: base 3026000001 = 97 × 31195876 (= 3025999972) + 29.
    assert "+++302/6000/00129+++" in text
    assert "210,00" in text
