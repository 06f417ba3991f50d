"""Dormancy: an approved company without an order for the terms' period must redo its KYC.

Orders call `company_record_order` (accounts never imports orders); the daily job
`run_mark_dormant` marks dormant the companies that reached their dormancy date.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce, Greatest

from accounts.emails import mail_users
from accounts.models import Company, CompanyStatus, DocumentStatus, KycDocument
from accounts.rules import dormancy_date
from accounts.selectors import company_administrators, kyc_terms_in_force
from core.audit import Actor
from core.calendar import add_months
from core.links import site_url, url_in_language
from core.transitions import transition_apply

JOB_NAME = "accounts.mark_dormant"


def company_record_order(*, company: Company, ordered_on: date) -> Company:
    """Record that `company` ordered on `ordered_on` (called by the orders app).

    Keeps the latest date: recording an older order changes nothing. One conditional
    UPDATE, atomic on its row whoever else records an order at the same time. Returns
    `company`, its `last_order_on` moved to `ordered_on` when that is later.
    """
    Company.objects.filter(pk=company.pk).filter(
        Q(last_order_on__isnull=True) | Q(last_order_on__lt=ordered_on)
    ).update(last_order_on=ordered_on)
    if company.last_order_on is None or ordered_on > company.last_order_on:
        company.last_order_on = ordered_on
    return company


def run_mark_dormant(*, as_of: date) -> dict:
    """Mark dormant each approved company whose dormancy date is on or before `as_of`.

    The dormancy date is the same calendar day N months (terms in force on `as_of`)
    after the later of its approval and its last order. Each company is claimed with a
    row lock and re-checked under it, so a concurrent run or a late order is safe;
    running the same day twice changes nothing more. Effects per company: its approved
    documents become "expired" (they must be sent again), the company moves to
    "dormant" (audited, actor = this job), its administrators get an e-mail.
    With no terms version in force on `as_of` it marks nobody and says so (`refused`).
    """
    terms = kyc_terms_in_force(on=as_of)
    if terms is None:
        return {"marked_dormant": 0, "companies": [], "refused": "terms_missing"}
    months = terms.dormancy_months
    # A generous bound (month-end clamping moves the exact date by up to 3 days);
    # the exact rule is checked for each candidate under its lock.
    bound = add_months(as_of, -months) + timedelta(days=3)
    candidates = list(
        Company.objects.filter(status=CompanyStatus.APPROVED)
        .annotate(
            reference=Greatest(F("approved_on"), Coalesce(F("last_order_on"), F("approved_on")))
        )
        .filter(reference__lte=bound)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    actor = Actor.of_job(JOB_NAME)
    marked = []
    for pk in candidates:
        with transaction.atomic():
            company = Company.objects.select_for_update().get(pk=pk)
            if company.status != CompanyStatus.APPROVED:
                continue
            assert company.approved_on is not None  # set by the approval (check constraint)
            due = dormancy_date(
                approved_on=company.approved_on,
                last_order_on=company.last_order_on,
                months=months,
            )
            if as_of < due:
                continue
            for document in KycDocument.objects.select_for_update().filter(
                company=company, status=DocumentStatus.APPROVED
            ):
                transition_apply(
                    document,
                    to=DocumentStatus.EXPIRED,
                    actor=actor,
                    reason=f"Compte inactif depuis le {due:%d/%m/%Y}",
                )
            transition_apply(
                company,
                to=CompanyStatus.DORMANT,
                actor=actor,
                reason=f"Aucune commande depuis {months} mois",
                changes={"dormant_since": as_of},
                data={
                    "as_of": as_of.isoformat(),
                    "dormancy_date": due.isoformat(),
                    "last_order_on": company.last_order_on.isoformat()
                    if company.last_order_on
                    else None,
                    "dormancy_months": months,
                    "terms_version": terms.version,
                },
            )
            mail_users(
                users=company_administrators(company=company),
                name="dormant",
                context={"company": company, "months": months},
                path_for=lambda language: site_url(
                    url_in_language("kyc_documents", language=language)
                ),
            )
            marked.append(pk)
    return {
        "dormancy_months": months,
        "terms_version": terms.version,
        "marked_dormant": len(marked),
        "companies": marked,
    }
