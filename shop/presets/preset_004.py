"""Preset 004: French wholesale distributor, extranet, LCR drafts, credit insurance.

The seed names the seller (INNELEC) and its website only: no address, legal form,
capital, SIREN, VAT number or bank details, which staff must complete in the admin.
"Applicable from August 1st, 2022": effective 2022-08-01. The seed text is in English
only (a translation of the seller's French terms, which the seed does not give): the
version publishes it as the English text and a faithful French translation of it, marked
as a translation, as the French text that prevails.
"""

from datetime import date
from decimal import Decimal

DESCRIPTION = "INNELEC (FR) — grossiste, extranet, LCR et assurance-crédit"

SELLER = {
    "legal_name": "INNELEC",
    "trade_name": "",
    "legal_form": "",
    "share_capital": None,
    "siren": "",
    "siret": "",
    "enterprise_number": "",
    "vat_number": "",
    "rcs_city": "",
    "rpm_court": "",
    "address_line1": "",
    "address_line2": "",
    "postal_code": "",
    "city": "",
    "country": "FR",
    "email": "",
    "phone": "",
    "website": "https://www.innelec.com",
    "iban": "",
    "bic": "",
}

EFFECTIVE_DATE = date(2022, 8, 1)

TEXT_FILES = {"fr": "004.fr.txt", "en": "004.en.txt"}
# The French text is a translation of the English seed (the seller gives no French text).
TRANSLATED_FROM = {"fr": "en"}

TERMS = {
    # KYC
    "kbis_max_age_months": 3,
    "dormancy_months": 12,
    # quotes
    "quote_validity_value": 15,
    "quote_validity_unit": "days",
    "special_order_offer_validity_value": None,
    "special_order_offer_validity_unit": "",
    "special_order_payment_value": None,
    "special_order_payment_unit": "",
    # orders and payment terms
    "unpaid_transfer_cancel_value": 7,
    "unpaid_transfer_cancel_unit": "working_days",
    "standard_payment_term": "cash_at_order",
    "standard_payment_days": None,
    "standard_payment_from": "",
    "deferred_payment_days": 30,
    "deferred_payment_from": "invoice_date",
    "deferred_payment_method": "lcr",
    "overseas_term_start_latest_day": 21,
    "payment_methods": ["card", "transfer"],
    "payment_methods_by_agreement": ["lcr"],
    "cash_on_delivery_fee_charged": False,
    "credit_min_monthly_order_ht": None,
    "lcr_return_days": 30,
    "lcr_not_returned_effect": "payment_default",
    "lcr_rejection_fee": Decimal("15.00"),
    "deposit_kept_on_cancellation": False,
    # late payment
    "late_penalty_mode": "multiple_of_french_legal_rate",
    "late_penalty_multiplier": Decimal("3"),
    "late_penalty_daily_percent": None,
    "late_penalty_from_day_after_delivery": None,
    "late_penalty_month_started_due_in_full": True,
    "recovery_indemnity_amount": Decimal("40.00"),
    "collection_fee_percent": None,
    "litigation_penalty_percent": Decimal("10"),
    "acceleration_on_overdue": True,
    "arrears_suspend_deliveries": True,
    "prepayment_after_incident": True,
    # cancellation and modification
    "cancellation_free_before": "",
    "cancellation_after": "costs_incurred",
    "cancellation_fee_percent": None,
    "cancellation_fee_base": "",
    "modification_rule": "",
    "modification_notice_days": None,
    "modification_requires_new_signed_order": False,
    # delivery, complaints
    "complaint_window_value": 3,
    "complaint_window_unit": "days_excluding_holidays",
    "non_delivery_report_days": None,
    "pickup_hold_days": None,
    "unjustified_refusal_fee_percent": None,
    "invoice_dispute_days": 15,
    "invoice_dispute_from": "due_date",
    "credit_note_validity_months": None,
    "delivery_zones": ["fr_metro", "dom_tom", "export"],
    "shipping_fee_mode": "thresholds",
    "shipping_free_from_ht": Decimal("457.00"),
    "shipping_free_from_with_consoles_ht": Decimal("750.00"),
    "shipping_reduced_fee_from_ht": Decimal("152.00"),
    "shipping_reduced_fee_ht": Decimal("10.00"),
    "shipping_base_fee_ht": Decimal("15.00"),
    "price_basis": "price_at_invoicing",
    "currency_indexed_threshold_percent": None,
    # returns and warranty
    "rma_deadline_mode": "staff_set",
    "rma_arrival_days": None,
    "commercial_returns_by_agreement": True,
    "missing_packaging_fee_ht": None,
    "customer_return_fee_mode": "costs_charged",
    "customer_return_fee_ht": None,
    "customer_return_extra_percent": None,
    "customer_return_extra_over_ht": None,
    # Art. 9 charges "the entire cost of returning the products, including shipping costs"
    # for the way to INNELEC; its commercial returns end in a credit note and ship nothing
    # back, and a customer-caused return's costs are all in the "return costs" staff
    # record. A defect ships goods back only under the legal warranty (art. 10.2), whose
    # remedy is the seller's to pay: the seller pays the way back (the default).
    "reshipping_charged_to_customer": False,
    "warranty_mode": "legal_only",
    "warranty_months": None,
    "warranty_from": "",
    "warranty_own_products_only": False,
    "warranty_monitors_per_brand": False,
    "bare_electronics_warranty_days": None,
    "low_value_warranty_months": None,
    "low_value_threshold_ht": None,
    "warranty_exclusions": [],
    "manufacturer_warranty_policy": "redirected",
    "standard_exchange_window_days": None,
    "immobilisation_extension_over_days": None,
    "hidden_defect_use_months": None,
    "hidden_defect_notice_days": None,
    "refused_goods_forfeit_months": 3,
}
