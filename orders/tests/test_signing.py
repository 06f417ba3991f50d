"""The "Bon pour accord": evidence, order formation, the payment gate, and every refusal
of the issue's list of bad inputs (races are in test_concurrency.py)."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.db import DatabaseError, transaction
from pypdf import PdfReader

from accounts.models import CompanyCommercialSettings, CompanyStatus, Role
from accounts.tests.factories import MembershipFactory
from core.audit import audit_history
from core.documents import document_path, document_read
from core.errors import BusinessError
from orders.models import HoldCode, Order, OrderStatus, QuoteSignature, QuoteStatus
from orders.selectors import company_credit_exposure, quote_verify
from orders.services import quote_issue, quote_revise, quote_sign, run_expire_quotes
from orders.services.signature_image import MAX_BYTES
from orders.tests.factories import (
    company_with_people,
    data_url,
    deliver_outbox,
    grant_deferred_terms,
    issued_quote,
    paris,
    product,
    sales_user,
    sign_kwargs,
    signature_png,
)

pytestmark = pytest.mark.django_db


def pdf_text(doc) -> str:
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(document_read(doc))).pages)


@pytest.fixture
def world(terms):
    company, signatory, buyer, admin = company_with_people()
    sales = sales_user()
    screen = product(reference="ECR-24", designation="Écran 24 pouces", stock_on_hand=5)
    quote = issued_quote(company=company, user=sales, lines=[(screen, 2)])
    return {
        "company": company,
        "signatory": signatory,
        "buyer": buyer,
        "admin": admin,
        "sales": sales,
        "screen": screen,
        "quote": quote,
    }


def refused(code, **kwargs):
    with pytest.raises(BusinessError) as error:
        quote_sign(**kwargs)
    assert error.value.code == code, error.value
    return error.value


def test_signing_forms_the_order_with_evidence(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    quote, signatory = world["quote"], world["signatory"]
    with django_capture_on_commit_callbacks(execute=True):
        order = quote_sign(**sign_kwargs(quote, signatory))
    assert deliver_outbox() == {"sent": 3, "failed": 0}  # the signed PDF, two e-mails
    quote.refresh_from_db()
    assert quote.status == QuoteStatus.SIGNED
    # Evidence.
    evidence = QuoteSignature.objects.get(quote=quote)
    assert evidence.signer == signatory
    assert (evidence.signer_name, evidence.signer_title) == ("Sandrine Signe", "Gérante")
    assert evidence.signed_at == paris(2026, 3, 10, 15, 0)
    assert evidence.ip_address == "203.0.113.7"
    assert evidence.user_agent == "Mozilla/5.0 (test)"
    assert evidence.terms == quote.terms and evidence.terms_version == quote.terms.version
    assert evidence.payment_method == "transfer"
    assert evidence.content_sha256 == quote.content_sha256
    assert evidence.shown_pdf_sha256 == quote.pdf.sha256
    assert evidence.company_name == world["company"].legal_name
    assert document_read(evidence.signature_image) == signature_png()
    assert evidence.signature_image_sha256 == evidence.signature_image.sha256
    assert evidence.signed_pdf_sha256 == evidence.signed_pdf.sha256
    assert evidence.signed_pdf_sha256 != quote.pdf.sha256
    text = pdf_text(evidence.signed_pdf)
    for expected in (
        "Bon pour accord",
        "Sandrine Signe",
        "Gérante",
        "10/03/2026 à 15:00:00",
        world["company"].legal_name,
        "virement bancaire",
        quote.content_sha256,
        "DEV-2026-000001",
    ):
        assert expected in text, expected
    # The signature image is in the signed PDF.
    page_images = [
        image
        for page in PdfReader(io.BytesIO(document_read(evidence.signed_pdf))).pages
        for image in page.images
    ]
    assert page_images
    # The order: lines copied, terms pinned, stock reserved, prepayment -> awaiting payment.
    assert order.quote == quote and order.company == world["company"]
    assert order.number == "CMD-2026-000001"
    assert order.status == OrderStatus.AWAITING_PAYMENT
    assert order.terms == quote.terms
    assert order.payment_method == "transfer"
    assert (order.total_ht, order.total_ttc) == (quote.total_ht, quote.total_ttc)
    lines = list(order.lines.order_by("position"))
    assert [
        (line.kind, line.reference, line.quantity, line.unit_price_ht, line.vat_rate)
        for line in lines
    ] == [
        ("goods", "ECR-24", 2, Decimal("100.00"), Decimal("20.00")),
        ("shipping", "", 1, Decimal("10.00"), Decimal("20.00")),
    ]
    assert (lines[0].quantity_reserved, lines[0].quantity_backordered) == (2, 0)
    world["screen"].refresh_from_db()
    assert world["screen"].stock_reserved == 2
    world["company"].refresh_from_db()
    assert world["company"].last_order_on == date(2026, 3, 10)
    assert [e.to_state for e in audit_history(order)] == ["awaiting_payment"]
    assert "signed" in [e.to_state for e in audit_history(quote)]
    # Acknowledgement of receipt to the signer and the buyers, sent after commit by workers.
    order.refresh_from_db()
    assert order.acknowledged_at is not None
    ack = [m for m in mailoutbox if "Accusé de réception" in m.subject]
    assert sorted(m.to[0] for m in ack) == sorted([signatory.email, world["buyer"].email])
    assert "CMD-2026-000001" in ack[0].subject
    # Both hashes verify.
    verification = quote_verify(quote=quote)
    assert verification.ok and len(verification.checks) == 5


def test_acknowledgement_in_the_users_language(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    world["signatory"].language = "en"
    world["signatory"].save()
    with django_capture_on_commit_callbacks(execute=True):
        quote_sign(**sign_kwargs(world["quote"], world["signatory"]))
    deliver_outbox()
    ack = next(m for m in mailoutbox if m.to == [world["signatory"].email] and "CMD-" in m.subject)
    assert "/en/mes-commandes/CMD-2026-000001/" in ack.body


def test_evidence_is_append_only(world):
    quote_sign(**sign_kwargs(world["quote"], world["signatory"]))
    with pytest.raises(DatabaseError), transaction.atomic():
        QuoteSignature.objects.update(signer_name="Quelqu'un d'autre")
    with pytest.raises(DatabaseError), transaction.atomic():
        QuoteSignature.objects.all().delete()


def test_typed_signature(world):
    order = quote_sign(
        **sign_kwargs(
            world["quote"],
            world["signatory"],
            signature_mode="typed",
            signature_data="",
            typed_signature="S. Signe",
        )
    )
    deliver_outbox()
    evidence = QuoteSignature.objects.get(quote=order.quote)
    assert evidence.signature_image is None and evidence.typed_signature == "S. Signe"
    assert "S. Signe" in pdf_text(evidence.signed_pdf)


def test_verify_detects_an_altered_file(world):
    quote_sign(**sign_kwargs(world["quote"], world["signatory"]))
    deliver_outbox()
    quote = world["quote"]
    quote.refresh_from_db()
    path = document_path(quote.signature.signed_pdf)
    path.chmod(0o640)
    path.write_bytes(path.read_bytes() + b"%tampered")
    verification = quote_verify(quote=quote)
    assert not verification.ok
    assert [check.ok for check in verification.checks] == [True, True, True, True, False]


# --- the issue's bad inputs --------------------------------------------------------------


def test_expired_quote(world):
    quote = world["quote"]
    run_expire_quotes(as_of=date(2026, 3, 26), now=paris(2026, 3, 26, 2, 0))
    quote.refresh_from_db()
    assert quote.status == QuoteStatus.EXPIRED
    refused("quote_expired", **sign_kwargs(quote, world["signatory"], now=paris(2026, 3, 26, 9, 0)))


def test_validity_boundary_before_the_job_runs(world):
    """Valid until 26/03 00:00 Paris (exclusive): 25/03 23:59 signs, 26/03 00:00 does not."""
    quote = world["quote"]
    refused("quote_expired", **sign_kwargs(quote, world["signatory"], now=paris(2026, 3, 26, 0, 0)))
    order = quote_sign(**sign_kwargs(quote, world["signatory"], now=paris(2026, 3, 25, 23, 59)))
    assert order.placed_at == paris(2026, 3, 25, 23, 59)


def test_superseded_quote(world):
    revision = quote_revise(quote=world["quote"], user=world["sales"])
    quote_issue(quote=revision, user=world["sales"], now=paris(2026, 3, 10, 14, 30))
    world["quote"].refresh_from_db()
    refused("quote_superseded", **sign_kwargs(world["quote"], world["signatory"]))


def test_already_signed_quote(world):
    quote_sign(**sign_kwargs(world["quote"], world["signatory"]))
    other_signatory = MembershipFactory(company=world["company"], roles=[Role.SIGNATORY]).user
    world["quote"].refresh_from_db()
    refused("quote_already_signed", **sign_kwargs(world["quote"], other_signatory))
    assert Order.objects.count() == 1


def test_signatory_of_another_company(world):
    _other, stranger, *_rest = company_with_people(legal_name="AUTRE SOCIETE")
    refused("quote_not_found", **sign_kwargs(world["quote"], stranger))


def test_user_without_the_signatory_role(world):
    for user in (world["buyer"], world["admin"]):
        refused("signer_not_signatory", **sign_kwargs(world["quote"], user))


def test_staff_without_a_company(world):
    refused("quote_not_found", **sign_kwargs(world["quote"], world["sales"]))


@pytest.mark.parametrize("status", [CompanyStatus.SUBMITTED, CompanyStatus.DORMANT])
def test_company_that_may_not_order(world, status):
    from orders.models import Quote

    type(world["company"]).objects.filter(pk=world["company"].pk).update(status=status)
    error = refused("company_may_not_order", **sign_kwargs(world["quote"], world["signatory"]))
    assert "Commandes" in error.message
    assert Quote.objects.get(pk=world["quote"].pk).status == QuoteStatus.ISSUED


def test_company_past_its_dormancy_date(world):
    # Approved 15/01/2026, no order: dormant from 15/01/2027 even before the nightly job.
    quote = issued_quote(
        company=world["company"],
        user=world["sales"],
        lines=[(world["screen"], 1)],
        now=paris(2027, 1, 14, 10, 0),
    )
    refused(
        "company_may_not_order",
        **sign_kwargs(quote, world["signatory"], now=paris(2027, 1, 15, 9, 0)),
    )


def test_tampered_content_hash(world):
    refused(
        "quote_changed", **sign_kwargs(world["quote"], world["signatory"], content_sha256="0" * 64)
    )
    refused("quote_changed", **sign_kwargs(world["quote"], world["signatory"], pdf_sha256="f" * 64))


def test_tampered_quote_id(world):
    """The id of another quote of the same company with this quote's hash: refused."""
    other = issued_quote(
        company=world["company"], user=world["sales"], lines=[(world["screen"], 1)]
    )
    refused(
        "quote_changed",
        **sign_kwargs(world["quote"], world["signatory"], quote_id=other.pk),
    )
    refused("quote_not_found", **sign_kwargs(world["quote"], world["signatory"], quote_id=999_999))
    assert Order.objects.count() == 0


def test_payment_method_not_allowed(world):
    refused(
        "payment_method_not_allowed",
        **sign_kwargs(world["quote"], world["signatory"], payment_method="lcr"),
    )
    refused(
        "payment_method_not_allowed",
        **sign_kwargs(world["quote"], world["signatory"], payment_method="cash"),
    )
    # Withdrawn by staff after the quote was issued.
    CompanyCommercialSettings.objects.filter(company=world["company"]).update(
        payment_methods=["card"]
    )
    refused("payment_method_not_allowed", **sign_kwargs(world["quote"], world["signatory"]))
    assert quote_sign(**sign_kwargs(world["quote"], world["signatory"], payment_method="card"))


@pytest.mark.parametrize(
    ("data", "code"),
    [
        ("", "signature_empty"),
        (data_url(signature_png(blank=True)), "signature_blank"),
        ("data:image/jpeg;base64,/9j/4AAQ", "signature_invalid"),
        ("data:image/png;base64,***not base64***", "signature_invalid"),
        (data_url(b"\x89PNG\r\n\x1a\n" + b"\x00" * 100), "signature_invalid"),
        (data_url(b"GIF89a" + b"\x00" * 100), "signature_invalid"),
        ("data:image/png;base64," + "A" * (MAX_BYTES * 2), "signature_too_large"),
    ],
)
def test_bad_signature_images(world, data, code):
    error = refused(code, **sign_kwargs(world["quote"], world["signatory"], signature_data=data))
    assert error.field == "signature_data"
    assert Order.objects.count() == 0


def test_oversized_png_that_decodes(world):
    import os

    from PIL import Image

    noise = Image.frombytes("RGB", (600, 200), os.urandom(600 * 200 * 3))
    out = io.BytesIO()
    noise.save(out, format="PNG")
    assert len(out.getvalue()) > MAX_BYTES
    refused(
        "signature_too_large",
        **sign_kwargs(world["quote"], world["signatory"], signature_data=data_url(out.getvalue())),
    )


def test_huge_dimensions_are_refused(world):
    refused(
        "signature_invalid",
        **sign_kwargs(
            world["quote"],
            world["signatory"],
            signature_data=data_url(signature_png(width=5000, height=200)),
        ),
    )


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"signer_name": "   "}, "signer_name_required"),
        ({"signer_title": ""}, "signer_title_required"),
        ({"accept_terms": False}, "terms_not_accepted"),
        ({"signature_mode": "typed", "typed_signature": ""}, "signature_typed_required"),
        ({"signature_mode": "stamp"}, "signature_mode_invalid"),
        ({"signer_name": "x" * 151}, "signer_name_required_too_long"),
    ],
)
def test_missing_inputs(world, overrides, code):
    refused(code, **sign_kwargs(world["quote"], world["signatory"], **overrides))


# --- payment gate ---------------------------------------------------------------------------


def test_deferred_terms_within_the_credit_limit_confirm_the_order(world):
    # Quote HT 210.00 (2 x 100.00 + 10.00 shipping); limit exactly 210.00: within.
    grant_deferred_terms(world["company"], credit_limit=Decimal("210.00"))
    order = quote_sign(**sign_kwargs(world["quote"], world["signatory"]))
    assert order.status == OrderStatus.CONFIRMED
    assert (order.payment_term, order.deferred_days) == ("deferred", 30)
    assert company_credit_exposure(company=world["company"]) == Decimal("210.00")


def test_order_over_the_credit_limit_is_held_with_the_reason(world):
    grant_deferred_terms(world["company"], credit_limit=Decimal("300.00"))
    first = quote_sign(**sign_kwargs(world["quote"], world["signatory"]))
    assert first.status == OrderStatus.CONFIRMED
    second_quote = issued_quote(
        company=world["company"], user=world["sales"], lines=[(world["screen"], 1)]
    )
    # Exposure 210.00 + 100.00 + 15.00 shipping = 325.00 > 300.00.
    second = quote_sign(**sign_kwargs(second_quote, world["signatory"]))
    assert second.status == OrderStatus.ON_HOLD
    assert second.hold_code == HoldCode.CREDIT_LIMIT
    assert second.hold_detail == (
        "Encours en cours : 210,00\u00a0€ HT ; cette commande : 115,00\u00a0€ HT ; "
        "encours autorisé : 300,00\u00a0€ HT."
    )
    # A held order does not count in the exposure.
    assert company_credit_exposure(company=world["company"]) == Decimal("210.00")


def test_prepayment_required_overrides_deferred_terms(world):
    grant_deferred_terms(
        world["company"], credit_limit=Decimal("10000.00"), prepayment_required=True
    )
    order = quote_sign(**sign_kwargs(world["quote"], world["signatory"]))
    assert order.status == OrderStatus.AWAITING_PAYMENT
    assert order.payment_term == "cash_at_order"


def test_delivery_suspension_holds_the_order(world):
    CompanyCommercialSettings.objects.filter(company=world["company"]).update(
        delivery_suspended=True, delivery_suspension_reason="Impayé de la facture FA-2026-000012"
    )
    order = quote_sign(**sign_kwargs(world["quote"], world["signatory"]))
    assert order.status == OrderStatus.ON_HOLD
    assert order.hold_code == HoldCode.DELIVERY_SUSPENDED
    assert order.hold_detail == "Impayé de la facture FA-2026-000012"
    assert order.hold_label == "Livraisons suspendues"


def test_short_stock_backorders_the_line(world):
    world["screen"].stock_on_hand = 1
    world["screen"].save()
    order = quote_sign(**sign_kwargs(world["quote"], world["signatory"]))
    line = order.lines.get(kind="goods")
    assert (line.quantity, line.quantity_reserved, line.quantity_backordered) == (2, 1, 1)
    assert line.is_backordered
    world["screen"].refresh_from_db()
    assert (world["screen"].stock_on_hand, world["screen"].stock_reserved) == (1, 1)
