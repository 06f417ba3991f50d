"""Portal for the company's accountants (and administrators): invoices and credit notes
with filters, one-by-one downloads (Factur-X PDF; Peppol UBL for a Belgian seller) and
the period archive built by a worker, with its progress. Every read takes the user's
company: another company's document is a 404.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts.models import Role
from accounts.views.access import company_member_required
from billing.einvoice.ubl import ubl_xml
from billing.forms import ArchiveForm, DocumentFilterForm
from billing.models import ExportStatus
from billing.selectors import (
    accounting_export_get_for_company,
    company_accounting_exports,
    company_credit_notes,
    company_invoices_filtered,
    credit_note_get_for_company,
    invoice_get_for_company,
)
from billing.services.exports import accounting_export_request, export_path
from billing.services.pdf import document_pdf_ensure
from core.calendar import localdate
from core.documents import document_response
from core.errors import BusinessError
from core.forms import add_business_error
from shop.selectors import seller_get_current

# The archive form shares the page with the filters: its own field names and ids.
ARCHIVE_PREFIX = "archive"


def _accountant(request) -> None:
    membership = request.membership
    if not (membership.has_role(Role.ACCOUNTANT) or membership.is_administrator):
        raise PermissionDenied


def _document(request, kind: str, number: str):
    if kind == "facture":
        return invoice_get_for_company(company=request.company, number=number)
    if kind == "avoir":
        return credit_note_get_for_company(company=request.company, number=number)
    raise Http404


@company_member_required
def document_list(request, archive_form=None):
    _accountant(request)
    today = localdate(timezone.now())
    form = DocumentFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    period = {"date_from": filters.get("date_from"), "date_to": filters.get("date_to")}
    invoices = company_invoices_filtered(
        company=request.company, as_of=today, status=filters.get("status", ""), **period
    )
    notes = company_credit_notes(company=request.company, **period)
    return render(
        request,
        "billing/document_list.html",
        {
            "form": form,
            "invoices": invoices,
            "credit_notes": notes if not filters.get("status") else [],
            "today": today,
            "archive_form": archive_form or ArchiveForm(initial=period, prefix=ARCHIVE_PREFIX),
            "exports": company_accounting_exports(company=request.company),
            "peppol": _peppol(),
        },
    )


def _peppol() -> bool:
    """A Belgian seller's documents are also downloadable as Peppol UBL."""
    seller = seller_get_current()
    return seller is not None and seller.country == "BE"


@company_member_required
def document_pdf(request, kind: str, number: str):
    _accountant(request)
    document = _document(request, kind, number)
    return document_response(doc=document_pdf_ensure(document=document))


@company_member_required
def document_ubl(request, kind: str, number: str):
    _accountant(request)
    document = _document(request, kind, number)
    if document.seller.get("country") != "BE":
        raise Http404
    response = HttpResponse(ubl_xml(document), content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="{document.number}.xml"'
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@company_member_required
def archive_request(request):
    _accountant(request)
    form = ArchiveForm(request.POST, prefix=ARCHIVE_PREFIX)
    if form.is_valid():
        try:
            export = accounting_export_request(
                company=request.company,
                date_from=form.cleaned_data["date_from"],
                date_to=form.cleaned_data["date_to"],
                user=request.user,
            )
        except BusinessError as error:
            add_business_error(form, error)
        else:
            return redirect("billing_portal:archive_detail", pk=export.pk)
    return document_list(request, archive_form=form)


@company_member_required
def archive_detail(request, pk: int):
    _accountant(request)
    export = accounting_export_get_for_company(company=request.company, pk=pk)
    return render(request, "billing/archive_detail.html", {"export": export})


@company_member_required
def archive_download(request, pk: int):
    _accountant(request)
    export = accounting_export_get_for_company(company=request.company, pk=pk)
    if export.status != ExportStatus.DONE:
        raise Http404
    response = FileResponse(
        export_path(export).open("rb"),
        as_attachment=True,
        filename=f"factures-{export.date_from:%Y%m%d}-{export.date_to:%Y%m%d}.zip",
        content_type="application/zip",
    )
    response["Cache-Control"] = "private, no-store"
    return response
