"""The VIES check of a submitted company's VAT number, stored with its KYC submission.

At submission, `kyc_submit` writes an outbox row (`vat_check_request`); the worker runs
the configured adapter (`accounts.vies`) after commit, so a slow or absent VIES never
holds the submission. The reviewer may ask again from the review page.
"""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from accounts.models import KycSubmission, VatCheck
from accounts.vies import ViesChecker, vies_checker
from core.outbox import Outgoing, outbox_write

TOPIC = "accounts.vies_check"


def vat_check_request(*, submission: KycSubmission) -> None:
    """In the submission's transaction: the automatic check, run after commit (outbox)."""
    if submission.company.vat_number:
        outbox_write(
            messages=[
                Outgoing(
                    topic=TOPIC,
                    key=f"vies-check:{submission.pk}",
                    payload={"submission": submission.pk},
                )
            ]
        )


def vat_check_record(
    *,
    submission: KycSubmission,
    user=None,
    checker: ViesChecker | None = None,
    now: datetime | None = None,
) -> VatCheck:
    """Ask the adapter about the company's VAT number now and store its answer.

    `user` is the reviewer who asked (None for the automatic check). The adapter answers
    within its timeout and never raises for VIES's faults ("unavailable" is stored).
    No lock is held while VIES answers.
    """
    checker = checker or vies_checker()
    vat_number = submission.company.vat_number
    answer = checker.check(vat_number)
    return VatCheck.objects.create(
        submission=submission,
        vat_number=vat_number,
        result=answer.result,
        checker=checker.name,
        name=answer.name,
        address=answer.address,
        detail=answer.detail,
        checked_at=now or timezone.now(),
        requested_by=user,
    )


def vat_check_deliver(*, payload: dict) -> None:
    """Outbox handler of `accounts.vies_check`: `{"submission": 1}`; run once per submission
    (a redelivered message finds the automatic check already stored)."""
    submission = KycSubmission.objects.select_related("company").get(pk=payload["submission"])
    if not submission.vat_checks.filter(requested_by__isnull=True).exists():
        vat_check_record(submission=submission)
