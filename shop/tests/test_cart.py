"""Carts: quantities, pack multiples, "order separately", quick order, quote requests."""

from datetime import date
from decimal import Decimal

import pytest

from core.errors import BusinessError
from shop.models import Cart, CartLine, QuoteRequest
from shop.services.cart import (
    cart_add_separately,
    cart_current,
    cart_line_add,
    cart_line_set,
    cart_price,
    cart_quick_order,
    cart_split,
    quantity_parse,
    quick_order_decode,
    quote_request_create,
)
from shop.services.currency import exchange_rate_record
from shop.services.tax import BuyerTaxProfile
from shop.tests.factories import SellerFactory
from shop.tests.factories_catalogue import ProductFactory, QuantityTierFactory, thresholds_terms

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture
def user(django_user_model):
    return django_user_model.objects.create_user(email="acheteur@client.example", password="x")


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("0", "quantity_zero"),
        ("-3", "quantity_negative"),
        ("2,5", "quantity_not_integer"),
        ("2.5", "quantity_not_integer"),
        ("deux", "quantity_not_integer"),
        ("", "quantity_missing"),
        ("1000001", "quantity_too_large"),
    ],
)
def test_bad_quantities_are_refused_with_the_field_named(raw, code):
    with pytest.raises(BusinessError) as caught:
        quantity_parse(raw, field="quantite")
    assert caught.value.code == code
    assert caught.value.field == "quantite"
    assert "Quantité" in caught.value.message


def test_good_quantities():
    assert quantity_parse(" 12 ") == 12
    assert quantity_parse("+4") == 4


def test_quantity_must_respect_the_pack_multiple(user):
    product = ProductFactory(pack_multiple=6, reference="CAB-6")
    with pytest.raises(BusinessError) as caught:
        cart_line_add(user=user, product=product, quantity=8)
    assert caught.value.code == "quantity_not_multiple"
    assert "6" in caught.value.message and "12" in caught.value.message
    line = cart_line_add(user=user, product=product, quantity=12)
    assert line.quantity == 12
    cart_line_add(user=user, product=product, quantity=6)
    line.refresh_from_db()
    assert line.quantity == 18
    with pytest.raises(BusinessError):
        cart_line_set(user=user, line_id=line.pk, quantity=7)


def test_order_separately_products_never_share_a_cart(user):
    desk = ProductFactory(reference="BUREAU-180", order_separately=True)
    mouse = ProductFactory(reference="SOURIS")
    cart_line_add(user=user, product=mouse, quantity=1)
    with pytest.raises(BusinessError) as caught:
        cart_line_add(user=user, product=desk, quantity=1)
    assert caught.value.code == "cart_order_separately"
    # The split offered: a cart of its own, which becomes the current cart.
    separate = cart_add_separately(user=user, product=desk, quantity=1)
    assert cart_current(user=user) == separate
    with pytest.raises(BusinessError):
        cart_line_add(user=user, product=mouse, quantity=1)
    assert Cart.objects.filter(user=user).count() == 2


def test_split_a_cart_that_became_mixed(user):
    a, b = ProductFactory(), ProductFactory()
    cart_line_add(user=user, product=a, quantity=1)
    cart = cart_line_add(user=user, product=b, quantity=1).cart
    b.order_separately = True
    b.save()
    created = cart_split(user=user, cart=cart)
    assert len(created) == 1
    assert list(CartLine.objects.filter(cart=cart).values_list("product", flat=True)) == [a.pk]
    assert created[0].lines.get().product == b


def test_quick_order_adds_valid_lines_and_lists_the_others(user):
    ProductFactory(reference="PC-PRO-14", pack_multiple=1)
    ProductFactory(reference="CAB-RJ45-3M", pack_multiple=10)
    text = "\n".join(
        [
            "reference;quantite",
            "pc-pro-14;2",
            "CAB-RJ45-3M;15",
            "INCONNU-1;3",
            "PC-PRO-14;0",
            "PC-PRO-14;-1",
            "PC-PRO-14;1,5",
            "PC-PRO-14 4",
            "",
            "CAB-RJ45-3M\t20",
        ]
    )
    result = cart_quick_order(user=user, text=text)
    assert result.added == [("PC-PRO-14", 2), ("CAB-RJ45-3M", 20)]
    errors = {(e.line_number, e.code) for e in result.errors}
    assert errors == {
        (3, "quantity_not_multiple"),
        (4, "quick_order_unknown_reference"),
        (5, "quantity_zero"),
        (6, "quantity_negative"),
        (7, "quantity_not_integer"),
        (8, "quick_order_separator"),
    }
    assert "INCONNU-1" in next(e.message for e in result.errors if e.line_number == 4)
    assert result.rejected_text.splitlines()[0] == "CAB-RJ45-3M;15"
    cart = cart_current(user=user)
    assert {(line.product.reference, line.quantity) for line in cart.lines.all()} == {
        ("PC-PRO-14", 2),
        ("CAB-RJ45-3M", 20),
    }


def test_quick_order_file_encodings():
    text = "ÉCRAN-27;2\r\n"
    assert quick_order_decode(text.encode("cp1252")) == text
    assert quick_order_decode(b"\xef\xbb\xbf" + text.encode("utf-8")) == text
    assert quick_order_decode(text.encode("utf-8")) == text
    assert quick_order_decode(b"\xff\xfe" + text.encode("utf-16-le")) == text
    assert quick_order_decode(b"\xfe\xff" + text.encode("utf-16-be")) == text


@pytest.mark.parametrize(
    "content",
    [b"\x81;2", b"A\x00;2", b"\xef\xbb\xbf\xff;2", b"\xff\xfe\x00\xd8", "A;2".encode("utf-16-le")],
)
def test_quick_order_file_that_is_not_text_is_refused_on_the_file_field(content):
    with pytest.raises(BusinessError) as caught:
        quick_order_decode(content)
    assert (caught.value.code, caught.value.field) == ("quick_order_not_text", "fichier")


def test_quick_order_csv_with_a_wrong_separator_lists_every_line(user):
    ProductFactory(reference="PC-PRO-14")
    result = cart_quick_order(user=user, text="PC-PRO-14|2\nPC-PRO-14|3\n")
    assert result.added == []
    assert [e.code for e in result.errors] == ["quick_order_separator"] * 2


def test_cart_price_shows_tier_and_shipping_across_thresholds(user):
    seller = SellerFactory()
    terms = thresholds_terms(seller=seller)
    product = ProductFactory(reference="ECR-24", price_ht=D("76.00"))
    QuantityTierFactory(product=product, min_quantity=5, unit_price_ht=D("70.00"))
    buyer = BuyerTaxProfile(country="FR")
    cart_line_add(user=user, product=product, quantity=1)
    cart = cart_current(user=user)

    def priced():
        return cart_price(cart=cart, seller=seller, terms=terms, buyer=buyer).document

    # 1 x 76.00 = 76.00 < 152.00: 15.00 shipping. HT 91.00, VAT 18.20, TTC 109.20.
    doc = priced()
    assert doc.shipping.amount_ht == D("15.00")
    assert (doc.totals.ht, doc.totals.vat, doc.totals.ttc) == (D("91.00"), D("18.20"), D("109.20"))
    assert doc.lines[0].next_tier.min_quantity == 5
    # 2 x 76.00 = 152.00: exactly the reduced threshold, 10.00.
    line = cart.lines.get()
    cart_line_set(user=user, line_id=line.pk, quantity=2)
    assert priced().shipping.amount_ht == D("10.00")
    # 7 x 70.00 (tier from 5) = 490.00 >= 457.00: free. HT 490.00, VAT 98.00, TTC 588.00.
    cart_line_set(user=user, line_id=line.pk, quantity=7)
    doc = priced()
    assert doc.lines[0].unit_price_ht == D("70.00")
    assert doc.shipping.amount_ht == D("0.00")
    assert (doc.totals.ht, doc.totals.ttc) == (D("490.00"), D("588.00"))


def test_cart_price_query_count_does_not_grow_with_lines(user, django_assert_max_num_queries):
    seller = SellerFactory()
    terms = thresholds_terms(seller=seller)
    cart = cart_current(user=user)
    for _ in range(30):
        product = ProductFactory()
        QuantityTierFactory(product=product)
        CartLine.objects.create(cart=cart, product=product, quantity=1)
    with django_assert_max_num_queries(2):
        cart_price(cart=cart, seller=seller, terms=terms, buyer=BuyerTaxProfile("FR"))


def test_quote_request_copies_the_priced_lines_and_empties_the_cart(user):
    seller = SellerFactory()
    terms = thresholds_terms(seller=seller)
    indexed = ProductFactory(
        reference="GPU-USD",
        price_ht=D("1500.00"),
        is_currency_indexed=True,
        indexed_currency="USD",
    )
    plain = ProductFactory(reference="DOCK", price_ht=D("219.00"))
    exchange_rate_record(currency="usd", day=date(2026, 3, 2), rate="1,0850")
    cart_line_add(user=user, product=indexed, quantity=1)
    cart_line_add(user=user, product=plain, quantity=2)
    cart = cart_current(user=user)
    request = quote_request_create(
        user=user,
        cart=cart,
        seller=seller,
        terms=terms,
        buyer=BuyerTaxProfile("FR"),
        message="Livraison au 3e étage",
        on=date(2026, 3, 5),
    )
    lines = {line.reference: line for line in request.lines.all()}
    assert lines["GPU-USD"].exchange_rate == D("1.085")
    assert lines["DOCK"].line_total_ht == D("438.00")
    assert lines["DOCK"].exchange_rate is None
    # 1500.00 + 438.00
    assert request.total_ht == D("1938.00")
    assert request.vat_regime["code"] == "domestic"
    assert not cart.lines.exists()
    plain.price_ht = D("999.00")
    plain.save()
    assert QuoteRequest.objects.get().lines.get(reference="DOCK").unit_price_ht == D("219.00")
    with pytest.raises(BusinessError) as caught:
        quote_request_create(
            user=user, cart=cart, seller=seller, terms=terms, buyer=BuyerTaxProfile("FR")
        )
    assert caught.value.code == "quote_request_empty"
