"""Carts, quick order and quote requests: every write on them, and their pricing.

Quantities are counted in units of sale and must be a positive whole multiple of the
product's pack multiple (PCB, 004 art. 3). A product "to order separately" (004 art.
3) never shares a cart with another product: adding one to a cart holding something
else is refused with `cart_order_separately`, and `cart_add_separately` offers the
split (a new cart for it).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.audit import Actor, audit_record
from core.errors import BusinessError
from shop.models import (
    STANDARD_VAT_RATE,
    Cart,
    CartLine,
    Product,
    QuoteRequest,
    QuoteRequestLine,
    Seller,
    Terms,
)
from shop.selectors import cart_lines_for_pricing, exchange_rate_on, products_by_reference
from shop.services.pricing import (
    LineInput,
    PricedDocument,
    ShippingContext,
    Tier,
    document_price,
)
from shop.services.shipping import shipping_rates_of, shipping_uses_table
from shop.services.tax import BuyerTaxProfile, delivery_zone_of, vat_regime_decide
from shop.signals import quote_request_submitted

MAX_QUANTITY = 100_000
QUICK_ORDER_MAX_LINES = 500
_INTEGER = re.compile(r"[+-]?\d+")


# --- quantities -----------------------------------------------------------------------------


def quantity_parse(raw, *, field: str = "quantity") -> int:
    """A typed quantity as an int; BusinessError naming `field` when it is not one.

    Codes: `quantity_missing`, `quantity_not_integer` ("2,5", "abc"), `quantity_zero`,
    `quantity_negative`, `quantity_too_large`.
    """
    text = str(raw if raw is not None else "").strip().replace("\u00a0", "").replace(" ", "")
    if not text:
        raise BusinessError(
            "quantity_missing", _("Quantité : indiquez un nombre entier."), field=field
        )
    if not _INTEGER.fullmatch(text):
        raise BusinessError(
            "quantity_not_integer",
            _("Quantité : « %(value)s » n'est pas un nombre entier."),
            field=field,
            params={"value": str(raw).strip()[:20]},
        )
    value = int(text)
    if value == 0:
        raise BusinessError(
            "quantity_zero",
            _("Quantité : elle doit être d'au moins 1 (pour retirer un article, supprimez-le)."),
            field=field,
        )
    if value < 0:
        raise BusinessError(
            "quantity_negative", _("Quantité : elle ne peut pas être négative."), field=field
        )
    if value > MAX_QUANTITY:
        raise BusinessError(
            "quantity_too_large",
            _("Quantité : au plus %(max)s par ligne ; pour davantage, demandez un devis."),
            field=field,
            params={"max": MAX_QUANTITY},
        )
    return value


def quantity_check(*, product: Product, quantity: int, field: str = "quantity") -> None:
    """Refuse a quantity that is not a multiple of the product's pack multiple (PCB)."""
    if quantity % product.pack_multiple:
        lower = quantity - quantity % product.pack_multiple
        upper = lower + product.pack_multiple
        raise BusinessError(
            "quantity_not_multiple",
            _(
                "Quantité : %(reference)s se vend par multiples de %(pcb)s ; "
                "commandez %(lower)s ou %(upper)s."
            ),
            field=field,
            params={
                "reference": product.reference,
                "pcb": product.pack_multiple,
                "lower": lower or product.pack_multiple,
                "upper": upper if lower else product.pack_multiple * 2,
            },
        )


# --- carts ----------------------------------------------------------------------------------


def cart_current(*, user) -> Cart:
    """The user's most recently touched cart, created when there is none."""
    cart = Cart.objects.filter(user=user).order_by("-touched_at", "-id").first()
    return cart or Cart.objects.create(user=user)


def _separately_blocker(*, cart: Cart, product: Product) -> Product | None:
    """The product "to order separately" that keeps `product` out of `cart`: `product`
    itself when the cart holds anything else, else the one of that kind the cart holds."""
    others = CartLine.objects.filter(cart=cart).exclude(product=product)
    if product.order_separately:
        return product if others.exists() else None
    line = others.filter(product__order_separately=True).select_related("product").first()
    return line.product if line else None


def _order_separately_error(*, product: Product, blocker: Product, field: str) -> BusinessError:
    """Name the product that must be ordered separately, whichever was added."""
    if blocker != product:
        return BusinessError(
            "cart_order_separately",
            _(
                "Ce panier contient %(blocker)s, qui se commande séparément (mobilier, gros "
                "matériel) : %(reference)s ne peut pas le rejoindre. Mettez %(reference)s "
                "dans un panier séparé."
            ),
            field=field,
            params={"reference": product.reference, "blocker": blocker.reference},
        )
    return BusinessError(
        "cart_order_separately",
        _(
            "%(reference)s se commande séparément (mobilier, gros matériel) : il ne peut pas "
            "partager un panier avec d'autres produits. Mettez-le dans un panier séparé."
        ),
        field=field,
        params={"reference": product.reference},
    )


def cart_line_add(
    *, user, product: Product, quantity: int, cart: Cart | None = None, field: str = "quantity"
) -> CartLine:
    """Add `quantity` of `product` to the user's current cart (or `cart`), summing with a
    line already there. Raises BusinessError: `product_unavailable`,
    `quantity_not_multiple`, `quantity_too_large`, `cart_order_separately`."""
    if not product.is_active:
        raise BusinessError(
            "product_unavailable",
            _("%(reference)s n'est plus en vente."),
            field=field,
            params={"reference": product.reference},
        )
    with transaction.atomic():
        cart = cart or cart_current(user=user)
        cart = Cart.objects.select_for_update().get(pk=cart.pk, user=user)
        line = CartLine.objects.filter(cart=cart, product=product).first()
        total = quantity + (line.quantity if line else 0)
        quantity_check(product=product, quantity=quantity, field=field)
        if total > MAX_QUANTITY:
            quantity_parse(total, field=field)
        blocker = _separately_blocker(cart=cart, product=product)
        if blocker is not None:
            raise _order_separately_error(product=product, blocker=blocker, field=field)
        if line is None:
            line = CartLine.objects.create(cart=cart, product=product, quantity=total)
        else:
            line.quantity = total
            line.save(update_fields=["quantity"])
        cart.save(update_fields=["touched_at"])
    return line


def cart_add_separately(*, user, product: Product, quantity: int) -> Cart:
    """The split the cart offers: a new cart holding only `product`, now the current one."""
    quantity_check(product=product, quantity=quantity)
    with transaction.atomic():
        cart = Cart.objects.create(user=user)
        CartLine.objects.create(cart=cart, product=product, quantity=quantity)
    return cart


def cart_line_set(*, user, line_id: int, quantity: int) -> CartLine:
    """Change the quantity of one line of one of the user's carts."""
    with transaction.atomic():
        line = (
            CartLine.objects.select_for_update()
            .select_related("product", "cart")
            .get(pk=line_id, cart__user=user)
        )
        quantity_check(product=line.product, quantity=quantity, field=f"quantity_{line_id}")
        line.quantity = quantity
        line.save(update_fields=["quantity"])
        line.cart.save(update_fields=["touched_at"])
    return line


def cart_line_remove(*, user, line_id: int) -> None:
    """Remove one line of one of the user's carts; CartLine.DoesNotExist for any other."""
    with transaction.atomic():
        line = CartLine.objects.select_related("cart").get(pk=line_id, cart__user=user)
        line.delete()
        line.cart.save(update_fields=["touched_at"])


def cart_select(*, user, cart_id: int) -> Cart:
    """Make one of the user's carts the current one."""
    cart = Cart.objects.get(pk=cart_id, user=user)
    cart.save(update_fields=["touched_at"])
    return cart


def cart_split(*, user, cart: Cart) -> list[Cart]:
    """Move every "order separately" line of a mixed cart to a cart of its own.

    A cart can become mixed when staff flag a product after it was added. Returns the
    new carts; the original keeps the other products.
    """
    created = []
    with transaction.atomic():
        cart = Cart.objects.select_for_update().get(pk=cart.pk, user=user)
        lines = list(CartLine.objects.filter(cart=cart).select_related("product"))
        separate = [line for line in lines if line.product.order_separately]
        if len(lines) <= 1 or not separate:
            return []
        keep_first = len(separate) == len(lines)
        for line in separate[1:] if keep_first else separate:
            new_cart = Cart.objects.create(user=user)
            CartLine.objects.filter(pk=line.pk).update(cart=new_cart)
            created.append(new_cart)
        cart.save(update_fields=["touched_at"])
    return created


def cart_is_mixed(lines) -> bool:
    return len(lines) > 1 and any(line.product.order_separately for line in lines)


def cart_delete_if_empty(*, user, cart: Cart) -> None:
    Cart.objects.filter(pk=cart.pk, user=user, lines__isnull=True).delete()


# --- pricing a cart ---------------------------------------------------------------------------


def line_input_of(product: Product, quantity: int) -> LineInput:
    """The pricing input of a catalogue product (tiers must be prefetched)."""
    return LineInput(
        reference=product.reference,
        designation=product.designation,
        quantity=quantity,
        list_price_ht=product.price_ht,
        vat_rate=product.vat_rate,
        tiers=tuple(Tier(t.min_quantity, t.unit_price_ht) for t in product.tiers.all()),
        discount_class=product.discount_class,
        eco_tax_ht=product.eco_tax_ht,
        packaging_ht=product.packaging_ht,
        is_console=product.is_console,
        product_id=product.pk,
    )


@dataclass(frozen=True)
class CartPricing:
    lines: list[CartLine]
    document: PricedDocument
    zone: str | None


def cart_price(
    *, cart: Cart, seller: Seller | None, terms: Terms | None, buyer: BuyerTaxProfile
) -> CartPricing:
    """Price `cart` for `buyer` under `terms` (the terms in force): 3 queries at most.

    Without terms in force (or without a seller) there is no shipping line.
    """
    return cart_lines_price(
        lines=cart_lines_for_pricing(cart=cart), seller=seller, terms=terms, buyer=buyer
    )


def cart_lines_price(
    *, lines: list[CartLine], seller: Seller | None, terms: Terms | None, buyer: BuyerTaxProfile
) -> CartPricing:
    """Price cart `lines` read with their products and tiers (`cart_price`); one query at
    most (the seller's shipping table, when the terms use it)."""
    regime = vat_regime_decide(seller_country=seller.country if seller else "FR", buyer=buyer)
    zone = delivery_zone_of(country=buyer.shipping_country, postcode=buyer.delivery_postcode)
    context = None
    if seller is not None and terms is not None and lines:
        context = ShippingContext(
            terms=terms,
            zone=zone,
            vat_rate=STANDARD_VAT_RATE[seller.country],
            rates=shipping_rates_of(seller_id=seller.pk) if shipping_uses_table(terms) else (),
        )
    document = document_price(
        lines=[line_input_of(line.product, line.quantity) for line in lines],
        regime=regime,
        shipping_context=context,
    )
    return CartPricing(lines=lines, document=document, zone=zone)


# --- quick order ------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuickOrderError:
    line_number: int
    text: str
    message: str
    code: str


@dataclass
class QuickOrderResult:
    added: list[tuple[str, int]] = field(default_factory=list)
    errors: list[QuickOrderError] = field(default_factory=list)

    @property
    def rejected_text(self) -> str:
        """The refused lines as typed, for the form to show again for correction."""
        return "\n".join(error.text for error in self.errors)


_HEADER_WORDS = {"reference", "référence", "ref", "réf", "reference;quantite", "sku"}


QUICK_ORDER_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def quick_order_decode(content: bytes, *, field: str = "fichier") -> str:
    """Text of an uploaded file: UTF-8 or UTF-16 with their BOM (Excel's "Unicode text"
    is UTF-16 LE), else UTF-8, else Windows-1252.

    Raises BusinessError (`quick_order_not_text`, on `field`) for a file that is not text
    in any of them: one holding a NUL byte, or bytes Windows-1252 does not define.
    """
    attempts = next(
        (
            [(content[len(bom) :], encoding)]
            for bom, encoding in QUICK_ORDER_BOMS
            if content.startswith(bom)
        ),
        [(content, "utf-8"), (content, "cp1252")],
    )
    text = None
    for data, encoding in attempts:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        break
    if text is None or "\x00" in text:
        raise BusinessError(
            "quick_order_not_text",
            _(
                "Ce fichier n'est pas un fichier texte CSV. Dans votre tableur, enregistrez-le "
                "au format « CSV (séparateur : point-virgule) » ou « Texte Unicode », puis "
                "envoyez-le à nouveau."
            ),
            field=field,
        )
    return text


def _split_line(text: str) -> list[str] | None:
    for separator in (";", "\t", ","):
        if separator in text:
            return next(csv.reader(io.StringIO(text), delimiter=separator))
    return None


def cart_quick_order(*, user, text: str) -> QuickOrderResult:
    """Add the lines `REFERENCE;QUANTITY` of `text` to the user's current cart.

    `;` is the separator; a tab or a comma are accepted too (spreadsheet exports). A
    first line of column titles is skipped. Every valid line is added; every other one
    is returned with its line number and the reason (unknown reference, quantity 0,
    negative, not whole, not a multiple of the PCB, missing separator, product to
    order separately). Valid lines are all added in one transaction.
    """
    result = QuickOrderResult()
    rows: list[tuple[int, str, str, str]] = []
    lines = text.splitlines()
    for number, raw in enumerate(lines, start=1):
        stripped = raw.strip()
        if not stripped:
            continue
        if len(rows) + len(result.errors) >= QUICK_ORDER_MAX_LINES:
            result.errors.append(
                QuickOrderError(
                    number,
                    stripped,
                    str(_("Trop de lignes : au plus %(max)s par envoi."))
                    % {"max": QUICK_ORDER_MAX_LINES},
                    "quick_order_too_many_lines",
                )
            )
            break
        cells = _split_line(stripped)
        if cells is None or len(cells) < 2:
            result.errors.append(
                QuickOrderError(
                    number,
                    stripped,
                    str(
                        _(
                            "Séparateur manquant : écrivez la référence, un point-virgule, "
                            "puis la quantité (REFERENCE;QUANTITE)."
                        )
                    ),
                    "quick_order_separator",
                )
            )
            continue
        reference, quantity_text = cells[0].strip(), cells[1].strip()
        if not rows and not result.errors and reference.lower() in _HEADER_WORDS:
            continue
        rows.append((number, stripped, reference, quantity_text))
    products = products_by_reference(references=[row[2] for row in rows])
    with transaction.atomic():
        cart = cart_current(user=user)
        for number, raw, reference, quantity_text in rows:
            product = products.get(reference.upper())
            try:
                if product is None:
                    raise BusinessError(
                        "quick_order_unknown_reference",
                        _("Référence inconnue : « %(reference)s »."),
                        params={"reference": reference[:64]},
                    )
                quantity = quantity_parse(quantity_text)
                with transaction.atomic():
                    cart_line_add(user=user, product=product, quantity=quantity, cart=cart)
            except BusinessError as error:
                result.errors.append(QuickOrderError(number, raw, error.message, error.code))
            else:
                result.added.append((product.reference, quantity))
    result.errors.sort(key=lambda error: error.line_number)
    return result


# --- quote requests ---------------------------------------------------------------------------


def quote_request_create(
    *,
    user,
    cart: Cart,
    seller: Seller,
    terms: Terms | None,
    buyer: BuyerTaxProfile,
    message: str = "",
    on: date | None = None,
) -> QuoteRequest:
    """Send the cart's lines to sales as a quote request; the cart is then emptied.

    Copies reference, designation, quantity, unit price HT after tiers, VAT rate and
    line total, and for currency-indexed products the rate of the day; the estimated
    total is the cart's (goods, eco-tax, packaging and shipping when the terms price it).
    Sends `quote_request_submitted` in the transaction (orders records the company and
    tells sales). Raises BusinessError `quote_request_empty` for an empty cart.
    """
    on = on or timezone.localdate()
    with transaction.atomic():
        cart = Cart.objects.select_for_update().get(pk=cart.pk, user=user)
        pricing = cart_price(cart=cart, seller=seller, terms=terms, buyer=buyer)
        if not pricing.lines:
            raise BusinessError(
                "quote_request_empty",
                _("Le panier est vide : ajoutez des produits avant de demander un devis."),
            )
        document = pricing.document
        request = QuoteRequest.objects.create(
            user=user,
            message=message.strip()[:4000],
            vat_regime=document.regime.as_dict(),
            goods_ht=document.goods_ht,
            extras=[
                {
                    "kind": extra.kind,
                    "amount_ht": None if extra.amount_ht is None else str(extra.amount_ht),
                    "vat_rate": str(extra.vat_rate),
                }
                for extra in document.extras
            ],
            total_ht=document.totals.ht,
        )
        rows = []
        for line, priced in zip(pricing.lines, pricing.document.lines, strict=True):
            product = line.product
            rate = None
            if product.is_currency_indexed:
                found = exchange_rate_on(currency=product.indexed_currency, day=on)
                rate = found.rate if found else None
            rows.append(
                QuoteRequestLine(
                    request=request,
                    product=product,
                    reference=product.reference,
                    designation=product.designation,
                    quantity=line.quantity,
                    unit_price_ht=priced.unit_price_ht,
                    vat_rate=product.vat_rate,
                    line_total_ht=priced.line_total_ht,
                    exchange_rate=rate,
                )
            )
        QuoteRequestLine.objects.bulk_create(rows)
        audit_record(obj=request, actor=Actor.of_user(user), to_state=request.status)
        CartLine.objects.filter(cart=cart).delete()
        quote_request_submitted.send(sender=QuoteRequest, quote_request=request, user=user)
    return request
