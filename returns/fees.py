"""What a return costs the customer, from the pinned Terms (docs/rules/returns-warranty.md).

- Missing or too damaged original packaging: a fixed fee per return (000 art. 7: EUR 35 HT).
- A return caused by the customer (a commercial return, or no fault found): a fixed fee,
  plus a percentage of the whole returned value when that value exceeds a threshold
  (001 art. 12: EUR 300 HT, + 10 % over EUR 500 HT: 500.00 pays 300.00, 500.01 pays
  350.00); or the return costs staff record (004 art. 9).
- The way back of a repaired, exchanged or replaced item: the seller's (000 art. 7), or
  the customer's where the Terms say so (001 art. 13 "frais de transport, renvoi et
  réexpédition"), at the carrier's cost staff record at the decision.
Fees are HT, outside the goods' VAT base decisions of billing; each percentage is
rounded half-up to the cent by `core.money.percent_of`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from core.errors import BusinessError
from core.money import ZERO, percent_of, round_cents
from shop.models import Terms
from shop.models.terms_choices import CustomerReturnFeeMode


@dataclass(frozen=True)
class ReturnFees:
    """The fees of one return, HT: packaging, handling, reshipping, and their total."""

    packaging_ht: Decimal = ZERO
    handling_ht: Decimal = ZERO
    reshipping_ht: Decimal = ZERO

    @property
    def total_ht(self) -> Decimal:
        return self.packaging_ht + self.handling_ht + self.reshipping_ht


def customer_caused_fee(
    *, terms: Terms, returned_value_ht: Decimal, return_costs_ht: Decimal | None = None
) -> Decimal:
    """The handling fee of a return caused by the customer.

    `returned_value_ht` is the value of all the products of the return (unit price HT x
    quantity, per line). Under "costs charged" the fee is `return_costs_ht`, which staff
    must give (BusinessError `return_costs_missing` otherwise). No rule: zero.
    """
    mode = terms.customer_return_fee_mode
    if mode == CustomerReturnFeeMode.COSTS_CHARGED:
        if return_costs_ht is None:
            raise BusinessError(
                "return_costs_missing",
                _("Indiquez les frais de retour à facturer au client."),
                field="return_costs_ht",
            )
        return round_cents(return_costs_ht)
    if mode != CustomerReturnFeeMode.FIXED_PLUS_PERCENT:
        return ZERO
    fee = terms.customer_return_fee_ht or ZERO
    over, percent = terms.customer_return_extra_over_ht, terms.customer_return_extra_percent
    if over is not None and percent is not None and returned_value_ht > over:
        fee += percent_of(amount=returned_value_ht, percent=percent)
    return round_cents(fee)


def reshipping_fee(
    *, terms: Terms, ships_back: bool, reshipping_costs_ht: Decimal | None
) -> Decimal:
    """The way back charged to the customer: `reshipping_costs_ht` when the Terms charge it
    and goods go back (`ships_back`), else zero.

    BusinessError on the field `reshipping_costs_ht`: `return_reshipping_costs_missing`
    when the amount is due and not given, `return_reshipping_not_charged` when it is given
    and nothing is charged (the seller pays, or nothing goes back).
    """
    if terms.reshipping_charged_to_customer and ships_back:
        if reshipping_costs_ht is None:
            raise BusinessError(
                "return_reshipping_costs_missing",
                _("Indiquez les frais de réexpédition à facturer au client (CGV)."),
                field="reshipping_costs_ht",
            )
        return round_cents(reshipping_costs_ht)
    if reshipping_costs_ht is not None:
        raise BusinessError(
            "return_reshipping_not_charged",
            _(
                "Aucuns frais de réexpédition à facturer : les CGV les mettent à la charge du "
                "vendeur, ou aucun article n'est renvoyé. Laissez ce champ vide."
            ),
            field="reshipping_costs_ht",
        )
    return ZERO


def return_fees(
    *,
    terms: Terms,
    returned_value_ht: Decimal,
    packaging_missing: bool,
    customer_caused: bool,
    return_costs_ht: Decimal | None = None,
    ships_back: bool = False,
    reshipping_costs_ht: Decimal | None = None,
) -> ReturnFees:
    """Every fee of one return under `terms` (see the module docstring); `ships_back`:
    at least one item goes back to the customer (repaired, exchanged or replaced)."""
    packaging = ZERO
    if packaging_missing and terms.missing_packaging_fee_ht is not None:
        packaging = round_cents(terms.missing_packaging_fee_ht)
    handling = ZERO
    if customer_caused:
        handling = customer_caused_fee(
            terms=terms, returned_value_ht=returned_value_ht, return_costs_ht=return_costs_ht
        )
    reshipping = reshipping_fee(
        terms=terms, ships_back=ships_back, reshipping_costs_ht=reshipping_costs_ht
    )
    return ReturnFees(packaging_ht=packaging, handling_ht=handling, reshipping_ht=reshipping)
