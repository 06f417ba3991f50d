"""My company: identity, addresses, users, documents and what is missing, the order gate."""

from django.shortcuts import render
from django.utils import timezone

from accounts.models import DocumentKind
from accounts.selectors import (
    commercial_settings_for_company,
    company_application_steps,
    company_memberships,
    company_order_gate_for_member,
    invitations_pending,
    kyc_file_state,
    kyc_submissions_for_company,
    kyc_terms_in_force,
    payment_method_labels,
)
from accounts.views.access import company_member_required
from core.calendar import localdate


@company_member_required
def company_detail(request):
    company = request.company
    now = timezone.now()
    today = localdate(now)
    file_state = kyc_file_state(company=company)
    gate = company_order_gate_for_member(membership=request.membership, on=today)
    terms = kyc_terms_in_force(on=today)
    submissions = list(kyc_submissions_for_company(company=company))
    settings = commercial_settings_for_company(company=company)
    return render(
        request,
        "accounts/company.html",
        {
            "company": company,
            "membership": request.membership,
            "addresses": company.delivery_addresses.all(),
            "memberships": company_memberships(company=company),
            "invitations": invitations_pending(company=company, now=now)
            if request.membership.is_administrator
            else [],
            "file_state": file_state,
            "document_rows": [
                (label, file_state.current.get(kind)) for kind, label in DocumentKind.choices
            ],
            "gate": gate,
            "steps": company_application_steps(
                company=company,
                file_state=file_state,
                gate=gate,
                kbis_max_age_months=terms.kbis_max_age_months if terms else None,
            ),
            "last_submission": submissions[0] if submissions else None,
            "submissions": submissions,
            "settings": settings,
            "payment_methods": payment_method_labels(settings.payment_methods if settings else []),
        },
    )
