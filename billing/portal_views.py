"""The customer's statement of account: what the company owes, with the penalties accrued
today, its receivables CSV, an invoice's page with its penalties of today and the card
payment of what it leaves due, and its movements of a period with the running balance, as
a page and a PDF (accountants and administrators of the company only)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from accounts.models import Role
from accounts.views.access import company_member_required
from billing.account_statement import account_statement, account_statement_pdf
from billing.forms import StatementPeriodForm
from billing.presentation import penalty_text
from billing.receivables_csv import receivables_csv_write
from billing.selectors import (
    company_arrears_state,
    invoice_get_for_company,
    invoice_receivable,
    receivables_as_of,
)
from billing.services.invoice_card import invoice_card_checkout
from core.errors import BusinessError
from core.jobs import business_today

ROLES = (Role.ACCOUNTANT, Role.ADMINISTRATOR)


def _allowed(request) -> bool:
    return any(request.membership.has_role(role) for role in ROLES)


@company_member_required
def statement(request):
    if not _allowed(request):
        return render(request, "billing/portal/accountants_only.html", status=403)
    today = business_today()
    receivables = [
        r for r in receivables_as_of(as_of=today, company=request.company) if r.amount_due
    ]
    period_form = StatementPeriodForm(request.GET or None)
    date_from, date_to = period_form.period(today)
    if not period_form.is_bound:  # show the default period in the fields
        period_form = StatementPeriodForm(initial={"date_from": date_from, "date_to": date_to})
    context = {
        "period_form": period_form,
        "account": account_statement(company=request.company, date_from=date_from, date_to=date_to),
        "company": request.company,
        "today": today,
        "receivables": receivables,
        "total_due": sum((r.amount_due for r in receivables), 0),
        "total_penalties": sum((r.penalties for r in receivables), 0),
        "arrears": company_arrears_state(company=request.company),
    }
    return render(request, "billing/portal/statement.html", context)


@company_member_required
def statement_csv(request):
    if not _allowed(request):
        return render(request, "billing/portal/accountants_only.html", status=403)
    today = business_today()
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="creances-{today:%Y-%m-%d}.csv"'
    receivables_csv_write(
        receivables=receivables_as_of(as_of=today, company=request.company), out=response
    )
    return response


@company_member_required
def invoice_detail(request, number: str):
    if not _allowed(request):
        return render(request, "billing/portal/accountants_only.html", status=403)
    invoice = invoice_get_for_company(company=request.company, number=number)
    today = business_today()
    context = {
        "invoice": invoice,
        "today": today,
        "receivable": invoice_receivable(invoice=invoice, as_of=today),
        "penalty_terms": penalty_text(terms=invoice.terms, due_date=invoice.due_date),
        "arrears": company_arrears_state(company=request.company),
    }
    return render(request, "billing/portal/invoice_detail.html", context)


@require_POST
@company_member_required
def invoice_pay_by_card(request, number: str):
    if not _allowed(request):
        return render(request, "billing/portal/accountants_only.html", status=403)
    invoice = invoice_get_for_company(company=request.company, number=number)
    back = request.build_absolute_uri(reverse("billing_portal:invoice_detail", args=[number]))
    try:
        payment = invoice_card_checkout(invoice=invoice, return_url=back)
    except BusinessError as error:
        messages.error(request, error.message)
        return redirect("billing_portal:invoice_detail", number=number)
    return redirect(payment.checkout_url)


@company_member_required
def statement_pdf(request):
    if not _allowed(request):
        return render(request, "billing/portal/accountants_only.html", status=403)
    date_from, date_to = StatementPeriodForm(request.GET or None).period(business_today())
    pdf = account_statement_pdf(
        account_statement(company=request.company, date_from=date_from, date_to=date_to)
    )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="releve-de-compte-{date_from:%Y%m%d}-{date_to:%Y%m%d}.pdf"'
    )
    return response
