"""Customer portal: my quotes (list, detail, PDFs, signing, verification, renewal), the
company's quote requests, and my orders. Every read goes through a selector that takes
the user's company: another company's quote, request or order is a 404.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import Role
from accounts.selectors import company_order_gate
from accounts.views.access import company_member_required
from core.calendar import localdate
from core.documents import document_response
from core.errors import BusinessError
from core.forms import add_business_error
from core.http import client_ip
from orders.forms import QuoteSignForm
from orders.models import QuoteStatus
from orders.presentation import (
    payment_method_labels,
    quote_document,
    quote_request_extras,
    remaining_text,
)
from orders.selectors import (
    payment_methods_for_company,
    quote_content,
    quote_get_for_company,
    quote_list_for_company,
    quote_request_get_for_company,
    quote_requests_for_company,
    quote_verify,
    quote_versions,
)
from orders.services import quote_renew_request, quote_sign
from orders.services.expiry import quote_renewal_request_of
from shop.services.tax import VatRegime


def _quote_or_404(request, number: str, version: int):
    quote = quote_get_for_company(company=request.company, number=number, version=version)
    if quote is None:
        raise Http404
    return quote


def _is_past(quote, now) -> bool:
    return quote.status == QuoteStatus.EXPIRED or (
        quote.status == QuoteStatus.ISSUED and now >= quote.valid_until
    )


def _signing_state(request, quote, now):
    """Whether this user may sign this quote now, and if not, why (shown on the page)."""
    gate = company_order_gate(company=request.company, on=localdate(now))
    reason = ""
    if quote.status == QuoteStatus.SIGNED:
        reason = _("Ce devis est signé.")
    elif quote.status == QuoteStatus.SUPERSEDED:
        reason = _("Ce devis a été remplacé par une nouvelle version.")
    elif _is_past(quote, now):
        reason = _("La validité de ce devis est dépassée.")
    elif not request.membership.has_role(Role.SIGNATORY):
        reason = _(
            "Seul un utilisateur ayant le rôle « signataire » peut donner le bon pour accord."
        )
    elif not gate.is_open:
        reason = f"{gate.title} — {gate.explanation}"
    return reason == "", reason, gate


def _quote_context(request, quote, now) -> dict:
    can_sign, sign_reason, gate = _signing_state(request, quote, now)
    order = getattr(quote, "order", None) if quote.status == QuoteStatus.SIGNED else None
    return {
        "quote": quote,
        "doc": quote_document(quote_content(quote=quote)),
        "versions": quote_versions(quote=quote),
        "remaining": remaining_text(valid_until=quote.valid_until, now=now),
        "is_past": _is_past(quote, now),
        "can_sign": can_sign,
        "sign_reason": sign_reason,
        "gate": gate,
        "signature": getattr(quote, "signature", None)
        if quote.status == QuoteStatus.SIGNED
        else None,
        "order": order,
        "renewal": quote_renewal_request_of(quote=quote) if _is_past(quote, now) else None,
    }


@company_member_required
def quote_list(request):
    now = timezone.now()
    rows = [
        {
            "quote": quote,
            "is_past": _is_past(quote, now),
            "remaining": remaining_text(valid_until=quote.valid_until, now=now),
        }
        for quote in quote_list_for_company(company=request.company)
    ]
    return render(
        request,
        "orders/quote_list.html",
        {"rows": rows, "requests": quote_requests_for_company(company=request.company)},
    )


@company_member_required
def quote_request_detail(request, pk: int):
    row = quote_request_get_for_company(company=request.company, pk=pk)
    if row is None:
        raise Http404
    return render(
        request,
        "orders/quote_request_detail.html",
        {
            "row": row,
            "quote_request": row.request,
            "extras": quote_request_extras(row.request),
            "regime": VatRegime.from_dict(row.request.vat_regime),
        },
    )


@company_member_required
def quote_detail(request, number: str, version: int):
    quote = _quote_or_404(request, number, version)
    return render(
        request, "orders/quote_detail.html", _quote_context(request, quote, timezone.now())
    )


@company_member_required
def quote_pdf(request, number: str, version: int):
    quote = _quote_or_404(request, number, version)
    return document_response(doc=quote.pdf, as_attachment=False)


@company_member_required
def quote_signed_pdf(request, number: str, version: int):
    quote = _quote_or_404(request, number, version)
    if quote.status != QuoteStatus.SIGNED:
        raise Http404
    if quote.signature.signed_pdf is None:
        messages.info(request, SIGNED_PDF_PENDING)
        return redirect("orders:quote_detail", number=number, version=version)
    return document_response(doc=quote.signature.signed_pdf, as_attachment=False)


# The signed PDF is rendered by a worker a few seconds after the signature.
SIGNED_PDF_PENDING = gettext_lazy(
    "Le devis signé (PDF) est en cours de préparation : il sera disponible dans quelques instants."
)


def _sign_form(request, quote, data=None):
    allowed = set(payment_methods_for_company(company=request.company, terms=quote.terms))
    methods = [m for m in quote.payment_methods if m in allowed]
    terms_label = _(
        "J'ai lu et j'accepte les conditions générales de vente, version %(version)s, et je "
        "donne mon « Bon pour accord » sur ce devis, sans modification."
    ) % {"version": quote.terms.version}
    return QuoteSignForm(
        data,
        payment_methods=payment_method_labels(methods),
        expected_quote_id=quote.pk,
        terms_label=terms_label,
        initial={
            "quote_id": quote.pk,
            "content_sha256": quote.content_sha256,
            "pdf_sha256": quote.pdf.sha256,
        },
    )


@company_member_required
@require_http_methods(["GET", "POST"])
def quote_sign_view(request, number: str, version: int):
    quote = _quote_or_404(request, number, version)
    now = timezone.now()
    if request.method == "GET":
        form = _sign_form(request, quote)
        context = _quote_context(request, quote, now)
        return render(request, "orders/quote_sign.html", {**context, "form": form})
    form = _sign_form(request, quote, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            order = quote_sign(
                quote_id=quote.pk,
                user=request.user,
                content_sha256=data["content_sha256"],
                pdf_sha256=data["pdf_sha256"],
                signer_name=data["signer_name"],
                signer_title=data["signer_title"],
                signature_mode=data["signature_mode"],
                signature_data=data["signature_data"],
                typed_signature=data["typed_signature"],
                payment_method=data["payment_method"],
                accept_terms=data["accept_terms"],
                ip_address=client_ip(request),
                user_agent=request.headers.get("User-Agent", ""),
                now=now,
            )
        except BusinessError as error:
            if error.code == "quote_not_found":
                raise Http404 from error
            add_business_error(form, error)
        else:
            messages.success(
                request,
                _(
                    "Merci : votre bon pour accord est enregistré. La commande %(number)s est "
                    "formée ; un accusé de réception vous est envoyé par e-mail."
                )
                % {"number": order.number},
            )
            return redirect("orders:order_detail", number=order.number)
    quote.refresh_from_db()
    context = _quote_context(request, quote, timezone.now())
    return render(request, "orders/quote_sign.html", {**context, "form": form}, status=400)


@company_member_required
def quote_verify_view(request, number: str, version: int):
    quote = _quote_or_404(request, number, version)
    return render(
        request,
        "orders/quote_verify.html",
        {"quote": quote, "verification": quote_verify(quote=quote)},
    )


@company_member_required
@require_POST
def quote_renew(request, number: str, version: int):
    quote = _quote_or_404(request, number, version)
    try:
        quote_request = quote_renew_request(quote=quote, user=request.user)
    except BusinessError as error:
        messages.error(request, error.message)
        return redirect("orders:quote_detail", number=number, version=version)
    messages.success(
        request,
        _(
            "Votre demande de nouveau devis aux prix en vigueur est transmise au service "
            "commercial."
        ),
    )
    return redirect(reverse("orders:quote_request_detail", kwargs={"pk": quote_request.pk}))
