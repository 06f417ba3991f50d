"""What issuing an invoice and a credit note share: checked lines, totals, copied parties."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from accounts.models import Company, DeliveryAddress
from billing.models import LineKind
from core.errors import BusinessError
from core.money import ZERO, Totals, line_total, round_cents, to_decimal, vat_breakdown
from shop.models import Seller
from shop.services.tax import BuyerTaxProfile, VatRegime, is_dom_tom, vat_regime_decide


@dataclass(frozen=True)
class InvoiceLineInput:
    """One line to bill, as the caller (orders, returns, late payment) knows it."""

    reference: str
    designation: str
    quantity: int
    unit_price_ht: Decimal
    vat_rate: Decimal
    kind: str = LineKind.GOODS
    serial_numbers: tuple[str, ...] = field(default=())


def _error(code: str, message) -> BusinessError:
    return BusinessError(code, message)


def document_lines_check(lines: Sequence[InvoiceLineInput]) -> None:
    """Refuse an empty document, a quantity below 1, a negative price or an unknown kind."""
    if not lines:
        raise _error("document_empty", _("Un document doit avoir au moins une ligne."))
    for line in lines:
        if isinstance(line.quantity, bool) or not isinstance(line.quantity, int):
            raise TypeError("A line quantity is an int.")
        if line.quantity < 1:
            raise _error(
                "document_quantity", _("Chaque ligne doit avoir une quantité d'au moins 1.")
            )
        if to_decimal(line.unit_price_ht) < 0 or round_cents(line.unit_price_ht) != to_decimal(
            line.unit_price_ht
        ):
            raise _error(
                "document_unit_price",
                _("Un prix unitaire HT est positif et au centime près."),
            )
        if line.kind not in LineKind.values:
            raise ValueError(f"Unknown line kind {line.kind!r}.")
        if not line.designation.strip():
            raise _error("document_designation", _("Chaque ligne doit avoir une désignation."))


def effective_vat_rate(*, line: InvoiceLineInput, regime: VatRegime) -> Decimal:
    """The rate printed on the line: 0 outside the scope of VAT (penalties) or when the
    regime charges none (as the pricing engine totals such a sale)."""
    if line.kind == LineKind.PENALTY or not regime.charges_vat:
        return ZERO
    return to_decimal(line.vat_rate)


def document_totals(*, lines: Sequence[InvoiceLineInput], regime: VatRegime) -> Totals:
    return vat_breakdown(
        (
            line_total(unit_price=line.unit_price_ht, quantity=line.quantity),
            effective_vat_rate(line=line, regime=regime),
        )
        for line in lines
    )


def document_line_values(*, lines: Sequence[InvoiceLineInput], regime: VatRegime) -> list[dict]:
    """The column values of each line, positions from 1."""
    return [
        {
            "position": position,
            "reference": line.reference,
            "designation": line.designation,
            "quantity": line.quantity,
            "unit_price_ht": to_decimal(line.unit_price_ht),
            "vat_rate": effective_vat_rate(line=line, regime=regime),
            "line_total_ht": line_total(unit_price=line.unit_price_ht, quantity=line.quantity),
            "kind": line.kind,
            "serial_numbers": list(line.serial_numbers),
        }
        for position, line in enumerate(lines, start=1)
    ]


def buyer_regime(
    *, seller: Seller, company: Company, delivery_address: DeliveryAddress | None
) -> VatRegime:
    """The regime quotes and orders decide for this sale (same function, same facts)."""
    return vat_regime_decide(
        seller_country=seller.country,
        buyer=BuyerTaxProfile(
            country=company.billing_country,
            vat_number=company.vat_number,
            delivery_country=delivery_address.country if delivery_address else "",
            delivery_postcode=delivery_address.postal_code if delivery_address else "",
        ),
    )


def buyer_is_overseas(*, company: Company, delivery_address: DeliveryAddress | None) -> bool:
    """A customer located in the DROM-COM: delivered there, or billed there without address."""
    if delivery_address is not None:
        return delivery_address.is_dom_tom or is_dom_tom(
            country=delivery_address.country, postcode=delivery_address.postal_code
        )
    return is_dom_tom(country=company.billing_country, postcode=company.billing_postal_code)


def seller_copy(seller: Seller) -> dict:
    """The seller identity a document prints, copied at issue (no capital stated: None)."""
    names = (
        "legal_name",
        "trade_name",
        "legal_form",
        "siren",
        "siret",
        "enterprise_number",
        "vat_number",
        "rcs_city",
        "rpm_court",
        "address_line1",
        "address_line2",
        "postal_code",
        "city",
        "country",
        "email",
        "phone",
        "website",
        "iban",
        "bic",
    )
    data: dict[str, str | None] = {name: str(getattr(seller, name) or "") for name in names}
    data["share_capital"] = str(seller.share_capital) if seller.share_capital is not None else None
    return data


def party_values(
    *, seller: Seller, company: Company, delivery_address: DeliveryAddress | None
) -> dict:
    """The copied columns of both parties."""
    billing = {
        "name": company.legal_name,
        "line1": company.billing_line1,
        "line2": company.billing_line2,
        "postal_code": company.billing_postal_code,
        "city": company.billing_city,
        "country": company.billing_country,
    }
    delivery = (
        {
            "name": delivery_address.label or company.legal_name,
            "line1": delivery_address.line1,
            "line2": delivery_address.line2,
            "postal_code": delivery_address.postal_code,
            "city": delivery_address.city,
            "country": delivery_address.country,
        }
        if delivery_address is not None
        else {}
    )
    return {
        "seller": seller_copy(seller),
        "buyer_name": company.legal_name,
        "buyer_siren": company.siren,
        "buyer_enterprise_number": company.enterprise_number,
        "buyer_vat_number": company.vat_number,
        "buyer_country": company.billing_country,
        "billing_address": billing,
        "delivery_address": delivery,
        "delivery_country": delivery_address.country if delivery_address else "",
        "buyer_language": company.language,
    }
