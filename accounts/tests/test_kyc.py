"""KYC documents: upload checks (the issue's bad-input list), submission, staff decisions."""

from datetime import UTC, date, datetime

import pytest
from django.core import mail

from accounts.models import (
    CompanyStatus,
    DocumentKind,
    DocumentStatus,
    KycDocument,
    KycSubmission,
    SubmissionStatus,
)
from accounts.services import (
    kyc_application_approve,
    kyc_application_reject,
    kyc_document_approve,
    kyc_document_reject,
    kyc_document_upload,
    kyc_submit,
)
from accounts.tests.factories import (
    HTML,
    SVG,
    CompanyFactory,
    UserFactory,
    admin_of,
    pdf_bytes,
    pdf_upload,
    png_upload,
    upload,
    zip_bytes,
)
from accounts.tests.kyc_helpers import IBAN, upload_all
from core.audit import audit_history
from core.documents import document_read
from core.errors import BusinessError
from core.models import StoredDocument

pytestmark = pytest.mark.django_db

# 15 May 2026, 10:00 in Paris.
NOW = datetime(2026, 5, 15, 8, 0, tzinfo=UTC)
LATER = datetime(2026, 6, 2, 8, 0, tzinfo=UTC)


@pytest.fixture
def company(terms):
    return CompanyFactory()


@pytest.fixture
def admin(company):
    return admin_of(company)


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True, email="kyc@seller.example")


def kbis(company, user, *, issued=date(2026, 5, 2), file=None, now=NOW):
    return kyc_document_upload(
        company=company,
        kind=DocumentKind.KBIS,
        uploaded_file=file or pdf_upload(),
        user=user,
        issue_date=issued,
        now=now,
    )


def refused(func, *args, **kwargs) -> BusinessError:
    with pytest.raises(BusinessError) as info:
        func(*args, **kwargs)
    return info.value


# --- uploads: what is kept -----------------------------------------------------------------


def test_an_upload_is_stored_privately_with_its_hash_and_audited(company, admin, settings):
    document = kbis(company, admin)

    assert document.status == DocumentStatus.DRAFT
    assert document.issue_date == date(2026, 5, 2)
    stored = document.stored
    assert stored.kind == "kyc"
    assert stored.filename == "kbis.pdf"
    assert stored.content_type == "application/pdf"
    assert not stored.storage_path.endswith("kbis.pdf")  # server-generated name
    assert document_read(stored).startswith(b"%PDF-")
    assert str(settings.PRIVATE_STORAGE_ROOT) not in str(settings.MEDIA_ROOT)
    assert [(e.to_state, e.actor_user_id) for e in audit_history(document)] == [("draft", admin.pk)]


def test_a_new_upload_replaces_the_current_one_of_its_kind(company, admin):
    first = kbis(company, admin)
    second = kbis(company, admin, issued=date(2026, 5, 10))

    first.refresh_from_db()
    assert first.status == DocumentStatus.REPLACED
    assert second.status == DocumentStatus.DRAFT
    assert KycDocument.objects.filter(company=company).count() == 2


# --- uploads: the bad-input list -------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("kbis.jpg", pdf_bytes(), "upload_extension_mismatch"),  # a PDF renamed .jpg
        ("kbis.pdf", HTML, "upload_type_refused"),  # an HTML page renamed .pdf
        ("kbis.pdf", SVG, "upload_type_refused"),  # an SVG image renamed .pdf
        ("kbis.pdf", b"", "upload_empty"),
        ("kbis.pdf", zip_bytes(), "upload_type_refused"),  # a "2-page PDF" that is a ZIP
        ("kbis.pdf", b"%PDF-1.7\n" + b"garbage" * 50, "upload_unreadable"),
    ],
)
def test_bad_files_are_refused_on_their_field_and_nothing_is_stored(
    company, admin, name, content, code
):
    error = refused(kbis, company, admin, file=upload(name, content))

    assert (error.code, error.field) == (code, "kbis_file")
    assert name in error.message
    assert KycDocument.objects.count() == 0
    assert StoredDocument.objects.count() == 0


def test_a_file_over_the_cap_is_refused(company, admin, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    content = pdf_bytes(pages=30)
    assert len(content) > 1024
    error = refused(kbis, company, admin, file=upload("kbis.pdf", content))
    assert error.code == "upload_too_large"
    assert StoredDocument.objects.count() == 0


def test_a_real_two_page_pdf_is_accepted(company, admin):
    assert kbis(company, admin, file=pdf_upload(pages=2)).status == DocumentStatus.DRAFT


def test_kbis_issued_in_the_future_is_refused(company, admin):
    error = refused(kbis, company, admin, issued=date(2026, 5, 16))
    assert (error.code, error.field) == ("kbis_issue_date_future", "kbis_issue_date")
    assert StoredDocument.objects.count() == 0


def test_kbis_issued_exactly_three_months_before_upload_is_refused(company, admin):
    """15 May: an extract of 15 Feb is not "less than 3 months" old; 16 Feb is."""
    error = refused(kbis, company, admin, issued=date(2026, 2, 15))
    assert (error.code, error.field) == ("kbis_too_old", "kbis_issue_date")
    assert kbis(company, admin, issued=date(2026, 2, 16)).status == DocumentStatus.DRAFT


def test_kbis_maximum_age_comes_from_the_terms_in_force(company, admin, terms):
    from shop.tests.factories import TermsFactory

    TermsFactory(
        seller=terms.seller,
        published=True,
        effective_date=date(2026, 4, 1),
        kbis_max_age_months=1,
    )
    error = refused(kbis, company, admin, issued=date(2026, 4, 10))
    assert error.code == "kbis_too_old"
    assert "1 mois" in error.message


def test_an_expired_identity_document_is_refused_one_expiring_today_is_accepted(company, admin):
    error = refused(
        kyc_document_upload,
        company=company,
        kind=DocumentKind.ID_FRONT,
        uploaded_file=png_upload(),
        user=admin,
        expiry_date=date(2026, 5, 14),
        now=NOW,
    )
    assert (error.code, error.field) == ("id_expired", "id_expiry_date")
    document = kyc_document_upload(
        company=company,
        kind=DocumentKind.ID_FRONT,
        uploaded_file=png_upload(),
        user=admin,
        expiry_date=date(2026, 5, 15),
        now=NOW,
    )
    assert document.expiry_date == date(2026, 5, 15)


def test_bank_details_with_a_bad_iban_are_refused(company, admin):
    error = refused(
        kyc_document_upload,
        company=company,
        kind=DocumentKind.BANK_DETAILS,
        uploaded_file=pdf_upload("rib.pdf"),
        user=admin,
        iban="FR7630006000011234567890188",
        now=NOW,
    )
    assert (error.code, error.field) == ("iban_checksum", "iban")
    assert StoredDocument.objects.count() == 0


# --- submission ---------------------------------------------------------------------------------


def submitted(company, admin, now=NOW):
    upload_all(company, admin, kbis_issued=date(2026, 5, 2), id_expires=date(2030, 1, 1), now=now)
    return kyc_submit(company=company, user=admin, now=now)


def test_submit_locks_the_file_and_pins_the_terms(company, admin, terms):
    submission = submitted(company, admin)

    company.refresh_from_db()
    assert company.status == CompanyStatus.SUBMITTED
    assert submission.number == 1
    assert submission.submitted_on == date(2026, 5, 15)
    assert (submission.terms_version, submission.kbis_max_age_months) == (terms.version, 3)
    assert submission.documents.count() == 4
    assert set(KycDocument.objects.values_list("status", flat=True)) == {"submitted"}
    error = refused(kbis, company, admin)
    assert error.code == "kyc_under_review"
    error = refused(kyc_submit, company=company, user=admin, now=NOW)
    assert error.code == "kyc_under_review"


def test_each_submission_is_e_mailed_to_the_kyc_reviewers(
    company, admin, settings, django_capture_on_commit_callbacks
):
    """Without configured addresses: every active staff member of the review group (not
    other staff, not inactive reviewers); with addresses: those only."""
    from django.contrib.auth.models import Group

    from accounts.services import kyc_review_group_ensure

    group = kyc_review_group_ensure()
    reviewer = UserFactory(is_staff=True, email="verif@vendeur.example")
    reviewer.groups.add(group)
    gone = UserFactory(is_staff=True, is_active=False, email="parti@vendeur.example")
    gone.groups.add(group)
    UserFactory(is_staff=True, email="autre@vendeur.example").groups.add(
        Group.objects.get_or_create(name="Entrepôt")[0]
    )
    settings.KYC_NOTIFICATION_EMAILS = []
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        submission = submitted(company, admin)
    staff_mails = [m for m in mail.outbox if m.to != [admin.email]]
    assert [m.to for m in staff_mails] == [["verif@vendeur.example"]]
    assert company.legal_name in staff_mails[0].subject and "envoi n° 1" in staff_mails[0].subject
    assert f"/admin/accounts/kycsubmission/{submission.pk}/change/" in staff_mails[0].body

    settings.KYC_NOTIFICATION_EMAILS = ["conformite@vendeur.example"]
    other = CompanyFactory()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        submitted(other, admin_of(other))
    assert [m.to for m in mail.outbox] == [["conformite@vendeur.example"]]


def test_submit_with_missing_documents_names_them(company, admin):
    kbis(company, admin)
    error = refused(kyc_submit, company=company, user=admin, now=NOW)
    assert error.code == "kyc_missing_documents"
    assert "verso" in error.message and "RIB" in error.message
    company.refresh_from_db()
    assert company.status == CompanyStatus.DRAFT


def test_a_kbis_that_aged_past_the_limit_before_submission_is_refused(company, admin):
    """Uploaded on 15 May with an extract of 20 Feb (fine that day); submitted on 2 June,
    when it is more than 3 months old (20 May was the last day): refused on that day."""
    upload_all(company, admin, kbis_issued=date(2026, 2, 20), id_expires=date(2030, 1, 1), now=NOW)
    error = refused(kyc_submit, company=company, user=admin, now=LATER)
    assert (error.code, error.field) == ("kbis_too_old", "kbis_issue_date")
    company.refresh_from_db()
    assert company.status == CompanyStatus.DRAFT


def test_an_identity_document_that_expired_before_submission_is_refused(company, admin):
    upload_all(company, admin, kbis_issued=date(2026, 5, 2), id_expires=date(2026, 6, 1), now=NOW)
    error = refused(kyc_submit, company=company, user=admin, now=LATER)
    assert error.code == "id_expired"


# --- staff decisions ----------------------------------------------------------------------------


def test_rejecting_a_document_needs_a_reason(company, admin, staff):
    submission = submitted(company, admin)
    document = submission.documents.get(kind=DocumentKind.KBIS)
    error = refused(kyc_document_reject, document=document, user=staff, reason="  ")
    assert (error.code, error.field) == ("kyc_reason_required", "reason")


def test_the_application_is_approved_only_when_every_document_is(company, admin, staff):
    submission = submitted(company, admin)
    documents = list(submission.documents.order_by("kind"))
    for document in documents[:-1]:
        kyc_document_approve(document=document, user=staff)
    error = refused(kyc_application_approve, submission=submission, user=staff)
    assert error.code == "kyc_documents_not_all_approved"
    assert str(documents[-1].get_kind_display()) in error.message


def test_reject_fix_resubmit_approve(company, admin, staff, django_capture_on_commit_callbacks):
    english_admin = admin_of(company, language="en", email="boss@example.fr")
    submission = submitted(company, admin)
    kbis_document = submission.documents.get(kind=DocumentKind.KBIS)
    for document in submission.documents.exclude(pk=kbis_document.pk):
        kyc_document_approve(document=document, user=staff, now=NOW)
    kyc_document_reject(
        document=kbis_document, user=staff, reason="Extrait illisible, page 2 manquante", now=NOW
    )
    with django_capture_on_commit_callbacks(execute=True):
        kyc_application_reject(
            submission=submission,
            user=staff,
            reason="Le Kbis est à renvoyer.",
            base_url="https://boutique.example",
            now=NOW,
        )

    company.refresh_from_db()
    assert company.status == CompanyStatus.REJECTED
    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [admin.email, english_admin.email]
    )
    by_recipient = {message.to[0]: message for message in mail.outbox}
    french = by_recipient[admin.email]
    assert "Extrait illisible, page 2 manquante" in french.body
    assert "Le Kbis est à renvoyer." in french.body
    assert "https://boutique.example/mon-entreprise/pieces/" in french.body
    # The English administrator gets the English page (the text follows the compiled catalogue).
    assert (
        "https://boutique.example/en/mon-entreprise/pieces/"
        in by_recipient[english_admin.email].body
    )

    # Resubmitting before replacing the rejected document is refused.
    error = refused(kyc_submit, company=company, user=admin, now=NOW)
    assert error.code == "kyc_rejected_documents"

    new_kbis = kbis(company, admin, issued=date(2026, 5, 12))
    kbis_document.refresh_from_db()
    assert kbis_document.status == DocumentStatus.REPLACED
    second = kyc_submit(company=company, user=admin, now=NOW)
    assert second.number == 2
    assert new_kbis in second.documents.all()
    assert second.documents.filter(status=DocumentStatus.APPROVED).count() == 3

    kyc_document_approve(document=new_kbis, user=staff, now=NOW)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        kyc_application_approve(submission=second, user=staff, now=LATER)

    company.refresh_from_db()
    assert company.status == CompanyStatus.APPROVED
    assert company.approved_on == date(2026, 6, 2)
    assert len(mail.outbox) == 2
    assert [(e.from_state, e.to_state) for e in audit_history(company)] == [
        ("draft", "submitted"),
        ("submitted", "rejected"),
        ("rejected", "submitted"),
        ("submitted", "approved"),
    ]
    assert [e.reason for e in audit_history(kbis_document)][-1] == ("Nouvel envoi")
    assert list(KycSubmission.objects.values_list("number", "status")) == [
        (1, SubmissionStatus.REJECTED),
        (2, SubmissionStatus.APPROVED),
    ]


def test_decisions_on_a_decided_submission_are_refused(company, admin, staff):
    submission = submitted(company, admin)
    kyc_application_reject(submission=submission, user=staff, reason="Identité illisible")
    error = refused(kyc_application_approve, submission=submission, user=staff)
    assert error.code == "kyc_not_under_review"
    document = submission.documents.first()
    assert refused(kyc_document_approve, document=document, user=staff).code == (
        "kyc_not_under_review"
    )


def test_iban_is_stored_compact(company, admin):
    document = kyc_document_upload(
        company=company,
        kind=DocumentKind.BANK_DETAILS,
        uploaded_file=pdf_upload("rib.pdf"),
        user=admin,
        iban="fr76 3000 6000 0112 3456 7890 189",
        now=NOW,
    )
    assert document.iban == IBAN
    assert document.iban_masked == "FR76 •••• 0189"
