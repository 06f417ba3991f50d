"""Quotes past their validity end expire; the customer may ask for a new quote at current
prices in one click (000 art. 3)."""

from __future__ import annotations

from datetime import date, datetime

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.audit import Actor, audit_record
from core.calendar import localdate, period_end
from core.errors import BusinessError
from core.models import AuditEvent
from core.transitions import transition_apply
from orders.models import LineKind, Quote, QuoteLine, QuoteStatus
from orders.selectors import buyer_tax_profile_of, delivery_address_of, quote_entered_lines
from shop.models import Product, QuoteRequest
from shop.selectors import seller_get_required, terms_in_force
from shop.services.cart import (
    cart_add_separately,
    cart_delete_if_empty,
    cart_line_add,
    quote_request_create,
)

JOB_NAME = "orders.expire_quotes"
RENEWAL_FIELD = "renewal_request"


def expiry_cutoff(*, as_of: date, now: datetime) -> datetime:
    """The instant up to which validity ends are past: the end of the business day
    `as_of` (midnight Paris starting the next day), but never later than `now`."""
    return min(period_end(as_of, 0), now)


def run_expire_quotes(*, as_of: date, now: datetime | None = None) -> dict:
    """Mark "expired" every issued quote whose validity end is at or before the cutoff.

    Cutoff: the end of the business day `as_of` (00:00 Europe/Paris on `as_of` + 1), or
    the current instant when that is earlier. A quote is expired when now >= valid_until,
    so on a replay of a past day every quote that ended during or before that day
    expires, while a run for today (at 02:00 by Celery beat, or every hour for the 72 h
    and 48 h validities) never expires a quote still valid at the time of the run.

    Each quote is claimed under its row lock and re-checked (still issued, still past
    the cutoff), so a concurrent signature or a second run is harmless; a quote signed
    or superseded meanwhile is left alone. Running the same day twice changes nothing
    more. The audit row's actor is this job.
    """
    now = now or timezone.now()
    cutoff = expiry_cutoff(as_of=as_of, now=now)
    candidates = list(
        Quote.objects.filter(status=QuoteStatus.ISSUED, valid_until__lte=cutoff)
        .order_by("valid_until", "pk")
        .values_list("pk", flat=True)
    )
    actor = Actor.of_job(JOB_NAME)
    expired = []
    for pk in candidates:
        with transaction.atomic():
            quote = Quote.objects.select_for_update().get(pk=pk)
            valid_until = quote.valid_until
            if quote.status != QuoteStatus.ISSUED or valid_until is None or valid_until > cutoff:
                continue
            transition_apply(
                quote,
                to=QuoteStatus.EXPIRED,
                actor=actor,
                at=now,
                reason=f"Validité dépassée le {localdate(valid_until):%d/%m/%Y}",
                data={"valid_until": valid_until.isoformat(), "as_of": as_of.isoformat()},
            )
            expired.append(quote.reference)
    return {"cutoff": cutoff.isoformat(), "expired": len(expired), "quotes": expired}


def quote_renewal_request_of(*, quote: Quote) -> QuoteRequest | None:
    """The quote request already made from this expired quote, if any."""
    event = (
        AuditEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(Quote),
            object_id=str(quote.pk),
            field=RENEWAL_FIELD,
        )
        .order_by("created_at")
        .first()
    )
    if event is None:
        return None
    return QuoteRequest.objects.filter(pk=event.data.get("quote_request_id")).first()


def quote_renew_request(*, quote: Quote, user, now: datetime | None = None) -> QuoteRequest:
    """Ask sales for a new quote at current prices from an expired quote (000 art. 3).

    Preconditions: `quote` belongs to the user's company (the view found it through the
    company's selector) and is past its validity end.
    Effects: a quote request from `user` with the quote's catalogue lines priced at
    today's prices, through the shop's cart services (a temporary cart, emptied and
    removed); lines no longer in the catalogue and special-order lines are listed in the
    request's message for sales. One click is enough and a second click changes nothing:
    the request is recorded on the quote (audit) and returned again.
    Raises BusinessError `quote_not_expired`, `renewal_nothing_to_quote`.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = Quote.objects.select_for_update().get(pk=quote.pk)
        past = locked.status == QuoteStatus.EXPIRED or (
            locked.status == QuoteStatus.ISSUED
            and locked.valid_until is not None
            and now >= locked.valid_until
        )
        if not past:
            raise BusinessError(
                "quote_not_expired",
                _("Ce devis est encore valable ou n'est plus à renouveler."),
            )
        existing = quote_renewal_request_of(quote=locked)
        if existing is not None:
            return existing
        seller = seller_get_required()
        terms = terms_in_force(seller=seller, on=localdate(now))
        catalogue: list[tuple[QuoteLine, Product]] = []
        others = []
        for line in quote_entered_lines(quote=locked):
            if line.kind == LineKind.GOODS and line.product and line.product.is_active:
                catalogue.append((line, line.product))
            else:
                others.append(f"{line.reference} — {line.designation} × {line.quantity}")
        if not catalogue:
            raise BusinessError(
                "renewal_nothing_to_quote",
                _(
                    "Aucun article de ce devis n'est au catalogue : contactez le service "
                    "commercial pour un nouveau devis."
                ),
            )
        first, first_product = catalogue[0]
        cart = cart_add_separately(user=user, product=first_product, quantity=first.quantity)
        for line, product in catalogue[1:]:
            try:
                with transaction.atomic():
                    cart_line_add(user=user, product=product, quantity=line.quantity, cart=cart)
            except BusinessError:
                others.append(f"{line.reference} — {line.designation} × {line.quantity}")
        message = (
            f"Nouveau devis demandé aux prix en vigueur, suite au devis {locked.reference} expiré."
        )
        if others:
            message += "\nÀ chiffrer aussi : " + " ; ".join(others)
        request = quote_request_create(
            user=user,
            cart=cart,
            seller=seller,
            terms=terms,
            buyer=buyer_tax_profile_of(
                company=locked.company, address=delivery_address_of(quote=locked)
            ),
            message=message,
            on=localdate(now),
        )
        cart_delete_if_empty(user=user, cart=cart)
        audit_record(
            obj=locked,
            actor=Actor.of_user(user),
            field=RENEWAL_FIELD,
            from_state=locked.status,
            to_state="requested",
            at=now,
            data={"quote_request_id": request.pk},
        )
    return request
