"""Customer portal: my returns (list, detail, return form PDF) and the request form, per
invoice line. Every read takes the user's company: another company's return, invoice or
invoice line is a 404."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.models import Role
from accounts.views.access import company_member_required
from core.audit import audit_history
from core.calendar import localdate
from core.documents import document_view
from core.errors import BusinessError
from returns.choices import ReturnReason
from returns.documents import return_form_pdf_response
from returns.forms import posted_line_ids, return_line_input
from returns.models import ReturnStatus
from returns.presentation import invoice_rows
from returns.selectors import (
    invoice_line_get_for_company,
    recent_invoices_for_company,
    return_billing_documents,
    return_document_pdf,
    return_get_for_company,
    return_lines,
    returnable_invoices_for_company,
    returns_for_company,
)
from returns.services import line_field, return_request_create

AUTHORISED = {ReturnStatus.AUTHORISED, ReturnStatus.PARTLY_AUTHORISED}


def _may_request(request) -> bool:
    return request.membership.has_role(Role.BUYER) or request.membership.has_role(
        Role.ADMINISTRATOR
    )


@company_member_required
def return_list(request):
    return render(
        request,
        "returns/return_list.html",
        {
            "returns": returns_for_company(company=request.company),
            "may_request": _may_request(request),
        },
    )


def _invoice_numbers(request, posted_lines) -> list[str]:
    """The invoices shown: those asked for, and those of the lines sent."""
    numbers = []
    for value in request.GET.getlist("factures") + request.POST.getlist("factures"):
        numbers += value.replace(",", " ").split()
    return numbers + [line.invoice.number for line in posted_lines]


@company_member_required
@require_http_methods(["GET", "POST"])
def return_new(request):
    """GET: choose the invoices, then each line's quantity, serials, reason, description,
    photos; POST: the request (errors next to their line, everything typed kept)."""
    if not _may_request(request):
        raise PermissionDenied
    today = localdate(timezone.now())
    posted = [
        invoice_line_get_for_company(company=request.company, pk=pk)
        for pk in posted_line_ids(request.POST)
    ]
    invoices = returnable_invoices_for_company(
        company=request.company, numbers=_invoice_numbers(request, posted)
    )
    error = None
    if request.method == "POST":
        try:
            lines = [return_line_input(request.POST, request.FILES, line.pk) for line in posted]
            created = return_request_create(company=request.company, user=request.user, lines=lines)
        except BusinessError as refused:
            error = refused
        else:
            messages.success(
                request,
                _("Demande de retour envoyée : le service après-vente l'examine."),
            )
            return redirect("returns:return_detail", pk=created.pk)
    data = request.POST if request.method == "POST" else {}
    return render(
        request,
        "returns/return_new.html",
        {
            "invoices": [
                (
                    invoice,
                    [
                        _form_row(row, data, error)
                        for row in invoice_rows(invoice=invoice, on=today)
                    ],
                )
                for invoice in invoices
            ],
            "numbers": " ".join(invoice.number for invoice in invoices),
            "recent": recent_invoices_for_company(company=request.company),
            "reasons": ReturnReason.choices,
            "error": error,
            "error_elsewhere": error is not None and not _is_line_field(error.field),
        },
        status=400 if error else 200,
    )


FIELDS = ("quantity", "reason", "serials", "description", "discovered_on", "photos")


def _is_line_field(name: str | None) -> bool:
    return bool(name) and any(name.endswith(f"_{field}") for field in FIELDS)


def _form_row(row, data, error) -> dict:
    """One invoice line of the form: its coverage, what the customer typed, its error."""
    pk = row.line.pk
    names = {field: line_field(pk, field) for field in FIELDS}
    return {
        "row": row,
        "names": names,
        "values": {field: data.get(name, "") for field, name in names.items()},
        "error": error if error is not None and error.field in names.values() else None,
    }


@company_member_required
def return_detail(request, pk: int):
    found = return_get_for_company(company=request.company, pk=pk)
    return render(
        request,
        "returns/return_detail.html",
        {
            "rma": found,
            "lines": return_lines(request=found),
            "documents": return_billing_documents(request=found),
            "history": [
                (event.created_at, ReturnStatus(event.to_state).label)
                for event in audit_history(found)
                if event.to_state in ReturnStatus.values
            ],
            "may_print": found.status in AUTHORISED,
        },
    )


@company_member_required
def return_form_pdf(request, pk: int):
    found = return_get_for_company(company=request.company, pk=pk)
    if found.status not in AUTHORISED:
        raise Http404
    return return_form_pdf_response(request=found)


@company_member_required
@document_view(as_attachment=False)
def return_document(request, pk: int, number: str):
    """A credit note or fee invoice of the company's return, as billing stored it."""
    found = return_get_for_company(company=request.company, pk=pk)
    return return_document_pdf(request=found, number=number)
