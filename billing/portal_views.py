"""The customer's statement of account: what the company owes, with the penalties accrued
today, and its receivables CSV (accountants and administrators of the company only)."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render

from accounts.models import Role
from accounts.views.access import company_member_required
from billing.receivables_csv import receivables_csv_write
from billing.selectors import company_arrears_state, receivables_as_of
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
    context = {
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
