"""The online "Bon pour accord": a signatory signs the exact issued quote, and the order is
formed in the same transaction (000 art. 2, 001 art. 4, docs/rules/quotes-signing.md).

The transaction holds the company's, the quote's and the stock's locks: it keeps only the
evidence and the order formation, in a bounded number of queries whatever the number of
lines. The signed PDF and the acknowledgement follow after commit, through the outbox
(`orders.services.after_signing`).
"""

from __future__ import annotations

import hmac
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Company, Role
from accounts.selectors import (
    commercial_settings_for_company,
    company_order_gate,
    membership_of_request_user,
)
from core.audit import Actor
from core.calendar import localdate
from core.documents import document_store
from core.errors import BusinessError
from core.transitions import transition_apply
from orders.emails import order_acknowledgement_recipients
from orders.models import Order, Quote, QuoteSignature, QuoteStatus, SignatureMode
from orders.selectors import payment_methods_for_company
from orders.services.after_signing import after_signing_outbox
from orders.services.modifications import order_revision_apply
from orders.services.orders import order_create_from_quote
from orders.services.signature_image import signature_png_check

NAME_MAX = 150


def _text(value: str | None, *, field: str, code: str, message) -> str:
    text = " ".join((value or "").split())
    if not text:
        raise BusinessError(code, message, field=field)
    if len(text) > NAME_MAX:
        raise BusinessError(
            f"{code}_too_long",
            _("%(max)s caractères au plus."),
            field=field,
            params={"max": NAME_MAX},
        )
    return text


def _not_found() -> BusinessError:
    return BusinessError("quote_not_found", _("Ce devis n'existe pas ou ne vous est pas destiné."))


def quote_sign(
    *,
    quote_id: int,
    user,
    content_sha256: str,
    pdf_sha256: str,
    signer_name: str,
    signer_title: str,
    signature_mode: str,
    payment_method: str,
    accept_terms: bool,
    signature_data: str = "",
    typed_signature: str = "",
    ip_address: str | None = None,
    user_agent: str = "",
    now: datetime | None = None,
) -> Order:
    """Sign the issued quote `quote_id` for the signatory's company and form the order.

    Preconditions, each refused with a BusinessError (code):
    - the inputs: name and title typed (`signer_name_required`, `signer_title_required`),
      a drawn signature that is a non-blank PNG within the size cap (see
      `signature_png_check`) or a typed one (`signature_typed_required`), the terms
      accepted (`terms_not_accepted`);
    - the user is an active member of the quote's company (`quote_not_found`: the view
      answers 404), holding the signatory role (`signer_not_signatory`), of a company
      whose order gate is open: approved and not dormant (`company_may_not_order`);
    - the quote is issued (`quote_already_signed`, `quote_superseded`, `quote_expired`,
      `quote_not_issued`) and `now` is before its validity end (`quote_expired`);
    - the content and PDF hashes the page was built with are the quote's
      (`quote_changed`): what was shown is what is signed;
    - the payment method is one the quote offers and the company may still use
      (`payment_method_not_allowed`).
    Effects, in one transaction that locks the company, then the quote, then (order
    formation) the stock rows: the signature image is stored with its SHA-256; the
    evidence row is written (append-only); the quote moves to "signed" (audited); the
    order is formed (`order_create_from_quote`), or, for a version answering a
    modification request, the order it modifies follows it (`order_revision_apply`,
    which may refuse with `modification_refused`); outbox rows are written for the signed
    PDF and for the acknowledgement of receipt to the signer and the company's buyers and
    signatories, which workers render and send after commit. Two signatories signing at
    once: the second waits for the company lock, then finds the quote signed.
    """
    now = now or timezone.now()
    name = _text(
        signer_name,
        field="signer_name",
        code="signer_name_required",
        message=_("Indiquez vos nom et prénom."),
    )
    title = _text(
        signer_title,
        field="signer_title",
        code="signer_title_required",
        message=_("Indiquez votre qualité (fonction) dans l'entreprise."),
    )
    png = None
    typed = ""
    if signature_mode == SignatureMode.DRAWN:
        png = signature_png_check(signature_data)
    elif signature_mode == SignatureMode.TYPED:
        typed = _text(
            typed_signature,
            field="typed_signature",
            code="signature_typed_required",
            message=_("Tapez votre signature (vos nom et prénom)."),
        )
    else:
        raise BusinessError(
            "signature_mode_invalid",
            _("Choisissez de dessiner ou de taper votre signature."),
            field="signature_mode",
        )
    if not accept_terms:
        raise BusinessError(
            "terms_not_accepted",
            _("Cochez l'acceptation des conditions générales de vente pour signer."),
            field="accept_terms",
        )
    membership = membership_of_request_user(user=user)
    if membership is None or not user.is_active:
        raise _not_found()
    actor = Actor.of_user(user)
    with transaction.atomic():
        # Company, then document, then (order formation) stock: the design's lock order.
        company = Company.objects.select_for_update(no_key=True).get(pk=membership.company_id)
        quote = (
            Quote.objects.select_for_update(no_key=True, of=("self",))
            .select_related("terms", "pdf", "delivery_address")
            .filter(pk=quote_id, company_id=company.pk)
            .first()
        )
        if quote is None:
            raise _not_found()
        if not membership.has_role(Role.SIGNATORY):
            raise BusinessError(
                "signer_not_signatory",
                _(
                    "Seul un utilisateur ayant le rôle « signataire » peut donner le bon pour "
                    "accord. Demandez à un administrateur de votre entreprise."
                ),
            )
        gate = company_order_gate(company=company, on=localdate(now))
        if not gate.is_open:
            raise BusinessError(
                "company_may_not_order",
                _("%(title)s — %(explanation)s"),
                params={"title": gate.title, "explanation": gate.explanation},
            )
        _check_signable(quote, now)
        terms, shown_pdf = quote.terms, quote.pdf
        assert terms is not None and shown_pdf is not None  # both set when it was issued
        if not (
            hmac.compare_digest(str(content_sha256 or ""), quote.content_sha256)
            and hmac.compare_digest(str(pdf_sha256 or ""), shown_pdf.sha256)
        ):
            raise BusinessError(
                "quote_changed",
                _(
                    "Le devis a changé depuis l'affichage de la page : relisez la version "
                    "actuelle avant de signer."
                ),
            )
        conditions = commercial_settings_for_company(company=company)
        allowed = set(
            payment_methods_for_company(company=company, terms=terms, settings=conditions)
        )
        if payment_method not in quote.payment_methods or payment_method not in allowed:
            raise BusinessError(
                "payment_method_not_allowed",
                _("Ce moyen de paiement n'est pas proposé pour ce devis."),
                field="payment_method",
            )
        image = None
        if png is not None:
            image = document_store(
                content=png,
                filename=f"signature-{quote.reference.replace(' ', '-')}.png",
                content_type="image/png",
                kind="signature",
                created_by=user,
            )
        evidence = QuoteSignature.objects.create(
            quote=quote,
            signer=user,
            signer_name=name,
            signer_title=title,
            company_name=company.legal_name,
            signed_at=now,
            ip_address=ip_address or None,
            user_agent=(user_agent or "")[:1000],
            terms=terms,
            terms_version=terms.version,
            payment_method=payment_method,
            content_sha256=quote.content_sha256,
            shown_pdf_sha256=shown_pdf.sha256,
            signature_mode=signature_mode,
            signature_image=image,
            signature_image_sha256=image.sha256 if image else "",
            typed_signature=typed,
        )
        transition_apply(
            quote,
            to=QuoteStatus.SIGNED,
            actor=actor,
            at=now,
            reason="Bon pour accord",
            data={"payment_method": payment_method, "content_sha256": quote.content_sha256},
            locked=True,
        )
        order = order_revision_apply(quote=quote, user=user, now=now)
        modified = order is not None
        if order is None:
            order = order_create_from_quote(
                quote=quote,
                company=company,
                settings=conditions,
                user=user,
                payment_method=payment_method,
                now=now,
            )
        after_signing_outbox(
            signature=evidence,
            order=order,
            # The order was acknowledged when formed; its modification is on its timeline.
            recipients=[]
            if modified
            else order_acknowledgement_recipients(order=order, signer=user),
        )
    return order


def _check_signable(quote: Quote, now: datetime) -> None:
    status = quote.status
    if status == QuoteStatus.SIGNED:
        raise BusinessError("quote_already_signed", _("Ce devis est déjà signé."))
    if status == QuoteStatus.SUPERSEDED:
        raise BusinessError(
            "quote_superseded",
            _("Ce devis a été remplacé par une nouvelle version : signez la dernière version."),
        )
    if status == QuoteStatus.EXPIRED or (
        status == QuoteStatus.ISSUED and quote.valid_until is not None and now >= quote.valid_until
    ):
        raise BusinessError(
            "quote_expired",
            _(
                "La validité de ce devis est dépassée : il ne peut plus être accepté. "
                "Demandez un nouveau devis aux prix en vigueur."
            ),
        )
    if status != QuoteStatus.ISSUED:
        raise BusinessError("quote_not_issued", _("Ce devis n'est pas à signer."))
