"""Terminating the sale once the formal notice's 48-hour term has passed (000 art. 10,
001 art. 14): refused before, with the moment it becomes possible; then recorded, and the
invoice's open order cancelled by orders."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.contrib.contenttypes.models import ContentType

from billing.models import DunningKind, DunningNotice, Invoice
from billing.services.dunning import run_dunning
from billing.services.invoices import invoice_issue
from billing.services.termination import TERMINATION_FIELD, sale_terminate
from billing.tests.factories import ACTOR, line
from core.errors import BusinessError
from core.models import AuditEvent
from orders.models import Order, OrderStatus
from orders.services import quote_sign
from orders.tests.factories import (
    company_with_people,
    issued_quote,
    product,
    sales_user,
    sign_kwargs,
    terms_004,
)

pytestmark = pytest.mark.django_db

PARIS = ZoneInfo("Europe/Paris")


@pytest.fixture
def unpaid():
    """An order awaiting its transfer, and an invoice of it due 31 March 2026 left unpaid."""
    terms = terms_004()
    company, signatory, _buyer, _admin = company_with_people()
    quote = issued_quote(company=company, user=sales_user(), lines=[(product(), 2)])
    order = quote_sign(**sign_kwargs(quote, signatory))
    invoice = invoice_issue(
        company=company,
        terms=terms,
        lines=[line("200.00")],
        order_reference=order.number,
        issue_date=date(2026, 3, 31),
        actor=ACTOR,
    )
    Invoice.objects.filter(pk=invoice.pk).update(due_date=date(2026, 3, 31))
    invoice.refresh_from_db()
    return invoice, order, signatory


def test_refused_before_the_notice_then_before_its_term_ends_then_done_once(unpaid):
    invoice, order, _signatory = unpaid
    staff = sales_user()
    with pytest.raises(BusinessError) as error:
        sale_terminate(invoice=invoice, user=staff)
    assert error.value.code == "termination_no_notice"

    # Formal notice on due date + 15 = 15 April; its 48 hours run from the end of that day:
    # 16 April 00:00 + 48 h = 18 April 00:00 (Paris).
    run_dunning(as_of=date(2026, 4, 15))
    notice = DunningNotice.objects.get(
        invoice=invoice, kind=DunningKind.FORMAL_NOTICE, skipped=False
    )
    assert notice.term_ends_at == datetime(2026, 4, 18, 0, 0, tzinfo=PARIS)
    with pytest.raises(BusinessError) as error:
        sale_terminate(invoice=invoice, user=staff, now=datetime(2026, 4, 17, 23, 59, tzinfo=PARIS))
    assert error.value.code == "termination_too_early"
    assert "pourra être résolue à partir du 18/04/2026 00:00" in error.value.message
    order.refresh_from_db()
    assert order.status != OrderStatus.CANCELLED

    cancelled = sale_terminate(
        invoice=invoice, user=staff, now=datetime(2026, 4, 18, 0, 0, tzinfo=PARIS)
    )
    assert cancelled == 1
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELLED
    event = AuditEvent.objects.get(
        content_type=ContentType.objects.get_for_model(Invoice),
        object_id=str(invoice.pk),
        field=TERMINATION_FIELD,
    )
    assert (event.actor_user, event.to_state) == (staff, "terminated")
    assert "mise en demeure du 15/04/2026" in event.reason

    with pytest.raises(BusinessError) as error:
        sale_terminate(invoice=invoice, user=staff, now=datetime(2026, 4, 19, tzinfo=PARIS))
    assert error.value.code == "termination_done"
    assert Order.objects.filter(status=OrderStatus.CANCELLED).count() == 1
    assert invoice.amount_due == Decimal("240.00")  # the price stays due (001 art. 14)
