"""E-mails of quotes and orders: French source, rendered in each recipient's language
(English or Dutch when the user chose it), sent once the transaction commits (the order's
acknowledgement through the outbox, see `orders.services.after_signing`).

Templates: `orders/emails/<name>_subject.txt` and `orders/emails/<name>.txt`.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.functional import lazy

from accounts.emails import staff_recipients
from accounts.models import User
from core.links import language_supported, site_url, url_in_language
from orders.models import CancellationCause, Order, Quote
from orders.presentation import validity_text
from orders.selectors import quote_recipients

# The staff group of sales (created by migration 0002): told of new quote requests.
SALES_GROUP = "Service commercial"


def _render(*, user, name: str, context: dict, url_for) -> tuple[str, str, str]:
    """Subject, body and address of the e-mail `name` for `user`, in their language."""
    language = language_supported(getattr(user, "language", None))
    with translation.override(language):
        full = {**context, "user": user, "url": site_url(url_for(language))}
        subject = " ".join(render_to_string(f"orders/emails/{name}_subject.txt", full).split())
        body = render_to_string(f"orders/emails/{name}.txt", full)
    return subject, body, user.email


def _queue(*, users, name: str, context: dict, url_for) -> None:
    """Render `name` now for each user in their language; send after commit."""
    messages = []
    seen = set()
    for user in users:
        if user.pk in seen:
            continue
        seen.add(user.pk)
        messages.append(_render(user=user, name=name, context=context, url_for=url_for))

    def send():
        for subject, body, to in messages:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to], fail_silently=False)

    transaction.on_commit(send)


def quote_issued_mail(*, quote: Quote) -> None:
    """The issued quote, to the company's buyers and signatories."""
    _queue(
        users=quote_recipients(company=quote.company),
        name="quote_issued",
        context={
            "quote": quote,
            "company": quote.company,
            # Evaluated when each message renders, in its recipient's language.
            "validity": lazy(validity_text, str)(quote.valid_until),
        },
        url_for=lambda language: url_in_language(
            "orders:quote_detail",
            language=language,
            kwargs={"number": quote.number, "version": quote.version},
        ),
    )


def order_acknowledgement_recipients(*, order: Order, signer) -> list:
    """The signer, then the company's buyers and signatories, each once."""
    seen, users = set(), []
    for user in [signer, *quote_recipients(company=order.company)]:
        if user.pk not in seen:
            seen.add(user.pk)
            users.append(user)
    return users


def order_acknowledgement_send(*, order: Order, user) -> None:
    """The acknowledgement of receipt of the order (001 art. 4: the contract is formed at
    this acknowledgement) to one recipient, now (called by the outbox's worker)."""
    subject, body, to = _render(
        user=user,
        name="order_acknowledgement",
        context={"order": order, "company": order.company, "quote": order.quote},
        url_for=lambda language: url_in_language(
            "orders:order_detail", language=language, kwargs={"number": order.number}
        ),
    )
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to], fail_silently=False)


def quote_request_staff_mail(*, quote_request, company) -> None:
    """A new quote request, to sales (`settings.SALES_NOTIFICATION_EMAILS`, else the active
    members of the sales group), with the link to create the quote from it."""
    path = reverse("admin:shop_quoterequest_change", args=[quote_request.pk])
    context = {
        "quote_request": quote_request,
        "company": company,
        "requester": quote_request.user,
        "url": site_url(path),
    }
    messages = []
    for to, language in staff_recipients(
        addresses=settings.SALES_NOTIFICATION_EMAILS, group=SALES_GROUP
    ):
        with translation.override(language_supported(language)):
            subject = " ".join(
                render_to_string("orders/emails/quote_request_staff_subject.txt", context).split()
            )
            body = render_to_string("orders/emails/quote_request_staff.txt", context)
        messages.append((subject, body, to))

    def send():
        for subject, body, to in messages:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to], fail_silently=False)

    transaction.on_commit(send)


def order_cancelled_deliver(*, payload: dict) -> None:
    """Outbox handler: tell `payload["user"]` that the order `payload["order"]` is
    cancelled, why, and the fee charged (none for an unpaid transfer, 002 art. 4)."""
    order = Order.objects.select_related("company").get(pk=payload["order"])
    subject, body, to = _render(
        user=User.objects.get(pk=payload["user"]),
        name="order_cancelled",
        context={
            "order": order,
            "company": order.company,
            "reason": payload.get("reason")
            or (CancellationCause(payload["cause"]).label if payload.get("cause") else ""),
            "fee": Decimal(payload.get("fee") or "0"),
        },
        url_for=lambda language: url_in_language(
            "orders:order_detail", language=language, kwargs={"number": order.number}
        ),
    )
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to], fail_silently=False)
