"""The online "Bon pour accord": a signatory signs the exact issued quote, and the order is
formed in the same transaction (000 art. 2, 001 art. 4, DOMAIN section 3).
"""

from __future__ import annotations

import hmac
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Company, Role
from accounts.selectors import company_order_gate, membership_get_for_user
from core.audit import Actor
from core.calendar import localdate
from core.documents import PDF_CONTENT_TYPE, document_store
from core.errors import BusinessError
from core.transitions import transition_apply
from orders.models import Order, Quote, QuoteSignature, QuoteStatus, SignatureMode
from orders.selectors import payment_method_label, payment_methods_for_company, quote_content
from orders.services.orders import order_create_from_quote
from orders.services.pdf import SignatureBlock, quote_pdf_render
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
    formation) the stock rows: the signature image and the signed PDF are stored with
    their SHA-256; the evidence row is written (append-only); the quote moves to "signed"
    (audited); the order is formed (`order_create_from_quote`); after commit the
    acknowledgement of receipt is e-mailed to the company. Two signatories signing at
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
    membership = membership_get_for_user(user=user)
    if membership is None or not user.is_active:
        raise _not_found()
    owner = Quote.objects.filter(pk=quote_id).values_list("company_id", flat=True).first()
    if owner is None or owner != membership.company_id:
        raise _not_found()
    actor = Actor.of_user(user)
    with transaction.atomic():
        company = Company.objects.select_for_update().get(pk=owner)
        quote = (
            Quote.objects.select_for_update(of=("self",))
            .select_related("terms", "pdf")
            .get(pk=quote_id)
        )
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
        if not (
            hmac.compare_digest(str(content_sha256 or ""), quote.content_sha256)
            and hmac.compare_digest(str(pdf_sha256 or ""), quote.pdf.sha256)
        ):
            raise BusinessError(
                "quote_changed",
                _(
                    "Le devis a changé depuis l'affichage de la page : relisez la version "
                    "actuelle avant de signer."
                ),
            )
        allowed = set(payment_methods_for_company(company=company, terms=quote.terms))
        if payment_method not in quote.payment_methods or payment_method not in allowed:
            raise BusinessError(
                "payment_method_not_allowed",
                _("Ce moyen de paiement n'est pas proposé pour ce devis."),
                field="payment_method",
            )
        reference = quote.reference.replace(" ", "-")
        image = None
        if png is not None:
            image = document_store(
                content=png,
                filename=f"signature-{reference}.png",
                content_type="image/png",
                kind="signature",
                created_by=user,
            )
        block = SignatureBlock(
            signer_name=name,
            signer_title=title,
            signed_at=now,
            company_name=company.legal_name,
            payment_method_label=_french_label(payment_method),
            content_sha256=quote.content_sha256,
            shown_pdf_sha256=quote.pdf.sha256,
            signature_png=png,
            typed_signature=typed,
        )
        signed_pdf = document_store(
            content=quote_pdf_render(content=quote_content(quote=quote), signature=block),
            filename=f"devis-{reference}-bon-pour-accord.pdf",
            content_type=PDF_CONTENT_TYPE,
            kind="quote-signed",
            created_by=user,
        )
        QuoteSignature.objects.create(
            quote=quote,
            signer=user,
            signer_name=name,
            signer_title=title,
            company_name=company.legal_name,
            signed_at=now,
            ip_address=ip_address or None,
            user_agent=(user_agent or "")[:1000],
            terms=quote.terms,
            terms_version=quote.terms.version,
            payment_method=payment_method,
            content_sha256=quote.content_sha256,
            shown_pdf_sha256=quote.pdf.sha256,
            signature_mode=signature_mode,
            signature_image=image,
            signature_image_sha256=image.sha256 if image else "",
            typed_signature=typed,
            signed_pdf=signed_pdf,
            signed_pdf_sha256=signed_pdf.sha256,
        )
        transition_apply(
            quote,
            to=QuoteStatus.SIGNED,
            actor=actor,
            at=now,
            reason="Bon pour accord",
            data={
                "payment_method": payment_method,
                "content_sha256": quote.content_sha256,
                "signed_pdf_sha256": signed_pdf.sha256,
            },
        )
        order = order_create_from_quote(
            quote=quote, company=company, user=user, payment_method=payment_method, now=now
        )
        from orders.emails import order_acknowledgement_mail

        order_acknowledgement_mail(order=order, signer=user)
    return order


def _french_label(method: str) -> str:
    from django.utils import translation

    with translation.override("fr"):
        return payment_method_label(method)


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
