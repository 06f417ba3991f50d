"""Staff settings per company: defaults, the financial review rule, history."""

from decimal import Decimal

import pytest

from accounts.models import CompanyCommercialSettings, PaymentTerm, ReviewConclusion
from accounts.services import commercial_settings_update, financial_review_record
from accounts.tests.factories import CompanyFactory, UserFactory
from core.errors import BusinessError

pytestmark = pytest.mark.django_db


@pytest.fixture
def company():
    return CompanyFactory()


@pytest.fixture
def staff():
    return UserFactory(is_staff=True)


def update(company, staff, **changes):
    values = {
        "payment_methods": ["card", "transfer"],
        "payment_term": PaymentTerm.CASH_AT_ORDER,
        "deferred_days": None,
        "financial_review": None,
        "credit_limit": Decimal("0.00"),
        "delivery_suspended": False,
        "delivery_suspension_reason": "",
        "prepayment_required": False,
        **changes,
    }
    return commercial_settings_update(company=company, user=staff, **values)


def refused(company, staff, **changes) -> BusinessError:
    with pytest.raises(BusinessError) as info:
        update(company, staff, **changes)
    return info.value


def test_defaults_are_card_and_transfer_cash_at_order(company):
    settings = CompanyCommercialSettings.objects.get(company=company)
    assert settings.payment_methods == ["card", "transfer"]
    assert settings.payment_term == PaymentTerm.CASH_AT_ORDER
    assert settings.credit_limit == Decimal("0.00")
    assert not settings.delivery_suspended and not settings.prepayment_required


def test_a_deferred_term_needs_a_favourable_review_of_this_company(company, staff):
    error = refused(company, staff, payment_term=PaymentTerm.DEFERRED, deferred_days=30)
    assert (error.code, error.field) == ("financial_review_required", "financial_review")

    unfavourable = financial_review_record(
        company=company, user=staff, conclusion=ReviewConclusion.UNFAVOURABLE, notes="Pertes"
    )
    error = refused(
        company,
        staff,
        payment_term=PaymentTerm.DEFERRED,
        deferred_days=30,
        financial_review=unfavourable,
    )
    assert error.code == "financial_review_unfavourable"

    other_review = financial_review_record(
        company=CompanyFactory(),
        user=staff,
        conclusion=ReviewConclusion.FAVOURABLE,
        max_term_days=60,
        notes="Bilan 2025 sain",
    )
    error = refused(
        company,
        staff,
        payment_term=PaymentTerm.DEFERRED,
        deferred_days=30,
        financial_review=other_review,
    )
    assert error.code == "financial_review_required"


def test_a_deferred_term_within_the_review(company, staff):
    review = financial_review_record(
        company=company,
        user=staff,
        conclusion=ReviewConclusion.FAVOURABLE,
        max_term_days=30,
        notes="Assurance-crédit : 20 000 EUR",
    )
    error = refused(
        company, staff, payment_term=PaymentTerm.DEFERRED, deferred_days=45, financial_review=review
    )
    assert (error.code, error.field) == ("deferred_days_over_review", "deferred_days")

    settings = update(
        company,
        staff,
        payment_methods=["transfer", "lcr"],
        payment_term=PaymentTerm.DEFERRED,
        deferred_days=30,
        financial_review=review,
        credit_limit=Decimal("20000.00"),
    )
    assert (settings.payment_term, settings.deferred_days, settings.updated_by) == (
        PaymentTerm.DEFERRED,
        30,
        staff,
    )
    assert settings.payment_methods == ["transfer", "lcr"]


def test_suspension_needs_a_reason_and_methods_are_required(company, staff):
    error = refused(company, staff, delivery_suspended=True)
    assert error.field == "delivery_suspension_reason"
    assert refused(company, staff, payment_methods=[]).code == "payment_methods_required"
    assert refused(company, staff, credit_limit=Decimal("-1")).field == "credit_limit"


def test_every_change_is_kept_in_the_history(company, staff):
    update(company, staff, credit_limit=Decimal("5000.00"))
    update(
        company,
        staff,
        credit_limit=Decimal("5000.00"),
        delivery_suspended=True,
        delivery_suspension_reason="Impayé F-12",
    )

    events = CompanyCommercialSettings.pgh_event_model.objects.filter(
        pgh_obj__company=company
    ).order_by("pgh_id")
    assert [(e.pgh_label, e.credit_limit, e.delivery_suspended) for e in events] == [
        ("insert", Decimal("0.00"), False),
        ("update", Decimal("5000.00"), False),
        ("update", Decimal("5000.00"), True),
    ]
    assert [e.updated_by_id for e in events][1:] == [staff.pk, staff.pk]
    assert events[2].pgh_context.metadata["staff_user"] == staff.pk


def test_a_financial_review_is_immutable(company, staff):
    from django.db import ProgrammingError, transaction

    review = financial_review_record(
        company=company, user=staff, conclusion=ReviewConclusion.UNFAVOURABLE, notes="x"
    )
    review.notes = "changed"
    with pytest.raises(ProgrammingError), transaction.atomic():
        review.save()
