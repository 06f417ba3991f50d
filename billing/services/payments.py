"""Payments: opening a card checkout, applying the provider's notifications, refunds.

Rules: docs/rules/payments.md. Each provider notification is recorded once under the
unique (provider, event id): the insert of a second delivery waits for the first one's
transaction and then fails, so five concurrent deliveries apply the event once. The
payment row is locked before it is decided on, and the orders app learns of a validated
or disputed payment through billing's signals, inside the same transaction.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from accounts.models import Company
from billing.models import Payment, PaymentStatus, ProviderEvent, ProviderEventOutcome
from billing.payments.provider import Notice, NoticeKind, payment_provider
from billing.signals import payment_disputed, payment_validated
from core.audit import Actor
from core.calendar import localdate
from core.errors import BusinessError
from core.money import round_cents
from core.transitions import transition_allowed, transition_apply
from shop.models.terms_choices import PaymentMethod

PROVIDER_ACTOR = Actor.of_job("billing.payment_provider")
CURRENCY = "EUR"


def payment_card_checkout(
    *,
    company: Company,
    amount: Decimal,
    order_reference: str,
    description: str,
    return_url: str,
) -> Payment:
    """A pending card payment of `amount` for `order_reference`, with its provider checkout.

    Preconditions: the caller holds the lock of the document paid (the order), so two
    clicks on "pay" are served one after the other. Effects: the pending card payment of
    that order is returned as is when one is open (a double click opens one checkout);
    otherwise a payment is created and the provider's hosted page opened (its URL in
    `checkout_url`). Errors: BusinessError `amount_invalid` when nothing is to be paid.
    """
    amount = round_cents(amount)
    if amount <= 0:
        raise BusinessError("amount_invalid", _("Il ne reste rien à payer."))
    with transaction.atomic():
        open_checkout = Payment.objects.filter(
            company=company,
            order_reference=order_reference,
            method=PaymentMethod.CARD,
            status=PaymentStatus.PENDING,
        ).first()
        if open_checkout is not None and open_checkout.amount == amount:
            return open_checkout
        if open_checkout is not None:  # the amount due changed: that page is stale
            transition_apply(
                open_checkout,
                to=PaymentStatus.ABANDONED,
                actor=PROVIDER_ACTOR,
                reason="amount due changed",
            )
        provider = payment_provider()
        payment = Payment.objects.create(
            company=company,
            method=PaymentMethod.CARD,
            amount=amount,
            currency=CURRENCY,
            reference=order_reference,
            order_reference=order_reference,
            provider=provider.name,
        )
        checkout = provider.checkout_create(
            amount=amount,
            currency=CURRENCY,
            description=description,
            metadata={"payment_id": payment.pk, "order_reference": order_reference},
            return_url=return_url,
        )
        payment.provider_payment_id = checkout.provider_payment_id
        payment.checkout_url = checkout.redirect_url
        payment.save(update_fields=["provider_payment_id", "checkout_url"])
        return payment


def _record(*, provider: str, notice: Notice, at: datetime) -> ProviderEvent | None:
    """The event's row, or None when this event id was recorded before (a redelivery)."""
    try:
        with transaction.atomic():
            return ProviderEvent.objects.create(
                provider=provider,
                event_id=notice.event_id,
                type=notice.type,
                outcome=ProviderEventOutcome.IGNORED,
                payload=notice.payload,
                received_at=at,
            )
    except IntegrityError:
        return None


def payment_validate(
    *,
    payment: Payment,
    received_on: date,
    validated_on: date,
    actor: Actor,
    reason: str,
    data: dict | None = None,
    at: datetime | None = None,
) -> Payment:
    """Move a locked payment to validated and tell orders (`payment_validated`).

    Preconditions: the caller holds the payment's row lock in its transaction.
    """
    transition_apply(
        payment,
        to=PaymentStatus.VALIDATED,
        actor=actor,
        reason=reason,
        data=data,
        changes={"received_on": received_on, "validated_on": validated_on, "failure_message": ""},
        at=at,
        locked=True,
    )
    payment_validated.send(
        sender=Payment,
        company_id=payment.company_id,
        order_reference=payment.order_reference,
        payment_id=payment.pk,
        amount=payment.amount,
        method=payment.method,
        actor=actor,
    )
    return payment


def _validate(payment: Payment, notice: Notice, at: datetime) -> tuple[str, str]:
    if notice.amount != payment.amount or notice.currency != payment.currency:
        return ProviderEventOutcome.REFUSED, (
            f"expected {payment.amount} {payment.currency}, "
            f"notified {notice.amount} {notice.currency}"
        )
    if not transition_allowed(Payment, payment.status, PaymentStatus.VALIDATED):
        return ProviderEventOutcome.IGNORED, f"already {payment.status}"
    today = localdate(at)
    payment_validate(
        payment=payment,
        received_on=today,
        validated_on=today,
        actor=PROVIDER_ACTOR,
        reason=notice.type,
        data={"event_id": notice.event_id},
        at=at,
    )
    return ProviderEventOutcome.APPLIED, ""


def _move(
    payment: Payment, notice: Notice, at: datetime, *, to: str, changes: dict | None = None
) -> tuple[str, str]:
    if not transition_allowed(Payment, payment.status, to):
        return ProviderEventOutcome.IGNORED, f"already {payment.status}"
    transition_apply(
        payment,
        to=to,
        actor=PROVIDER_ACTOR,
        reason=notice.type,
        data={"event_id": notice.event_id},
        changes=changes,
        at=at,
        locked=True,
    )
    if to == PaymentStatus.DISPUTED:
        payment_disputed.send(
            sender=Payment,
            company_id=payment.company_id,
            order_reference=payment.order_reference,
            payment_id=payment.pk,
        )
    return ProviderEventOutcome.APPLIED, ""


def _decide(payment: Payment, notice: Notice, at: datetime) -> tuple[str, str]:
    """What the notice does to the payment; a notice that would move it backwards (a
    "pending" after the success, a failure after the success) changes nothing."""
    if notice.kind == NoticeKind.SUCCEEDED:
        return _validate(payment, notice, at)
    if notice.kind == NoticeKind.FAILED and payment.status == PaymentStatus.PENDING:
        message = notice.failure_message[:255]
        return _move(
            payment, notice, at, to=PaymentStatus.FAILED, changes={"failure_message": message}
        )
    if notice.kind == NoticeKind.CANCELED and payment.status == PaymentStatus.PENDING:
        return _move(payment, notice, at, to=PaymentStatus.ABANDONED)
    if notice.kind == NoticeKind.DISPUTED:
        return _move(payment, notice, at, to=PaymentStatus.DISPUTED)
    if notice.kind == NoticeKind.REFUNDED:
        return _move(payment, notice, at, to=PaymentStatus.REFUNDED)
    return ProviderEventOutcome.IGNORED, f"{notice.type} while {payment.status}"


def payment_notice_apply(*, provider: str, notice: Notice, at: datetime) -> ProviderEvent | None:
    """Apply one verified notification of `provider`, exactly once.

    Effects: the event is recorded with its outcome; the payment moves (validated,
    failed, abandoned, disputed, refunded) when the event allows it from its current
    status; a validation sends `payment_validated`, a dispute `payment_disputed`.
    A notified amount or currency that differs from the payment's is refused (recorded,
    the payment unchanged). Returns None for an event id already recorded. Never raises
    for a notice that cannot apply: the provider must stop redelivering it.
    """
    with transaction.atomic():
        event = _record(provider=provider, notice=notice, at=at)
        if event is None:
            return None
        payment = (
            Payment.objects.select_for_update(no_key=True)
            .filter(provider=provider, provider_payment_id=notice.provider_payment_id)
            .first()
        )
        if payment is None:
            event.outcome, event.detail = ProviderEventOutcome.UNKNOWN_PAYMENT, ""
        else:
            event.payment = payment
            event.outcome, event.detail = _decide(payment, notice, at)
        event.save(update_fields=["payment", "outcome", "detail"])
        return event


def payment_refund(*, payment: Payment, amount: Decimal) -> str:
    """Ask the provider to refund `amount` of a validated card payment.

    Errors: BusinessError `refund_not_allowed` unless the payment is validated or
    disputed, `refund_above_paid` when `amount` exceeds what was paid. The payment moves
    to refunded when the provider's notification arrives.
    """
    amount = round_cents(amount)
    if payment.status not in (PaymentStatus.VALIDATED, PaymentStatus.DISPUTED):
        raise BusinessError("refund_not_allowed", _("Seul un paiement validé peut être remboursé."))
    if amount <= 0 or amount > payment.amount:
        raise BusinessError(
            "refund_above_paid",
            _("Le remboursement (%(amount)s €) dépasse le montant payé (%(paid)s €)."),
            field="amount",
            params={"amount": amount, "paid": payment.amount},
        )
    return payment_provider().refund_create(
        provider_payment_id=payment.provider_payment_id, amount=amount, currency=payment.currency
    )
