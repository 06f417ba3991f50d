"""Preset 000: French integrator (custom workstations, servers), web, phone and e-mail orders.

Identity from the seed's article 1 and its bank details (article 4). The seed states no
date: the version takes effect on 2026-01-01. The seed text is in English only (a
translation of the seller's French terms, which the seed does not give): the version
publishes it as the English text and a faithful French translation of it, marked as a
translation, as the French text that prevails.
"""

from datetime import date
from decimal import Decimal

DESCRIPTION = "image in network (FR) — intégrateur, commandes web, téléphone et e-mail"

SELLER = {
    "legal_name": "IMAGE IN NETWORK",
    "trade_name": "image in network",
    "legal_form": "SAS",
    "share_capital": Decimal("3750.00"),
    "siren": "792662637",
    "siret": "79266263700026",
    "enterprise_number": "",
    "vat_number": "FR40792662637",
    "rcs_city": "Evry",
    "rpm_court": "",
    "address_line1": "3 bis, rue René Cassin",
    "address_line2": "",
    "postal_code": "91300",
    "city": "Massy",
    "country": "FR",
    "email": "contact@imageinnetwork.fr",
    "phone": "+33 1 84 17 77 44",
    "website": "https://imageinnetwork.fr",
    "iban": "FR7618206004696500801727664",
    "bic": "AGRIFRPP882",
}

EFFECTIVE_DATE = date(2026, 1, 1)

TEXT_FILES = {"fr": "000.fr.txt", "en": "000.en.txt"}
# The French text is a translation of the English seed (the seller gives no French text).
TRANSLATED_FROM = {"fr": "en"}

TERMS = {
    # KYC
    "kbis_max_age_months": 3,
    "dormancy_months": 12,
    # quotes
    "quote_validity_value": 3,
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
    "deferred_payment_method": "",
    "overseas_term_start_latest_day": None,
    "payment_methods": ["card", "transfer", "cash_on_delivery"],
    "payment_methods_by_agreement": ["lcr"],
    "cash_on_delivery_fee_charged": True,
    "credit_min_monthly_order_ht": Decimal("3000.00"),
    "lcr_return_days": 8,
    "lcr_not_returned_effect": "due_immediately",
    "lcr_rejection_fee": None,
    "deposit_kept_on_cancellation": False,
    # late payment
    "late_penalty_mode": "multiple_of_french_legal_rate",
    "late_penalty_multiplier": Decimal("5"),
    "late_penalty_daily_percent": None,
    "late_penalty_from_day_after_delivery": None,
    "late_penalty_month_started_due_in_full": False,
    "recovery_indemnity_amount": Decimal("40.00"),
    "collection_fee_percent": None,
    "litigation_penalty_percent": Decimal("10"),
    "acceleration_on_overdue": False,
    "arrears_suspend_deliveries": True,
    "prepayment_after_incident": False,
    # cancellation and modification
    "cancellation_free_before": "payment_validation",
    "cancellation_after": "refused",
    "cancellation_fee_percent": None,
    "cancellation_fee_base": "",
    "modification_rule": "before_processing",
    "modification_notice_days": None,
    "modification_requires_new_signed_order": False,
    # delivery, complaints
    "complaint_window_value": 3,
    "complaint_window_unit": "days",
    "non_delivery_report_days": None,
    "pickup_hold_days": None,
    "unjustified_refusal_fee_percent": None,
    "invoice_dispute_days": None,
    "invoice_dispute_from": "",
    "credit_note_validity_months": 12,
    "delivery_zones": ["fr_metro", "be", "lu", "ch", "dom_tom"],
    "shipping_fee_mode": "zone_table",
    "shipping_free_from_ht": None,
    "shipping_free_from_with_consoles_ht": None,
    "shipping_reduced_fee_from_ht": None,
    "shipping_reduced_fee_ht": None,
    "shipping_base_fee_ht": None,
    "price_basis": "price_at_order",
    "currency_indexed_threshold_percent": Decimal("2"),
    # returns and warranty
    "rma_deadline_mode": "fixed_period",
    "rma_arrival_days": 14,
    "commercial_returns_by_agreement": False,
    "missing_packaging_fee_ht": Decimal("35.00"),
    "customer_return_fee_mode": "",
    "customer_return_fee_ht": None,
    "customer_return_extra_percent": None,
    "customer_return_extra_over_ht": None,
    "reshipping_charged_to_customer": False,
    "warranty_mode": "commercial",
    "warranty_months": 12,
    "warranty_from": "invoice_date",
    "warranty_own_products_only": False,
    "warranty_monitors_per_brand": False,
    "bare_electronics_warranty_days": None,
    "low_value_warranty_months": 6,
    "low_value_threshold_ht": Decimal("25.00"),
    "warranty_exclusions": [
        "software",
        "books",
        "cartridges",
        "storage_media",
        "video_games",
        "consumables",
    ],
    "manufacturer_warranty_policy": "refused",
    "standard_exchange_window_days": None,
    "immobilisation_extension_over_days": 7,
    "hidden_defect_use_months": 6,
    "hidden_defect_notice_days": 20,
    "refused_goods_forfeit_months": None,
}
