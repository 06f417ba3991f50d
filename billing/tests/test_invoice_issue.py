"""Issuing invoices: numbering, totals, copied content, regime, mentions check, settlements."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from accounts.tests.factories import CompanyFactory
from billing.models import (
    Invoice,
    InvoiceKind,
    InvoiceSettlement,
    InvoiceStatus,
    LineKind,
    SettlementSource,
)
from billing.selectors import (
    company_open_balance,
    company_overdue_invoices,
    invoice_get_for_company,
)
from billing.services.invoices import invoice_apply_settlement, invoice_issue
from billing.tests.factories import ACTOR, company_on_deferred_term, line, published_terms
from core.errors import BusinessError
from shop.models import Seller

pytestmark = pytest.mark.django_db


def issue(company, terms, lines, **kwargs):
    return invoice_issue(company=company, terms=terms, lines=lines, actor=ACTOR, **kwargs)


@time_machine.travel("2026-03-10 10:00 +01:00", tick=False)
def test_numbers_follow_each_other_and_restart_each_year():
    terms = published_terms()
    company = CompanyFactory(approved=True)
    first = issue(company, terms, [line()])
    second = issue(company, terms, [line()])
    next_year = issue(company, terms, [line()], issue_date=date(2027, 1, 2))
    assert (first.number, second.number) == ("FA-2026-000001", "FA-2026-000002")
    assert next_year.number == "FA-2027-000001"


@time_machine.travel("2026-03-10 10:00 +01:00", tick=False)
def test_totals_per_rate_and_copied_content():
    terms = published_terms()
    company = CompanyFactory(approved=True, legal_name="ACME")
    address = company.delivery_addresses.get()
    invoice = issue(
        company,
        terms,
        [
            line("19.99", quantity=3, rate="20.00"),
            line("10.00", quantity=2, rate="5.50", reference="LIV", kind=LineKind.GOODS),
            line("12.00", rate="20.00", reference="PORT", kind=LineKind.SHIPPING),
        ],
        order_reference="CMD-2026-000007",
        delivery_address=address,
    )
    # 20 %: 3 x 19.99 = 59.97 + 12.00 = 71.97 -> VAT 14.394 -> 14.39
    # 5.5 %: 2 x 10.00 = 20.00 -> VAT 1.10
    assert invoice.total_ht == Decimal("91.97")
    assert invoice.total_vat == Decimal("15.49")
    assert invoice.total_ttc == Decimal("107.46")
    assert invoice.issue_date == date(2026, 3, 10)
    assert invoice.order_reference == "CMD-2026-000007"
    assert invoice.buyer_name == "ACME" and invoice.buyer_siren == company.siren
    assert invoice.billing_address["name"] == "ACME"
    assert invoice.delivery_address["line1"] == "1 quai de Jemmapes"
    assert invoice.seller["siren"] == Seller.objects.get().siren
    assert invoice.vat_regime["code"] == "domestic"
    assert [ln.line_total_ht for ln in invoice.lines.all()] == [
        Decimal("59.97"),
        Decimal("20.00"),
        Decimal("12.00"),
    ]
    assert invoice.status == InvoiceStatus.ISSUED and invoice.amount_due == Decimal("107.46")


@time_machine.travel("2026-03-10 10:00 +01:00", tick=False)
def test_intra_eu_buyer_is_invoiced_without_vat_with_the_reverse_charge_wording():
    terms = published_terms()
    company = CompanyFactory(
        approved=True,
        country="BE",
        siren="",
        siret="",
        enterprise_number="0403019261",
        vat_number="BE0403019261",
        billing_country="BE",
        billing_postal_code="1000",
        billing_city="Bruxelles",
    )
    company.delivery_addresses.update(country="BE", postal_code="1000", city="Bruxelles")
    invoice = issue(
        company, terms, [line("100.00")], delivery_address=company.delivery_addresses.get()
    )
    assert invoice.vat_regime["code"] == "intra_eu"
    assert "262 ter I" in invoice.vat_regime["legal_mention"]
    assert (invoice.total_vat, invoice.total_ttc) == (Decimal("0.00"), Decimal("100.00"))
    assert invoice.lines.get().vat_rate == Decimal("0.00")


@time_machine.travel("2026-03-10 10:00 +01:00", tick=False)
def test_the_regime_the_order_was_priced_with_is_copied_as_given():
    from shop.services.tax import VatRegime

    terms = published_terms()
    company = CompanyFactory(approved=True)
    regime = VatRegime(
        code="export", charges_vat=False, legal_mention="Exonération de TVA, article 262 I du CGI"
    )
    invoice = issue(company, terms, [line()], vat_regime=regime)
    assert invoice.vat_regime == regime.as_dict()
    assert invoice.total_vat == Decimal("0.00")


@time_machine.travel("2026-03-10 10:00 +01:00", tick=False)
def test_penalty_invoice_is_outside_the_scope_of_vat():
    terms = published_terms()
    company = CompanyFactory(approved=True)
    invoice = issue(
        company,
        terms,
        [line("40.00", rate="20.00", kind=LineKind.PENALTY, designation="Indemnité forfaitaire")],
        kind=InvoiceKind.PENALTY,
    )
    assert (invoice.total_vat, invoice.total_ttc) == (Decimal("0.00"), Decimal("40.00"))
    with pytest.raises(BusinessError) as refused:
        issue(company, terms, [line()], kind=InvoiceKind.PENALTY)
    assert refused.value.code == "invoice_penalty_lines"


def test_an_incomplete_seller_cannot_issue_and_is_told_every_missing_mention():
    terms = published_terms()
    Seller.objects.update(siren="", rcs_city="")
    with pytest.raises(BusinessError) as refused:
        issue(CompanyFactory(approved=True), terms, [line()])
    assert refused.value.code == "seller_identity_incomplete"
    assert "numéro SIREN" in refused.value.message and "ville du RCS" in refused.value.message
    assert not Invoice.objects.exists()


@pytest.mark.parametrize(
    ("lines", "code"),
    [
        ([], "document_empty"),
        ([line(quantity=0)], "document_quantity"),
        ([line("10.005")], "document_unit_price"),
        ([line("-1.00")], "document_unit_price"),
        ([line(designation=" ")], "document_designation"),
    ],
)
def test_invalid_lines_are_refused(lines, code):
    terms = published_terms()
    with pytest.raises(BusinessError) as refused:
        issue(CompanyFactory(approved=True), terms, lines)
    assert refused.value.code == code


@time_machine.travel("2026-03-10 10:00 +01:00", tick=False)
def test_settlements_move_the_invoice_to_partially_paid_then_paid():
    terms = published_terms()
    invoice = issue(CompanyFactory(approved=True), terms, [line("100.00")])  # TTC 120.00
    invoice_apply_settlement(
        invoice=invoice,
        amount=Decimal("20.00"),
        on=date(2026, 3, 12),
        source=SettlementSource.PAYMENT,
        source_id=1,
        actor=ACTOR,
    )
    assert (invoice.status, invoice.amount_paid) == (InvoiceStatus.PARTIALLY_PAID, Decimal("20.00"))
    with pytest.raises(BusinessError) as refused:
        invoice_apply_settlement(
            invoice=invoice,
            amount=Decimal("100.01"),
            on=date(2026, 3, 13),
            source=SettlementSource.PAYMENT,
            source_id=2,
            actor=ACTOR,
        )
    assert refused.value.code == "settlement_exceeds_due"
    invoice_apply_settlement(
        invoice=invoice,
        amount=Decimal("100.00"),
        on=date(2026, 3, 14),
        source=SettlementSource.PAYMENT,
        source_id=2,
        actor=ACTOR,
    )
    assert invoice.status == InvoiceStatus.PAID and invoice.paid_on == date(2026, 3, 14)
    assert invoice.amount_due == Decimal("0.00")
    assert list(InvoiceSettlement.objects.values_list("amount", flat=True)) == [
        Decimal("20.00"),
        Decimal("100.00"),
    ]


@time_machine.travel("2026-03-10 10:00 +01:00", tick=False)
def test_selectors_overdue_from_the_day_after_the_due_date_and_open_balance():
    terms = published_terms()
    company = company_on_deferred_term(days=30)
    invoice = issue(company, terms, [line("100.00")])  # due 2026-04-09, TTC 120.00
    second = issue(company, terms, [line("50.00")])  # TTC 60.00
    assert invoice.due_date == date(2026, 4, 9)
    assert not company_overdue_invoices(company=company, as_of=date(2026, 4, 9)).exists()
    assert list(company_overdue_invoices(company=company, as_of=date(2026, 4, 10))) != []
    assert company_open_balance(company=company) == Decimal("180.00")
    invoice_apply_settlement(
        invoice=invoice,
        amount=Decimal("120.00"),
        on=date(2026, 3, 20),
        source=SettlementSource.PAYMENT,
        source_id=1,
        actor=ACTOR,
    )
    assert company_open_balance(company=company) == Decimal("60.00")
    assert list(company_overdue_invoices(company=company, as_of=date(2026, 4, 10))) == [second]


@time_machine.travel("2026-03-10 10:00 +01:00", tick=False)
def test_another_company_gets_404_for_an_invoice():
    from django.http import Http404

    terms = published_terms()
    owner, other = CompanyFactory(approved=True), CompanyFactory(approved=True)
    invoice = issue(owner, terms, [line()])
    assert invoice_get_for_company(company=owner, number=invoice.number) == invoice
    with pytest.raises(Http404):
        invoice_get_for_company(company=other, number=invoice.number)
