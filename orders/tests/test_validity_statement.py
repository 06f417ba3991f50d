"""The e-mail, the portal and the PDF state a quote's validity end in the same words:
"jusqu'au 14/12/2026 inclus" for a period in days (the stored end is midnight of the
15th, exclusive), "jusqu'au 14/12/2026 à 15:30" for a period in hours."""

import io
from html import unescape

import pytest
import time_machine
from django.urls import reverse
from pypdf import PdfReader

from core.documents import document_read
from orders.presentation import validity_text
from orders.tests.factories import company_with_people, issued_quote, paris, product, sales_user
from orders.tests.factories import terms_004 as make_terms

pytestmark = pytest.mark.django_db


def pdf_text(doc) -> str:
    reader = PdfReader(io.BytesIO(document_read(doc)))
    return "\n".join(page.extract_text() for page in reader.pages)


def statements(client, quote, signatory, mailoutbox) -> dict:
    client.force_login(signatory)
    with time_machine.travel(quote.issued_at, tick=False):
        page = client.get(
            reverse(
                "orders:quote_detail", kwargs={"number": quote.number, "version": quote.version}
            )
        )
    assert page.status_code == 200
    return {
        "mail": next(m.body for m in mailoutbox if m.to == [signatory.email]),
        "site": " ".join(unescape(page.content.decode()).split()),
        "pdf": " ".join(pdf_text(quote.pdf).split()),
    }


@pytest.mark.parametrize(
    ("terms_values", "issued_at", "expected"),
    [
        # 15 days from Sunday 29/11 10:00: end of day 14/12, stored as 15/12 00:00 Paris.
        ({}, paris(2026, 11, 29, 10, 0), "jusqu'au 14/12/2026 inclus"),
        # 72 hours from Friday 11/12 15:30: Monday 14/12 15:30 exactly.
        (
            {"quote_validity_value": 72, "quote_validity_unit": "hours"},
            paris(2026, 12, 11, 15, 30),
            "jusqu'au 14/12/2026 à 15:30",
        ),
    ],
)
def test_mail_site_and_pdf_state_the_validity_end_the_same_way(
    client, mailoutbox, django_capture_on_commit_callbacks, terms_values, issued_at, expected
):
    make_terms(**terms_values)
    company, signatory, _buyer, _admin = company_with_people()
    with django_capture_on_commit_callbacks(execute=True):
        quote = issued_quote(
            company=company, user=sales_user(), lines=[(product(), 1)], now=issued_at
        )
    assert validity_text(quote.valid_until) == expected
    for where, text in statements(client, quote, signatory, mailoutbox).items():
        assert expected in text, where
        assert "00:00" not in text, where


def test_the_mail_states_it_in_the_recipients_language(
    mailoutbox, django_capture_on_commit_callbacks
):
    make_terms()
    company, signatory, _buyer, _admin = company_with_people()
    signatory.language = "en"
    signatory.save(update_fields=["language"])
    with django_capture_on_commit_callbacks(execute=True):
        issued_quote(
            company=company,
            user=sales_user(),
            lines=[(product(), 1)],
            now=paris(2026, 11, 29, 10),
        )
    body = next(m.body for m in mailoutbox if m.to == [signatory.email])
    assert "until 14/12/2026 inclusive" in body
