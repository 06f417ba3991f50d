"""The KYC documents page: upload to the draft file, submit it, download (administrators)."""

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.forms import KycUploadForm
from accounts.models import DocumentKind
from accounts.selectors import (
    kyc_document_get_for_company,
    kyc_file_state,
    kyc_submissions_for_company,
    kyc_terms_in_force,
)
from accounts.services import kyc_document_upload
from accounts.services import kyc_submit as kyc_submit_service
from accounts.views.access import company_member_required
from core.calendar import localdate
from core.documents import document_response
from core.errors import BusinessError
from core.forms import add_business_error


def _page(request, form, *, status=200):
    company = request.company
    file_state = kyc_file_state(company=company)
    submissions = list(kyc_submissions_for_company(company=company))
    terms = kyc_terms_in_force(on=localdate(timezone.now()))
    return render(
        request,
        "accounts/documents.html",
        {
            "company": company,
            "form": form,
            "file_state": file_state,
            "documents": [
                (kind, label, file_state.current.get(kind)) for kind, label in DocumentKind.choices
            ],
            "kbis_max_age_months": terms.kbis_max_age_months if terms else None,
            "last_submission": submissions[0] if submissions else None,
            "kyc_retention_years": settings.KYC_RETENTION_YEARS,
        },
        status=status,
    )


@company_member_required(administrator=True)
@require_http_methods(["GET", "POST"])
def kyc_documents(request):
    company = request.company
    if request.method == "GET":
        return _page(request, KycUploadForm())
    current = kyc_file_state(company=company).current
    form = KycUploadForm(request.POST, request.FILES, current=current)
    form.is_valid()
    # Parts whose own fields are fine are stored even when another part has an error:
    # nothing valid that was sent is lost.
    cleaned = form.cleaned_data
    stored = []
    for kind, (file_field, needs) in KycUploadForm.PARTS.items():
        uploaded = cleaned.get(file_field)
        if not uploaded or file_field in form.errors or any(n in form.errors for n in needs):
            continue
        try:
            kyc_document_upload(
                company=company,
                kind=kind,
                uploaded_file=uploaded,
                user=request.user,
                issue_date=cleaned.get("kbis_issue_date"),
                expiry_date=cleaned.get("id_expiry_date"),
                iban=cleaned.get("iban", ""),
            )
        except BusinessError as error:
            add_business_error(form, error)
        else:
            stored.append(str(DocumentKind(kind).label))
    if stored:
        messages.success(
            request,
            _("Pièce(s) enregistrée(s) dans votre dossier : %(names)s.")
            % {"names": ", ".join(stored)},
        )
    if form.errors:
        return _page(request, form, status=400)
    return redirect("kyc_documents")


@company_member_required(administrator=True)
@require_POST
def kyc_submit(request):
    try:
        submission = kyc_submit_service(company=request.company, user=request.user)
    except BusinessError as error:
        form = KycUploadForm()
        messages.error(request, error.message)
        return _page(request, form, status=400)
    messages.success(
        request,
        _(
            "Dossier soumis (envoi n° %(number)s). Nous vérifions vos pièces et vous écrivons "
            "dès notre décision."
        )
        % {"number": submission.number},
    )
    return redirect("company")


@company_member_required(administrator=True)
def kyc_document_download(request, pk: int):
    document = kyc_document_get_for_company(company=request.company, pk=pk)
    if document is None:
        raise Http404
    return document_response(doc=document.stored, as_attachment=True)
