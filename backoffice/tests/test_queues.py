"""Work queues on the dashboard: counts, links to the filtered lists, boundaries."""

import html
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from accounts.services import kyc_submit
from accounts.tests.factories import CompanyFactory, UserFactory, admin_of
from accounts.tests.kyc_helpers import upload_all
from backoffice.selectors import quotes_expiring
from backoffice.tests.staff import member, queues_on_dashboard
from billing.services.invoices import invoice_issue
from billing.tests.factories import ACTOR, company_on_deferred_term, line, published_terms
from core.audit import Actor
from core.transitions import transition_apply
from orders.models import Order, OrderStatus, Quote
from orders.services import quote_sign
from orders.tests.factories import (
    company_quote_request,
    company_with_people,
    issued_quote,
    product,
    sign_kwargs,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(terms):
    company, signatory, buyer, _admin = company_with_people()
    seller_user = UserFactory(is_staff=True)
    item = product(reference="PC-1")
    return company, signatory, buyer, seller_user, item


def test_quotes_expiring_within_48_hours_at_the_boundaries(world):
    company, _signatory, _buyer, staff, item = world
    quote = issued_quote(company=company, user=staff, lines=[(item, 1)])
    end = quote.valid_until  # end of day NOW + 15 days, Paris
    all_quotes = Quote.objects.all()
    window = timedelta(hours=48)
    # 48 h before the end: expires within 48 h (end <= now + 48 h); one second earlier: not
    assert list(quotes_expiring(queryset=all_quotes, now=end - window, within=window)) == [quote]
    early = end - window - timedelta(seconds=1)
    assert list(quotes_expiring(queryset=all_quotes, now=early, within=window)) == []
    # at the end itself the quote is no longer valid: the expiry job's turn, not the queue's
    assert list(quotes_expiring(queryset=all_quotes, now=end, within=window)) == []


def test_sales_see_their_queues_with_counts_and_links(client, world):
    company, signatory, buyer, staff, item = world
    company_quote_request(company=company, buyer=buyer, product=item, quantity=2)
    company_quote_request(company=company, buyer=buyer, product=item, quantity=3)
    expiring = issued_quote(company=company, user=staff, lines=[(item, 1)])
    signed = issued_quote(company=company, user=staff, lines=[(item, 1)])
    quote_sign(**sign_kwargs(signed, signatory))
    order = Order.objects.get()
    with time_machine.travel(expiring.valid_until - timedelta(hours=47), tick=False):
        queues = queues_on_dashboard(client, member("Service commercial"))
        listed = client.get("/admin/orders/order/?file=attente-paiement")
    assert queues["Demandes de devis à traiter"][0] == 2
    assert queues["Devis émis qui expirent sous 48 heures"][0] == 1
    assert queues["Commandes en attente de paiement"] == (
        1,
        "/admin/orders/order/?file=attente-paiement",
    )
    assert "Dossiers KYC à vérifier" not in queues  # not the sales' work
    assert listed.status_code == 200
    assert list(listed.context["cl"].queryset) == [order]
    assert "file de travail" in html.unescape(listed.content.decode())


def test_each_order_queue_holds_the_orders_in_its_state(client, world):
    company, signatory, _buyer, staff, item = world
    suspended, suspended_signatory, _b, _a = company_with_people(
        legal_name="SUSPENDUE SAS",
        settings={"delivery_suspended": True, "delivery_suspension_reason": "Impayés"},
    )
    orders = []
    for customer, person in (
        (company, signatory),
        (company, signatory),
        (suspended, suspended_signatory),
    ):
        quote = issued_quote(company=customer, user=staff, lines=[(item, 1)])
        quote_sign(**sign_kwargs(quote, person))
        orders.append(Order.objects.get(quote=quote))
    transition_apply(orders[0], to=OrderStatus.CONFIRMED, actor=Actor.of_job("test"))
    assert orders[2].status == OrderStatus.ON_HOLD  # the payment gate held it
    warehouse = queues_on_dashboard(client, member("Entrepôt"))
    assert warehouse["Commandes à préparer"][0] == 1
    assert warehouse["Commandes en préparation, à expédier"][0] == 0
    accounting = queues_on_dashboard(client, member("Comptabilité"))
    assert accounting["Commandes bloquées"][0] == 1
    assert accounting["Commandes en attente de paiement"][0] == 1
    client.force_login(member("Entrepôt"))
    listed = client.get("/admin/orders/order/?file=a-preparer")
    assert list(listed.context["cl"].queryset) == [orders[0]]


def test_the_kyc_queue_counts_submissions_waiting(client, terms):
    company = CompanyFactory(legal_name="GAMMA SARL")
    admin = admin_of(company)
    today = timezone.localdate()
    upload_all(company, admin, kbis_issued=today, id_expires=date(today.year + 2, 1, 1))
    kyc_submit(company=company, user=admin)
    queues = queues_on_dashboard(client, member("Vérification KYC"))
    assert queues["Dossiers KYC à vérifier"] == (1, "/admin/accounts/kycsubmission/?file=kyc")


def test_invoices_overdue_from_the_day_after_their_due_date(client, db):
    terms = published_terms(deferred_payment_from="invoice_date")
    company = company_on_deferred_term(days=30)
    invoice = invoice_issue(
        company=company, terms=terms, lines=[line()], actor=ACTOR, issue_date=date(2026, 1, 31)
    )
    # 31 Jan + 30 days = 2 Mar: due on 2 Mar, late from 3 Mar
    assert invoice.due_date == date(2026, 3, 2)
    accountant = member("Comptabilité")
    for day, expected in ((date(2026, 3, 1), 0), (date(2026, 3, 2), 0), (date(2026, 3, 3), 1)):
        noon = datetime.combine(day, time(12), tzinfo=ZoneInfo("Europe/Paris"))
        with time_machine.travel(noon, tick=False):
            queues = queues_on_dashboard(client, accountant)
            assert queues["Factures échues impayées"] == (
                expected,
                "/admin/billing/invoice/?file=factures-echues",
            ), day
            listed = client.get("/admin/billing/invoice/?file=factures-echues")
            assert list(listed.context["cl"].queryset) == [invoice][:expected]
