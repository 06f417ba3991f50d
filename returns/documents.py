"""The return form (PDF) the customer puts in the parcel with a copy of the invoice and
the original packaging (001 art. 13, 003 art. 6.3). Rendered on demand from the request,
in French, the contract language: it is a label for the parcel, not an issued document."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils import translation

from core.documents import PDF_CONTENT_TYPE, pdf_render
from returns.models import LineDecision, ReturnRequest
from shop.selectors import seller_get_required


def return_form_pdf(*, request: ReturnRequest) -> bytes:
    with translation.override("fr"):
        return pdf_render(
            template_name="returns/pdf/return_form.html",
            context={
                "seller": seller_get_required(),
                "rma": request,
                "lines": request.lines.filter(decision=LineDecision.AUTHORISED).select_related(
                    "invoice_line__invoice"
                ),
            },
        )


def return_form_pdf_response(*, request: ReturnRequest) -> HttpResponse:
    response = HttpResponse(return_form_pdf(request=request), content_type=PDF_CONTENT_TYPE)
    response["Content-Disposition"] = f'inline; filename="{request.rma_number}.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
