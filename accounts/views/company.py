"""My company: identity, addresses, users, documents and what is missing, the order gate;
its administrators choose the documents' language there."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.forms import CompanyLanguageForm
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
from accounts.services import company_language_set
from accounts.views.access import company_member_required
from core.calendar import localdate
from core.errors import BusinessError
from core.forms import add_business_error


@company_member_required
def company_detail(request):
    return _company_page(
        request, CompanyLanguageForm(initial={"language": request.company.language})
    )


@company_member_required(administrator=True)
@require_POST
def company_language(request):
    """The administrators' form on "My company"; refused, the page shows it with the error."""
    form = CompanyLanguageForm(request.POST)
    if form.is_valid():
        try:
            company = company_language_set(
                membership=request.membership, language=form.cleaned_data["language"]
            )
        except BusinessError as error:
            add_business_error(form, error)
        else:
            messages.success(
                request,
                _("Langue des documents enregistrée : %(language)s.")
                % {"language": company.get_language_display()},
            )
            return redirect("company")
    return _company_page(request, form, status=400)


def _company_page(request, language_form: CompanyLanguageForm, status: int = 200):
    company = request.company
    now = timezone.now()
    today = localdate(now)
    file_state = kyc_file_state(company=company)
    gate = company_order_gate_for_member(membership=request.membership, on=today)
    terms = kyc_terms_in_force(on=today)
    submissions = list(kyc_submissions_for_company(company=company))
    commercial = commercial_settings_for_company(company=company)
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
            "settings": commercial,
            "payment_methods": payment_method_labels(
                commercial.payment_methods if commercial else []
            ),
            "language_form": language_form,
        },
        status=status,
    )
