"""The expiry job (daily, safe hourly, idempotent) and "ask for a new quote" in one click."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from core.errors import BusinessError
from core.jobs import registered_jobs, run_daily_jobs
from core.models import AuditEvent
from orders.models import QuoteStatus
from orders.services import LineSpec, quote_renew_request, quote_sign, run_expire_quotes
from orders.tests.factories import (
    company_with_people,
    issued_quote,
    paris,
    product,
    sales_user,
    sign_kwargs,
)
from shop.models import Cart, QuoteRequest

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(terms):
    company, signatory, buyer, _admin = company_with_people()
    return {"company": company, "signatory": signatory, "buyer": buyer, "sales": sales_user()}


def status_of(quote):
    quote.refresh_from_db()
    return quote.status


def test_days_validity_expires_with_the_run_for_its_last_day(world):
    # Issued 10/03 14:00, 15 days: valid until 26/03 00:00 Paris.
    quote = issued_quote(company=world["company"], user=world["sales"], lines=[(product(), 1)])
    summary = run_expire_quotes(as_of=date(2026, 3, 24), now=paris(2026, 3, 26, 2, 0))
    assert summary["expired"] == 0 and status_of(quote) == QuoteStatus.ISSUED
    summary = run_expire_quotes(as_of=date(2026, 3, 25), now=paris(2026, 3, 26, 2, 0))
    assert summary == {
        "cutoff": "2026-03-26T00:00:00+01:00",
        "expired": 1,
        "quotes": [quote.reference],
    }
    assert status_of(quote) == QuoteStatus.EXPIRED
    event = AuditEvent.objects.filter(object_id=str(quote.pk), to_state="expired").get()
    assert event.actor_job == "orders.expire_quotes"


def test_running_the_same_day_twice_changes_nothing_more(world):
    quote = issued_quote(company=world["company"], user=world["sales"], lines=[(product(), 1)])
    first = run_expire_quotes(as_of=date(2026, 3, 26), now=paris(2026, 3, 27, 2, 0))
    events = AuditEvent.objects.count()
    second = run_expire_quotes(as_of=date(2026, 3, 26), now=paris(2026, 3, 27, 2, 0))
    assert first["expired"] == 1 and second["expired"] == 0
    assert AuditEvent.objects.count() == events
    assert status_of(quote) == QuoteStatus.EXPIRED


def test_hourly_run_for_a_72_hour_validity_never_expires_early(db):
    from orders.tests.factories import terms_004

    terms_004(quote_validity_value=72, quote_validity_unit="hours")
    company, *_people = company_with_people()
    quote = issued_quote(company=company, user=sales_user(), lines=[(product(), 1)])
    # Valid until Fri 13/03 14:00. The run "for today" at 13:59 leaves it, at 14:00 expires it.
    assert (
        run_expire_quotes(as_of=date(2026, 3, 13), now=paris(2026, 3, 13, 13, 59))["expired"] == 0
    )
    assert status_of(quote) == QuoteStatus.ISSUED
    assert run_expire_quotes(as_of=date(2026, 3, 13), now=paris(2026, 3, 13, 14, 0))["expired"] == 1
    assert status_of(quote) == QuoteStatus.EXPIRED


def test_signed_and_superseded_quotes_are_left_alone(world):
    signed = issued_quote(company=world["company"], user=world["sales"], lines=[(product(), 1)])
    quote_sign(**sign_kwargs(signed, world["signatory"]))
    run_expire_quotes(as_of=date(2026, 4, 30), now=paris(2026, 5, 1, 2, 0))
    assert status_of(signed) == QuoteStatus.SIGNED


def test_registered_with_run_daily_jobs(world):
    assert "orders.expire_quotes" in [job.name for job in registered_jobs()]
    quote = issued_quote(company=world["company"], user=world["sales"], lines=[(product(), 1)])
    with time_machine.travel(paris(2026, 3, 27, 2, 0), tick=False):
        jobs = [job for job in registered_jobs() if job.name == "orders.expire_quotes"]
        (run,) = run_daily_jobs(as_of=date(2026, 3, 26), jobs=jobs)
        assert run.succeeded and run.summary["expired"] == 1
        (again,) = run_daily_jobs(as_of=date(2026, 3, 26), jobs=jobs)
        assert again.summary["expired"] == 0
    assert status_of(quote) == QuoteStatus.EXPIRED


def test_ask_for_a_new_quote_at_current_prices_in_one_click(world):
    screen = product(reference="ECR-24", price_ht=Decimal("76.00"))
    quote = issued_quote(
        company=world["company"],
        user=world["sales"],
        lines=[
            (screen, 2),
            LineSpec(
                quantity=1,
                reference="SPEC-9",
                designation="Baie sur mesure",
                list_price_ht=Decimal("900.00"),
                vat_rate=Decimal("20.00"),
            ),
        ],
    )
    with pytest.raises(BusinessError) as error:
        quote_renew_request(quote=quote, user=world["buyer"], now=paris(2026, 3, 20, 9, 0))
    assert error.value.code == "quote_not_expired"
    run_expire_quotes(as_of=date(2026, 3, 26), now=paris(2026, 3, 27, 2, 0))
    screen.price_ht = Decimal("80.00")
    screen.save()
    carts_before = Cart.objects.filter(user=world["buyer"]).count()
    request = quote_renew_request(quote=quote, user=world["buyer"], now=paris(2026, 3, 27, 9, 0))
    assert request.user == world["buyer"]
    line = request.lines.get()
    assert (line.reference, line.quantity, line.unit_price_ht) == ("ECR-24", 2, Decimal("80.00"))
    # Goods 160.00; shipping 10.00 from 152.00 of goods (004): the cart's total HT.
    assert (request.goods_ht, request.total_ht) == (Decimal("160.00"), Decimal("170.00"))
    assert request.company_link.company == quote.company
    assert quote.reference in request.message and "SPEC-9" in request.message
    # The temporary cart is gone; a second click returns the same request.
    assert Cart.objects.filter(user=world["buyer"]).count() == carts_before
    again = quote_renew_request(quote=quote, user=world["buyer"], now=paris(2026, 3, 27, 9, 1))
    assert again == request and QuoteRequest.objects.count() == 1
