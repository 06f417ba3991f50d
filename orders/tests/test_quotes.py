"""Sales' quotes: drafts priced by the engine, issuing (number, validity, canonical content
and its hash, PDF with its hash, e-mail), the content frozen once issued, revisions."""

import io
import json
from decimal import Decimal

import pytest
from django.db import DatabaseError, transaction
from pypdf import PdfReader

from core.audit import audit_history
from core.documents import document_read
from core.errors import BusinessError
from orders.content import canonical_dumps, content_sha256
from orders.models import LineKind, Quote, QuoteLine, QuoteStatus
from orders.services import (
    LineSpec,
    quote_create_from_request,
    quote_draft_cancel,
    quote_draft_lines_set,
    quote_draft_update,
    quote_issue,
    quote_revise,
    quote_sign,
)
from orders.tests.factories import (
    NOW,
    company_quote_request,
    company_with_people,
    draft_quote,
    issued_quote,
    paris,
    product,
    sales_user,
    sign_kwargs,
)
from shop.models import QuoteRequestLine, QuoteRequestStatus

pytestmark = pytest.mark.django_db


def pdf_text(doc) -> str:
    reader = PdfReader(io.BytesIO(document_read(doc)))
    return "\n".join(page.extract_text() for page in reader.pages)


@pytest.fixture
def world(terms):
    company, signatory, buyer, admin = company_with_people()
    return {
        "company": company,
        "signatory": signatory,
        "buyer": buyer,
        "admin": admin,
        "sales": sales_user(),
        "screen": product(
            reference="ECR-24", designation="Écran 24 pouces", price_ht=Decimal("76.00")
        ),
        "cable": product(
            reference="CAB-6", designation="Câble RJ45", price_ht=Decimal("1.00"), pack_multiple=6
        ),
    }


def test_a_draft_is_priced_by_the_engine(world):
    quote = draft_quote(
        company=world["company"],
        user=world["sales"],
        lines=[(world["screen"], 2), (world["cable"], 6)],
    )
    # Goods 2 x 76.00 + 6 x 1.00 = 158.00 >= 152.00: shipping 10.00 (004 thresholds).
    # HT 168.00, VAT 20% 33.60, TTC 201.60.
    assert quote.status == QuoteStatus.DRAFT and quote.number == ""
    assert (quote.goods_ht, quote.total_ht, quote.total_vat, quote.total_ttc) == (
        Decimal("158.00"),
        Decimal("168.00"),
        Decimal("33.60"),
        Decimal("201.60"),
    )
    kinds = list(quote.lines.order_by("position").values_list("kind", "line_total_ht"))
    assert kinds == [
        (LineKind.GOODS, Decimal("152.00")),
        (LineKind.GOODS, Decimal("6.00")),
        (LineKind.SHIPPING, Decimal("10.00")),
    ]
    assert [event.to_state for event in audit_history(quote)] == ["draft"]


def test_tiers_and_discount_come_from_the_engine(world):
    from shop.tests.factories_catalogue import QuantityTierFactory

    QuantityTierFactory(product=world["screen"], min_quantity=10, unit_price_ht=Decimal("70.00"))
    quote = draft_quote(
        company=world["company"],
        user=world["sales"],
        lines=[(world["screen"], 10)],
        discount_percent=Decimal("5"),
    )
    line = quote.lines.get(kind=LineKind.GOODS)
    # Tier 70.00, less 5% (3.50) = 66.50; x 10 = 665.00; free shipping from 457.00.
    assert (line.unit_price_ht, line.line_total_ht) == (Decimal("66.50"), Decimal("665.00"))
    assert quote.total_ttc == Decimal("798.00")


def test_draft_lines_and_header_can_be_changed_then_not_after_issue(world):
    quote = draft_quote(company=world["company"], user=world["sales"], lines=[(world["screen"], 1)])
    quote_draft_lines_set(
        quote=quote, user=world["sales"], lines=[LineSpec(quantity=3, product=world["screen"])]
    )
    assert quote.goods_ht == Decimal("228.00")
    quote_draft_update(
        quote=quote,
        user=world["sales"],
        delivery_address=None,
        discount_percent=Decimal("0"),
        shipping_fee_ht=Decimal("0.00"),
        free_text="Livraison offerte.",
    )
    assert quote.total_ht == Decimal("228.00")
    quote_issue(quote=quote, user=world["sales"], now=NOW)
    with pytest.raises(BusinessError) as error:
        quote_draft_lines_set(
            quote=quote, user=world["sales"], lines=[LineSpec(quantity=1, product=world["screen"])]
        )
    assert error.value.code == "quote_not_draft"


@pytest.mark.parametrize(
    ("spec", "code"),
    [
        (LineSpec(quantity=0, product=None), "quote_line_quantity"),
        (LineSpec(quantity=4, product="cable"), "quantity_not_multiple"),
        (LineSpec(quantity=1, reference="X"), "quote_line_special_incomplete"),
        (
            LineSpec(quantity=1, reference="X", designation="Baie", list_price_ht=Decimal("-1")),
            "quote_line_price",
        ),
        (
            LineSpec(
                quantity=1,
                reference="X",
                designation="Baie",
                list_price_ht=Decimal("10"),
                vat_rate=Decimal("21.00"),
            ),
            "quote_line_vat_rate",
        ),
    ],
)
def test_refused_lines(world, spec, code):
    if spec.product == "cable":
        spec = LineSpec(quantity=spec.quantity, product=world["cable"])
    with pytest.raises(BusinessError) as error:
        draft_quote(company=world["company"], user=world["sales"], lines=[spec])
    assert error.value.code == code


def test_inactive_product_is_refused(world):
    world["screen"].is_active = False
    world["screen"].save()
    with pytest.raises(BusinessError) as error:
        draft_quote(company=world["company"], user=world["sales"], lines=[(world["screen"], 1)])
    assert error.value.code == "product_unavailable"


def test_issue_numbers_content_hash_pdf_and_mail(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = issued_quote(
            company=world["company"], user=world["sales"], lines=[(world["screen"], 2)]
        )
        second = issued_quote(
            company=world["company"], user=world["sales"], lines=[(world["cable"], 12)]
        )
    assert (first.number, first.version, first.reference) == (
        "DEV-2026-000001",
        1,
        "DEV-2026-000001",
    )
    assert second.number == "DEV-2026-000002"
    assert first.status == QuoteStatus.ISSUED
    assert first.issued_at == NOW
    assert first.valid_until == paris(2026, 3, 26, 0, 0)  # 15 days: end of 25 March
    # The hash is the SHA-256 of the stored canonical text, which is canonical.
    content = json.loads(first.canonical_content)
    assert canonical_dumps(content) == first.canonical_content
    assert first.content_sha256 == content_sha256(first.canonical_content)
    assert content["quote"]["number"] == "DEV-2026-000001"
    assert content["totals"] == {
        "goods_ht": "152.00",
        "ht": "162.00",
        "vat": "32.40",
        "ttc": "194.40",
        "per_rate": [{"base": "162.00", "rate": "20.00", "vat": "32.40"}],
    }
    assert content["payment_methods"] == ["card", "transfer"]
    assert content["terms"]["version"] == first.terms.version
    assert content["validity"] == {
        "issued_at": "2026-03-10T13:00:00+00:00",
        "valid_until": "2026-03-25T23:00:00+00:00",
        "value": 15,
        "unit": "days",
    }
    # The PDF is stored once with its SHA-256 and says what the content says.
    assert first.pdf.kind == "quote" and len(first.pdf.sha256) == 64
    text = pdf_text(first.pdf)
    for expected in (
        "Devis",
        "DEV-2026-000001",
        "ATELIER NUMÉRIQUE",
        world["company"].legal_name,
        "ECR-24",
        "Écran 24 pouces",
        "152,00",
        "194,40",
        "Base HT à 20 %",
        "jusqu'au 25/03/2026 inclus",
        "carte bancaire, virement bancaire",
        f"version {first.terms.version}",
        f"/cgv/v{first.terms.version}/",
        "Bon pour accord",
    ):
        assert expected in text, expected
    # Mail to the buyers and signatories (not to the administrator-only user), once each.
    recipients = sorted(message.to[0] for message in mailoutbox)
    assert recipients == sorted([world["signatory"].email, world["buyer"].email] * 2)
    assert "DEV-2026-000001" in mailoutbox[0].subject
    assert "/mes-devis/DEV-2026-000001/v1/" in mailoutbox[0].body
    assert sorted(event.to_state for event in audit_history(first)) == ["draft", "issued"]


def test_issued_content_and_lines_are_frozen_in_the_database(world):
    quote = issued_quote(
        company=world["company"], user=world["sales"], lines=[(world["screen"], 1)]
    )
    with pytest.raises(DatabaseError), transaction.atomic():
        Quote.objects.filter(pk=quote.pk).update(canonical_content="{}")
    with pytest.raises(DatabaseError), transaction.atomic():
        Quote.objects.filter(pk=quote.pk).update(total_ttc=Decimal("1.00"))
    with pytest.raises(DatabaseError), transaction.atomic():
        QuoteLine.objects.filter(quote=quote).update(quantity=99)
    with pytest.raises(DatabaseError), transaction.atomic():
        QuoteLine.objects.filter(quote=quote).delete()
    with pytest.raises(DatabaseError), transaction.atomic():
        QuoteLine.objects.create(quote=quote, kind=LineKind.SPECIAL, reference="X", quantity=1)
    with pytest.raises(DatabaseError), transaction.atomic():
        Quote.objects.filter(pk=quote.pk).delete()


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"shipping_fee_mode": "quoted_by_sales"}, "quote_shipping_to_be_quoted"),
        ({"payment_methods": ["cheque"]}, "quote_no_payment_method"),
    ],
)
def test_issue_refusals_from_the_terms(db, overrides, code):
    from orders.tests.factories import terms_004

    terms_004(**overrides)
    company, *_people = company_with_people()
    sales = sales_user()
    quote = draft_quote(company=company, user=sales, lines=[(product(), 1)])
    with pytest.raises(BusinessError) as error:
        quote_issue(quote=quote, user=sales, now=NOW)
    assert error.value.code == code
    quote.refresh_from_db()
    assert quote.status == QuoteStatus.DRAFT and quote.number == ""


def test_shipping_quoted_by_sales_is_accepted_when_entered(db):
    from orders.tests.factories import terms_004

    terms_004(shipping_fee_mode="quoted_by_sales")
    company, *_people = company_with_people()
    sales = sales_user()
    quote = draft_quote(
        company=company, user=sales, lines=[(product(), 1)], shipping_fee_ht=Decimal("25.00")
    )
    quote = quote_issue(quote=quote, user=sales, now=NOW)
    # 100.00 + 25.00 shipping at 20%: HT 125.00, TTC 150.00.
    assert quote.total_ttc == Decimal("150.00")


def test_an_empty_quote_is_not_issued(world):
    quote = draft_quote(company=world["company"], user=world["sales"], lines=[])
    with pytest.raises(BusinessError) as error:
        quote_issue(quote=quote, user=world["sales"], now=NOW)
    assert error.value.code == "quote_empty"


def test_special_order_uses_the_special_offer_validity(db):
    from orders.tests.factories import terms_004

    terms_004(
        quote_validity_value=72,
        quote_validity_unit="hours",
        special_order_offer_validity_value=48,
        special_order_offer_validity_unit="hours",
    )
    company, *_people = company_with_people()
    sales = sales_user()
    standard = issued_quote(company=company, user=sales, lines=[(product(), 1)])
    special = issued_quote(
        company=company,
        user=sales,
        lines=[
            LineSpec(
                quantity=1,
                reference="SPEC-1",
                designation="Serveur sur mesure",
                list_price_ht=Decimal("2000.00"),
                vat_rate=Decimal("20.00"),
            )
        ],
    )
    assert standard.valid_until == paris(2026, 3, 13, 14, 0)
    assert special.is_special_order
    assert special.valid_until == paris(2026, 3, 12, 14, 0)
    assert "Commande spéciale" in pdf_text(special.pdf)


def test_revision_supersedes_the_old_version_when_issued(world):
    sales = world["sales"]
    v1 = issued_quote(company=world["company"], user=sales, lines=[(world["screen"], 1)])
    v2 = quote_revise(quote=v1, user=sales)
    assert (v2.number, v2.version, v2.status) == (v1.number, 2, QuoteStatus.DRAFT)
    with pytest.raises(BusinessError) as error:
        quote_revise(quote=v1, user=sales)
    assert error.value.code == "quote_revision_exists"
    # Until the revision is issued, v1 is still the offer.
    v1.refresh_from_db()
    assert v1.status == QuoteStatus.ISSUED
    quote_draft_lines_set(
        quote=v2, user=sales, lines=[LineSpec(quantity=2, product=world["screen"])]
    )
    v2 = quote_issue(quote=v2, user=sales, now=paris(2026, 3, 11, 9, 0))
    v1.refresh_from_db()
    assert v1.status == QuoteStatus.SUPERSEDED
    assert v2.reference == f"{v1.number} v2"
    assert v2.valid_until == paris(2026, 3, 27, 0, 0)
    assert json.loads(v2.canonical_content)["quote"]["previous_version"] == 1
    assert "version 2" in pdf_text(v2.pdf)
    # The superseded version cannot be signed any more.
    with pytest.raises(BusinessError) as error:
        quote_sign(**sign_kwargs(v1, world["signatory"], now=paris(2026, 3, 11, 10, 0)))
    assert error.value.code == "quote_superseded"


def test_a_revision_cannot_be_issued_once_the_old_version_is_signed(world):
    sales = world["sales"]
    v1 = issued_quote(company=world["company"], user=sales, lines=[(world["screen"], 1)])
    v2 = quote_revise(quote=v1, user=sales)
    quote_sign(**sign_kwargs(v1, world["signatory"]))
    with pytest.raises(BusinessError) as error:
        quote_issue(quote=v2, user=sales, now=paris(2026, 3, 11, 9, 0))
    assert error.value.code == "quote_previous_signed"
    quote_draft_cancel(quote=v2, user=sales)
    v2.refresh_from_db()
    assert v2.status == QuoteStatus.CANCELLED
    with pytest.raises(BusinessError) as error:
        quote_revise(quote=v1, user=sales)
    assert error.value.code == "quote_not_revisable"


def test_quote_from_a_customer_request(world):
    request = company_quote_request(
        company=world["company"],
        buyer=world["buyer"],
        product=world["screen"],
        quantity=2,
        message="Pour notre agence de Lyon",
    )
    QuoteRequestLine.objects.create(
        request=request,
        product=None,
        reference="OLD-1",
        designation="Article retiré",
        quantity=1,
        unit_price_ht=Decimal("10.00"),
        vat_rate=Decimal("20.00"),
        line_total_ht=Decimal("10.00"),
    )
    quote = quote_create_from_request(quote_request=request, user=world["sales"])
    assert quote.company == world["company"]
    assert quote.quote_request == request
    # The customer's message is for sales to read, never a condition of the quote.
    assert quote.free_text == ""
    lines = list(quote.lines.order_by("position").values_list("kind", "reference", "quantity"))
    assert lines[:2] == [(LineKind.GOODS, "ECR-24", 2), (LineKind.SPECIAL, "OLD-1", 1)]
    request.refresh_from_db()
    assert request.status == QuoteRequestStatus.HANDLED


def test_the_customers_message_never_prints_on_the_binding_pdf(world):
    """Only sales write the "Conditions particulières": a customer's wish ("livraison
    avant le 20") copied there would become a contract clause once signed."""
    message = "Merci de livrer avant le 20/03 sans frais de port, sinon pénalité de retard."
    request = company_quote_request(
        company=world["company"],
        buyer=world["buyer"],
        product=world["screen"],
        quantity=1,
        message=message,
    )
    draft = quote_create_from_request(quote_request=request, user=world["sales"])
    issued = quote_issue(quote=draft, user=world["sales"], now=NOW)
    text = " ".join(pdf_text(issued.pdf).split())
    assert "ECR-24" in text
    assert "pénalité" not in text and "avant le 20/03" not in text
    assert "Conditions particulières" not in text
    assert json.loads(issued.canonical_content)["free_text"] == ""


def test_sales_set_a_discount_or_a_net_price_per_line(world):
    """A line discount replaces the quote's discount on its line; a net price is taken as
    is (no tier, no discount); other lines keep the quote's discount. Revisions keep them."""
    dock = product(reference="DOCK-1", designation="Station d'accueil", price_ht=Decimal("100"))
    quote = draft_quote(
        company=world["company"],
        user=world["sales"],
        discount_percent=Decimal("5"),
        lines=[
            LineSpec(quantity=3, product=world["screen"], discount_percent=Decimal("10")),
            LineSpec(quantity=1, product=dock),
            LineSpec(
                quantity=2,
                reference="POSE",
                designation="Pose sur site",
                list_price_ht=Decimal("50.00"),
                vat_rate=Decimal("20"),
                net_price_ht=Decimal("42.50"),
            ),
        ],
    )
    entered = {line.reference: line for line in quote.lines.filter(kind__in=["goods", "special"])}
    # 76.00 - 10 % (7.60) = 68.40 x 3 = 205.20; 100.00 - 5 % = 95.00; net 42.50 x 2 = 85.00.
    assert (entered["ECR-24"].unit_price_ht, entered["ECR-24"].line_total_ht) == (
        Decimal("68.40"),
        Decimal("205.20"),
    )
    assert entered["DOCK-1"].unit_price_ht == Decimal("95.00")
    assert (entered["POSE"].unit_price_ht, entered["POSE"].line_total_ht) == (
        Decimal("42.50"),
        Decimal("85.00"),
    )
    # Goods 385.20, shipping 10.00 from 152.00 (004): 395.20 HT, VAT 79.04, TTC 474.24.
    assert (quote.goods_ht, quote.total_ht, quote.total_ttc) == (
        Decimal("385.20"),
        Decimal("395.20"),
        Decimal("474.24"),
    )
    issued = quote_issue(quote=quote, user=world["sales"], now=NOW)
    text = pdf_text(issued.pdf)
    assert "68,40" in text and "42,50" in text and "474,24" in text
    revision = quote_revise(quote=issued, user=world["sales"])
    kept = {
        line.reference: (line.discount_percent, line.net_price_ht, line.unit_price_ht)
        for line in revision.lines.filter(kind__in=["goods", "special"])
    }
    assert kept["ECR-24"] == (Decimal("10.00"), None, Decimal("68.40"))
    assert kept["POSE"] == (None, Decimal("42.50"), Decimal("42.50"))


@pytest.mark.parametrize(
    ("spec_values", "code"),
    [
        ({"discount_percent": Decimal("10"), "net_price_ht": Decimal("60")}, "discount_and_net"),
        ({"discount_percent": Decimal("100")}, "discount"),
        ({"discount_percent": Decimal("0")}, "discount"),
        ({"net_price_ht": Decimal("-0.01")}, "net_price"),
    ],
)
def test_line_terms_out_of_range_are_refused(world, spec_values, code):
    with pytest.raises(BusinessError) as error:
        draft_quote(
            company=world["company"],
            user=world["sales"],
            lines=[LineSpec(quantity=1, product=world["screen"], **spec_values)],
        )
    assert (error.value.code, error.value.field) == (f"quote_line_{code}", "lines-0")


def test_never_discounted_products_take_no_line_discount(world):
    """004 art. 4: a class "S" product takes no discount, nor a net price below its list
    price; a net price at or above it is accepted."""
    licence = product(reference="LIC-S", price_ht=Decimal("200.00"), discount_class="S")
    for terms in ({"discount_percent": Decimal("5")}, {"net_price_ht": Decimal("199.99")}):
        with pytest.raises(BusinessError) as error:
            draft_quote(
                company=world["company"],
                user=world["sales"],
                lines=[LineSpec(quantity=1, product=licence, **terms)],
            )
        assert error.value.code == "quote_line_not_discountable"
    quote = draft_quote(
        company=world["company"],
        user=world["sales"],
        lines=[LineSpec(quantity=1, product=licence, net_price_ht=Decimal("200.00"))],
    )
    assert quote.goods_ht == Decimal("200.00")
