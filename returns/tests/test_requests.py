"""Bad requests, each refused on its line's field, with what was typed kept by the form."""

from datetime import date

import pytest

from core.errors import BusinessError
from returns.models import ReturnRequest
from returns.services import return_refuse
from returns.tests.factories import ACTOR, customer, invoice, preset_published, product
from returns.tests.flow import requested

pytestmark = pytest.mark.django_db
D = date


@pytest.fixture
def sale():
    terms = preset_published("000")
    product("UC-1")
    company, buyer = customer()
    sold = invoice(
        company=company,
        terms=terms,
        lines=[("UC-1", 2, "800.00", ("SN-A", "SN-B"))],
        issued=D(2026, 3, 2),
        delivered=D(2026, 3, 3),
    )
    return company, buyer, sold.lines.get()


def _refused(**kwargs) -> BusinessError:
    with pytest.raises(BusinessError) as refused:
        requested(on=D(2026, 4, 1), **kwargs)
    return refused.value


def test_more_units_than_invoiced(sale):
    company, buyer, line = sale
    error = _refused(
        company=company,
        user=buyer,
        invoice_line=line,
        quantity=3,
        serial_numbers=("SN-A", "SN-B"),
    )
    assert (error.code, error.field) == ("return_quantity_exceeded", f"l{line.pk}_quantity")


def test_units_already_in_a_return_are_not_returned_twice(sale):
    company, buyer, line = sale
    requested(
        on=D(2026, 4, 1), company=company, user=buyer, invoice_line=line, serial_numbers=("SN-A",)
    )
    # 2 invoiced, 1 already in a return: at most 1 more.
    error = _refused(
        company=company, user=buyer, invoice_line=line, quantity=2, serial_numbers=("SN-A", "SN-B")
    )
    assert error.code == "return_quantity_exceeded"
    error = _refused(company=company, user=buyer, invoice_line=line, serial_numbers=("SN-A",))
    assert error.code == "return_serial_taken"


def test_a_refused_request_frees_its_units(sale):
    company, buyer, line = sale
    first = requested(
        on=D(2026, 4, 1),
        company=company,
        user=buyer,
        invoice_line=line,
        quantity=2,
        serial_numbers=("SN-A", "SN-B"),
    )
    return_refuse(request=first, actor=ACTOR, reason="Panne non reproduite.")
    again = requested(
        on=D(2026, 4, 2),
        company=company,
        user=buyer,
        invoice_line=line,
        quantity=2,
        serial_numbers=("SN-A", "SN-B"),
    )
    assert ReturnRequest.objects.count() == 2 and again.lines.get().quantity == 2


def test_a_serial_number_not_shipped_on_that_invoice(sale):
    company, buyer, line = sale
    error = _refused(company=company, user=buyer, invoice_line=line, serial_numbers=("SN-Z",))
    assert (error.code, error.field) == ("return_serial_unknown", f"l{line.pk}_serials")
    assert "SN-Z" in error.message


def test_every_returned_unit_needs_its_serial_number(sale):
    company, buyer, line = sale
    error = _refused(
        company=company, user=buyer, invoice_line=line, quantity=2, serial_numbers=("SN-A",)
    )
    assert error.code == "return_serial_count"


def test_another_companys_invoice_line(sale):
    _company, _buyer, line = sale
    other, stranger = customer()
    error = _refused(company=other, user=stranger, invoice_line=line, serial_numbers=("SN-A",))
    assert error.code == "return_line_other_company"


def test_one_day_after_the_warranty_end(sale):
    company, buyer, line = sale
    # Invoice of 2 Mar 2026 + 12 months: covered through 1 Mar 2027, refused on 2 Mar.
    with pytest.raises(BusinessError) as refused:
        requested(
            on=D(2027, 3, 2),
            company=company,
            user=buyer,
            invoice_line=line,
            serial_numbers=("SN-A",),
        )
    assert refused.value.code == "return_not_covered_standard_expired"
    assert "01/03/2027" in refused.value.message
    rma = requested(
        on=D(2027, 3, 1), company=company, user=buyer, invoice_line=line, serial_numbers=("SN-A",)
    )
    assert rma.lines.get().covered_until == D(2027, 3, 1)


def test_a_manufacturer_warranty_product_is_sent_to_the_manufacturer():
    terms = preset_published("000")
    brand_product = product("PORT-1", manufacturer_warranty=True)
    brand_product.brand.after_sales_contact = "support@fabricant.example"
    brand_product.brand.save()
    company, buyer = customer()
    line = invoice(
        company=company, terms=terms, lines=[("PORT-1", 1, "900.00", ())], issued=D(2026, 3, 2)
    ).lines.get()
    with pytest.raises(BusinessError) as refused:
        requested(on=D(2026, 4, 1), company=company, user=buyer, invoice_line=line)
    assert refused.value.code == "return_not_covered_manufacturer_refused"
    assert "support@fabricant.example" in refused.value.message


def test_a_software_line_under_000():
    terms = preset_published("000")
    product("LOG-1", warranty_class="software")
    company, buyer = customer()
    line = invoice(
        company=company, terms=terms, lines=[("LOG-1", 1, "120.00", ())], issued=D(2026, 3, 2)
    ).lines.get()
    with pytest.raises(BusinessError) as refused:
        requested(on=D(2026, 3, 5), company=company, user=buyer, invoice_line=line)
    assert refused.value.code == "return_not_covered_excluded_class"


def test_a_hidden_defect_cannot_be_discovered_in_the_future(sale):
    company, buyer, line = sale
    error = _refused(
        company=company,
        user=buyer,
        invoice_line=line,
        reason="hidden_defect",
        serial_numbers=("SN-A",),
        discovered_on=D(2026, 4, 2),
    )
    assert error.code == "return_discovered_future"
