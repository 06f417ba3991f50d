"""KYC files are kept only for `settings.KYC_RETENTION_YEARS` after the relationship ends.

When the relationship ends (a decision of this shop, written in the privacy notice):
- a dormant company (no order for the Terms' dormancy period): on `dormant_since`;
- a rejected company that did not correct its file: on the day of the last rejection;
- a draft company that never submitted: on the day of its last upload.
An approved company, or one whose file is under review, has an ongoing relationship: its
files are kept. A company that sends a new file starts a new period (its status moves).

The daily job `run_erase_kyc_files` deletes the files whose period is over, masks the
IBAN, marks each document `erased_at` and writes an audit row on the company (actor:
the job). Running it twice, or twice at once, erases nothing more.
"""

from __future__ import annotations

from datetime import date
from functools import partial

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from accounts.models import Company, CompanyStatus, KycDocument, KycSubmission, SubmissionStatus
from core.audit import Actor, audit_record
from core.calendar import add_months, localdate
from core.documents import document_erase
from core.models import StoredDocument

JOB_NAME = "accounts.erase_kyc_files"
ENDED_STATUSES = (CompanyStatus.DORMANT, CompanyStatus.REJECTED, CompanyStatus.DRAFT)


def relationship_end(*, company: Company) -> date | None:
    """The day the business relationship with `company` ended, or None while it goes on."""
    if company.status == CompanyStatus.DORMANT:
        return company.dormant_since
    if company.status == CompanyStatus.REJECTED:
        decided = KycSubmission.objects.filter(
            company=company, status=SubmissionStatus.REJECTED
        ).aggregate(last=Max("decided_at"))["last"]
        return localdate(decided) if decided else None
    if company.status == CompanyStatus.DRAFT:
        uploaded = KycDocument.objects.filter(company=company).aggregate(last=Max("uploaded_at"))[
            "last"
        ]
        return localdate(uploaded) if uploaded else None
    return None


def kyc_files_erasure_date(*, company: Company) -> date | None:
    """The first day on which the company's KYC files are deleted, or None."""
    ended = relationship_end(company=company)
    return None if ended is None else _erasure_date(ended)


def _erasure_date(ended: date) -> date:
    return add_months(ended, 12 * settings.KYC_RETENTION_YEARS)


def run_erase_kyc_files(*, as_of: date) -> dict:
    """Delete the KYC files of each company whose retention period is over on `as_of`.

    Each company is locked and judged again under its lock (a new upload or a decision
    in between keeps its files). Files are deleted after the commit that records it.
    """
    candidates = list(
        Company.objects.filter(
            status__in=ENDED_STATUSES,
            kyc_documents__erased_at__isnull=True,
        )
        .distinct()
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    actor = Actor.of_job(JOB_NAME)
    erased_companies = []
    erased_documents = 0
    for pk in candidates:
        with transaction.atomic():
            company = Company.objects.select_for_update(no_key=True).get(pk=pk)
            ended = relationship_end(company=company)
            if company.status not in ENDED_STATUSES or ended is None:
                continue
            due = _erasure_date(ended)
            if as_of < due:
                continue
            documents = list(
                KycDocument.objects.select_for_update(no_key=True)
                .select_related("stored")
                .filter(company=company, erased_at__isnull=True)
                .order_by("pk")
            )
            if not documents:
                continue
            now = timezone.now()
            for document in documents:
                document.erased_at = now
                document.iban = document.iban_masked
                document.save(update_fields=["erased_at", "iban"])
            audit_record(
                obj=company,
                actor=actor,
                field="kyc_files",
                from_state="kept",
                to_state="erased",
                reason=f"Fin de la durée de conservation ({settings.KYC_RETENTION_YEARS} ans)",
                data={
                    "relationship_ended_on": ended.isoformat(),
                    "erasure_due_on": due.isoformat(),
                    "documents": [
                        {"id": d.pk, "kind": d.kind, "sha256": d.stored.sha256} for d in documents
                    ],
                },
                at=now,
            )
            transaction.on_commit(partial(_erase, [document.stored for document in documents]))
        erased_companies.append(company.pk)
        erased_documents += len(documents)
    return {"companies": erased_companies, "documents": erased_documents}


def _erase(stored: list[StoredDocument]) -> None:
    for document in stored:
        document_erase(document)
