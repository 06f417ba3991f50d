"""The cart of a signed-in user, quick order and quote requests.

Every view here is for buyers only (`buyer_required`): anonymous visitors are sent to the
sign-in page, other signed-in users get a page explaining who may buy.

Views parse the input, call a service, and show the result; a BusinessError is shown next
to the input it names, with what was typed kept.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.errors import BusinessError
from core.fragments import kept_html
from shop.context_processors import catalogue_version_read, seller_and_terms_for
from shop.forms import AddToCartForm, CartLineForm, QuickOrderForm, QuoteRequestForm
from shop.models import CartLine
from shop.selectors import (
    cart_get_for_user,
    cart_lines_of_shown,
    carts_shown_for_user,
    product_get_for_page,
)
from shop.services.cart import (
    cart_add_separately,
    cart_current,
    cart_is_mixed,
    cart_line_add,
    cart_line_remove,
    cart_line_set,
    cart_lines_price,
    cart_quick_order,
    cart_select,
    cart_split,
    quantity_parse,
    quick_order_decode,
    quote_request_create,
)
from shop.services.stock import stock_backorder_of
from shop.views.access import buyer_required
from shop.views.catalogue import product_detail
from shop.views.kept_pages import cart_lines_key
from shop.views.shopping import shopper_for


@buyer_required
@require_POST
def cart_add(request, reference: str):
    product = product_get_for_page(reference=reference)
    if product is None:
        raise Http404
    form = AddToCartForm(request.POST)
    separately = request.POST.get("separement") == "1"
    try:
        quantity = quantity_parse(request.POST.get("quantite"), field="quantite")
        if separately:
            cart_add_separately(user=request.user, product=product, quantity=quantity)
        else:
            cart_line_add(user=request.user, product=product, quantity=quantity, field="quantite")
    except BusinessError as error:
        form.is_valid()
        return product_detail(request, reference, add_form=form, error=error, status=422)
    messages.success(
        request,
        _("%(reference)s ajouté au panier (quantité %(quantity)s).")
        % {"reference": product.reference, "quantity": quantity},
    )
    return redirect("cart")


@buyer_required
def cart_detail(request, *, line_errors=None, typed=None, status=200, quote_form=None):
    """The current cart. Its lines and totals are kept rendered under a key naming all
    they show (`cart_lines_key`), read with the lines on each request; a page answering
    a refused quantity (what was typed, the error) is rendered afresh."""
    carts = carts_shown_for_user(user=request.user)
    catalogue_version_read(request, [carts] if carts.carts else [])
    shopper = shopper_for(request)
    if not carts.carts:
        cart_current(user=request.user)  # every buyer has a current cart
    if not carts.lines:
        context = {"other_carts": carts.carts[1:], "shopper": shopper}
        return render(request, "shop/cart.html", context, status=status)
    cart, shown = carts.carts[0], carts.lines
    line_errors = line_errors or {}
    typed = typed or {}
    key = None
    if not line_errors and not typed:
        key = cart_lines_key(shopper, seller_and_terms_for(request).version, cart.pk, shown)

    def render_lines(extra: dict) -> str:
        lines = cart_lines_of_shown(cart_id=cart.pk, shown=shown)
        pricing = cart_lines_price(
            lines=lines, seller=shopper.seller, terms=shopper.terms, buyer=shopper.buyer
        )
        rows = [
            {
                "line": line,
                "priced": priced,
                "error": line_errors.get(line.pk),
                "typed": typed.get(line.pk, line.quantity),
                "backordered": stock_backorder_of(product=line.product, quantity=line.quantity),
            }
            for line, priced in zip(pricing.lines, pricing.document.lines, strict=True)
        ]
        context = {
            "rows": rows,
            "document": pricing.document,
            "shipping": pricing.document.shipping,
            "mixed": cart_is_mixed(pricing.lines),
        }
        return render_to_string("shop/_cart_lines.html", context | extra, request)

    return render(
        request,
        "shop/cart.html",
        {
            "lines_html": kept_html(request, key, render_lines),
            "quote_form_html": _quote_form_html(request, quote_form),
            "other_carts": carts.carts[1:],
            "shopper": shopper,
        },
        status=status,
    )


def _quote_form_html(request, form: QuoteRequestForm | None) -> str:
    """The quote request form; kept (per language) while it is empty, since rendering its
    widget costs more than the rest of the cart page's own template."""
    key = None if form is not None else ("cart-quote-form", get_language())
    return kept_html(
        request,
        key,
        lambda extra: render_to_string(
            "shop/_cart_quote_form.html",
            {"quote_form": form or QuoteRequestForm()} | extra,
            request,
        ),
    )


@buyer_required
@require_POST
def cart_line_update(request, line_id: int):
    form = CartLineForm(request.POST)
    form.is_valid()
    raw = request.POST.get("quantite", "")
    try:
        quantity = quantity_parse(raw, field=f"quantite_{line_id}")
        cart_line_set(user=request.user, line_id=line_id, quantity=quantity)
    except CartLine.DoesNotExist:
        raise Http404 from None
    except BusinessError as error:
        return cart_detail(
            request, line_errors={line_id: error.message}, typed={line_id: raw}, status=422
        )
    return redirect("cart")


@buyer_required
@require_POST
def cart_line_delete(request, line_id: int):
    try:
        cart_line_remove(user=request.user, line_id=line_id)
    except CartLine.DoesNotExist:
        raise Http404 from None
    return redirect("cart")


@buyer_required
@require_POST
def cart_switch(request, cart_id: int):
    if cart_get_for_user(user=request.user, pk=cart_id) is None:
        raise Http404
    cart_select(user=request.user, cart_id=cart_id)
    return redirect("cart")


@buyer_required
@require_POST
def cart_split_view(request):
    created = cart_split(user=request.user, cart=cart_current(user=request.user))
    if created:
        messages.success(
            request,
            _("Les produits à commander séparément ont chacun leur panier (%(n)s créé(s)).")
            % {"n": len(created)},
        )
    return redirect("cart")


@buyer_required
def quick_order(request):
    result = None
    if request.method == "POST":
        form = QuickOrderForm(request.POST, request.FILES)
        if form.is_valid():
            text = form.cleaned_data.get("lignes") or ""
            upload = form.cleaned_data.get("fichier")
            try:
                if upload is not None:
                    text = "\n".join(filter(None, [text, quick_order_decode(upload.read())]))
            except BusinessError as error:
                form.add_error(error.field, error.message)
                return render(request, "shop/quick_order.html", {"form": form}, status=422)
            result = cart_quick_order(user=request.user, text=text)
            if result.added:
                messages.success(
                    request,
                    _("%(n)s ligne(s) ajoutée(s) au panier.") % {"n": len(result.added)},
                )
            if not result.errors:
                return redirect("cart")
            # Show the refused lines again, to be corrected and sent once more.
            form = QuickOrderForm(initial={"lignes": result.rejected_text})
    else:
        form = QuickOrderForm()
    return render(
        request,
        "shop/quick_order.html",
        {"form": form, "result": result},
        status=422 if result and result.errors else 200,
    )


@buyer_required
@require_POST
def quote_request_view(request):
    shopper = shopper_for(request)
    form = QuoteRequestForm(request.POST)
    if not form.is_valid():
        return cart_detail(request, quote_form=form, status=422)
    try:
        quote_request = quote_request_create(
            user=request.user,
            cart=cart_current(user=request.user),
            seller=shopper.seller,
            terms=shopper.terms,
            buyer=shopper.buyer,
            message=form.cleaned_data["message"],
        )
    except BusinessError as error:
        messages.error(request, error.message)
        return redirect("cart")
    # The request is the company's: it is followed in "Mes devis" (orders).
    return redirect("orders:quote_request_detail", pk=quote_request.pk)
