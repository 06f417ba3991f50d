"""The due date of an invoice: the company's payment term from the Terms' starting point.

- A deferred term granted to the company (commercial settings) runs `deferred_days` from
  the Terms' `deferred_payment_from` (invoice date by default; delivery date in 001).
- An invoice paid by LCR is due the Terms' deferred term from its starting point: 30 days
  net from the invoice date (004 art. 5), whatever the company's usual term.
- Otherwise a standard term in days (001 art. 7: 30 days from delivery) runs from
  `standard_payment_from`.
- Otherwise (paid at order or before shipping) the invoice is due on its date.
- A customer in the DROM-COM: a term running from the invoice date runs at the latest
  from day N of the invoice, the invoice date being day 1 (004 art. 5: the 21st day).
  Customs clearance, which may start it earlier, is not known to the shop: the latest
  start applies.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

from accounts.models import CompanyCommercialSettings, PaymentTerm
from core.calendar import add_days
from core.errors import BusinessError
from shop.models import Terms
from shop.models.terms_choices import PaymentMethod, StandardPaymentTerm, TermStart


@dataclass(frozen=True)
class DueDate:
    due_date: date
    term_days: int | None  # None: payable on the invoice date
    term_start: str  # TermStart value, "" when payable on the invoice date
    term_start_date: date


def invoice_due_date(
    *,
    terms: Terms,
    company_settings: CompanyCommercialSettings | None,
    issue_date: date,
    delivery_date: date | None,
    overseas: bool,
    payment_method: str = "",
) -> DueDate:
    """Due date of an invoice issued on `issue_date`; BusinessError
    `invoice_delivery_date_required` when the term runs from a delivery not yet known."""
    if payment_method == PaymentMethod.LCR and terms.deferred_payment_days:
        days: int | None = terms.deferred_payment_days
        start = terms.deferred_payment_from or TermStart.INVOICE_DATE
    elif company_settings is not None and company_settings.payment_term == PaymentTerm.DEFERRED:
        days = company_settings.deferred_days
        start = terms.deferred_payment_from or TermStart.INVOICE_DATE
    elif terms.standard_payment_term == StandardPaymentTerm.NET_DAYS:
        days = terms.standard_payment_days
        start = terms.standard_payment_from or TermStart.INVOICE_DATE
    else:
        return DueDate(issue_date, None, "", issue_date)
    if start == TermStart.DELIVERY_DATE:
        if delivery_date is None:
            raise BusinessError(
                "invoice_delivery_date_required",
                _(
                    "Le délai de paiement court à compter de la livraison : indiquez la date "
                    "de livraison pour facturer."
                ),
            )
        start_date = delivery_date
    else:
        start_date = issue_date
        if overseas and terms.overseas_term_start_latest_day:
            start_date = add_days(issue_date, terms.overseas_term_start_latest_day - 1)
    return DueDate(add_days(start_date, days or 0), days, start, start_date)
