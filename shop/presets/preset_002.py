"""Preset 002: Belgian webshop, six-step online checkout, payments through a PSP.

Identity from the seed's article 21 ("Coordonnées"): Impact Software S.A., Antwerp,
enterprise number BE 0899 384 295 (written with the BE prefix, which is also its VAT
number). The seed ends with "Version 01.2020": effective 2020-01-01. The seed's French
text prevails; the checkout exists in French and Dutch (article 19) but the seed gives no
Dutch text, so a Dutch translation of it is published, marked as a translation.
"""

from datetime import date
from decimal import Decimal

DESCRIPTION = "Impact Software (BE) — boutique en ligne, paiement par PSP"

SELLER = {
    "legal_name": "Impact Software",
    "trade_name": "",
    "legal_form": "SA",
    "share_capital": None,
    "siren": "",
    "siret": "",
    "enterprise_number": "0899384295",
    "vat_number": "BE0899384295",
    "rcs_city": "",
    "rpm_court": "",
    "address_line1": "Schaliënstraat 5",
    "address_line2": "",
    "postal_code": "2000",
    "city": "Antwerpen",
    "country": "BE",
    "email": "",
    "phone": "",
    "website": "https://webshop.inmotiv.be",
    "iban": "",
    "bic": "",
}

EFFECTIVE_DATE = date(2020, 1, 1)

TEXT_FILES = {"fr": "002.fr.txt", "nl": "002.nl.txt"}
# Dutch, the checkout's other language (seed art. 19), translated from the French seed.
TRANSLATED_FROM = {"nl": "fr"}

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
    "deferred_payment_days": None,
    "deferred_payment_from": "",
    "deferred_payment_method": "",
    "overseas_term_start_latest_day": None,
    "payment_methods": ["card", "transfer"],
    "payment_methods_by_agreement": [],
    "cash_on_delivery_fee_charged": False,
    "credit_min_monthly_order_ht": None,
    "lcr_return_days": None,
    "lcr_not_returned_effect": "",
    "lcr_rejection_fee": None,
    "deposit_kept_on_cancellation": False,
    # late payment
    "late_penalty_mode": "belgian_commercial_rate",
    "late_penalty_multiplier": None,
    "late_penalty_daily_percent": None,
    "late_penalty_from_day_after_delivery": None,
    "late_penalty_month_started_due_in_full": False,
    "recovery_indemnity_amount": Decimal("40.00"),
    "collection_fee_percent": None,
    "litigation_penalty_percent": None,
    "acceleration_on_overdue": False,
    "arrears_suspend_deliveries": True,
    "prepayment_after_incident": False,
    # cancellation and modification
    "cancellation_free_before": "payment_validation",
    "cancellation_after": "refused",
    "cancellation_fee_percent": None,
    "cancellation_fee_base": "",
    "modification_rule": "before_preparation",
    "modification_notice_days": None,
    "modification_requires_new_signed_order": False,
    # delivery, complaints
    "complaint_window_value": 7,
    "complaint_window_unit": "days",
    "non_delivery_report_days": 30,
    "pickup_hold_days": None,
    "unjustified_refusal_fee_percent": None,
    "invoice_dispute_days": None,
    "invoice_dispute_from": "",
    "credit_note_validity_months": None,
    "delivery_zones": ["be"],
    "shipping_fee_mode": "order_table",
    "shipping_free_from_ht": None,
    "shipping_free_from_with_consoles_ht": None,
    "shipping_reduced_fee_from_ht": None,
    "shipping_reduced_fee_ht": None,
    "shipping_base_fee_ht": None,
    "price_basis": "price_at_order",
    "currency_indexed_threshold_percent": None,
    # returns and warranty
    "rma_deadline_mode": "fixed_period",
    "rma_arrival_days": 14,
    "commercial_returns_by_agreement": False,
    "missing_packaging_fee_ht": None,
    "customer_return_fee_mode": "",
    "customer_return_fee_ht": None,
    "customer_return_extra_percent": None,
    "customer_return_extra_over_ht": None,
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
    "refused_goods_forfeit_months": None,
}
