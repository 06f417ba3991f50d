"""Races, with threads against PostgreSQL: quote numbers under concurrent issuing, two
signatories of one quote, two companies for the last units of a product."""

import pytest

from accounts.models import Role
from accounts.tests.factories import MembershipFactory
from core.errors import BusinessError
from orders.models import Order, Quote, QuoteStatus
from orders.services import quote_issue, quote_sign
from orders.tests.factories import (
    NOW,
    company_with_people,
    draft_quote,
    issued_quote,
    product,
    sales_user,
    sign_kwargs,
    terms_004,
)
from tests.concurrency import run_together

pytestmark = pytest.mark.django_db(transaction=True)


def test_quote_numbers_are_continuous_under_concurrent_issuing():
    terms_004()
    sales = sales_user()
    companies = [company_with_people()[0] for _ in range(4)]
    item = product(stock_on_hand=100)
    drafts = [
        draft_quote(company=companies[i % 4], user=sales, lines=[(item, 1 + i % 3)])
        for i in range(24)
    ]
    # Four empty drafts fail to issue (before taking a number): no gap may follow.
    empty = [draft_quote(company=companies[i], user=sales, lines=[]) for i in range(4)]
    targets = [
        (lambda pk=quote.pk: quote_issue(quote=Quote.objects.get(pk=pk), user=sales, now=NOW))
        for quote in drafts + empty
    ]
    results, errors = run_together(targets)
    assert len(results) == 24
    assert len(errors) == 4
    assert all(isinstance(e, BusinessError) and e.code == "quote_empty" for e in errors)
    numbers = sorted(
        Quote.objects.filter(status=QuoteStatus.ISSUED).values_list("number", flat=True)
    )
    assert numbers == [f"DEV-2026-{n:06d}" for n in range(1, 25)]


def test_two_signatories_signing_at_once_form_exactly_one_order():
    terms_004()
    company, first, *_rest = company_with_people()
    second = MembershipFactory(company=company, roles=[Role.SIGNATORY]).user
    quote = issued_quote(company=company, user=sales_user(), lines=[(product(), 2)])
    results, errors = run_together(
        [
            lambda: quote_sign(**sign_kwargs(quote, first)),
            lambda: quote_sign(**sign_kwargs(quote, second)),
        ]
    )
    assert len(results) == 1 and len(errors) == 1
    assert isinstance(errors[0], BusinessError) and errors[0].code == "quote_already_signed"
    assert Order.objects.filter(quote=quote).count() == 1
    quote.refresh_from_db()
    assert quote.status == QuoteStatus.SIGNED
    assert quote.signature.signer_id == results[0].placed_by_id


def test_two_companies_for_the_last_units_never_make_the_stock_negative():
    terms_004()
    sales = sales_user()
    last = product(reference="GPU-1", stock_on_hand=3)
    alpha, alpha_signatory, *_a = company_with_people()
    beta, beta_signatory, *_b = company_with_people()
    alpha_quote = issued_quote(company=alpha, user=sales, lines=[(last, 2)])
    beta_quote = issued_quote(company=beta, user=sales, lines=[(last, 2)])
    results, errors = run_together(
        [
            lambda: quote_sign(**sign_kwargs(alpha_quote, alpha_signatory)),
            lambda: quote_sign(**sign_kwargs(beta_quote, beta_signatory)),
        ]
    )
    assert errors == [] and len(results) == 2
    last.refresh_from_db()
    assert last.stock_reserved == 3 <= last.stock_on_hand
    lines = sorted(
        (line.quantity_reserved, line.quantity_backordered)
        for order in Order.objects.all()
        for line in order.lines.filter(kind="goods")
    )
    # The first order reserved its 2 units; the second got the last one, 1 backordered.
    assert lines == [(1, 1), (2, 0)]
