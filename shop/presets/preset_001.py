"""Preset 001: French IT reseller, written orders with "Bon pour accord" and company stamp.

The seed names the seller and its head office only (article 1) and its website
(article 3): no legal form, capital, SIREN, VAT number or bank details, which staff must
complete in the admin before invoicing. The seed states no date: effective 2026-01-01.
"""

from datetime import date
from decimal import Decimal

DESCRIPTION = "DIGILOR (FR) — revendeur, commandes écrites « Bon pour accord »"

SELLER = {
    "legal_name": "DIGILOR",
    "trade_name": "",
    "legal_form": "",
    "share_capital": None,
    "siren": "",
    "siret": "",
    "enterprise_number": "",
    "vat_number": "",
    "rcs_city": "",
    "rpm_court": "",
    "address_line1": "2 Allée des Tilleuls",
    "address_line2": "",
    "postal_code": "54180",
    "city": "Heillecourt",
    "country": "FR",
    "email": "",
    "phone": "",
    "website": "https://digilor.fr",
    "iban": "",
    "bic": "",
}

EFFECTIVE_DATE = date(2026, 1, 1)

TEXT_FILES = {"fr": "001.fr.txt"}

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
    "unpaid_transfer_cancel_value": None,
    "unpaid_transfer_cancel_unit": "",
    "standard_payment_term": "net_days",
    "standard_payment_days": 30,
    "standard_payment_from": "delivery_date",
    "deferred_payment_days": 30,
    "deferred_payment_from": "delivery_date",
    "deferred_payment_method": "",
    "overseas_term_start_latest_day": None,
    "payment_methods": ["transfer", "cheque"],
    "payment_methods_by_agreement": [],
    "cash_on_delivery_fee_charged": False,
    "credit_min_monthly_order_ht": None,
    "lcr_return_days": None,
    "lcr_not_returned_effect": "",
    "lcr_rejection_fee": None,
    "deposit_kept_on_cancellation": True,
    # late payment
    "late_penalty_mode": "fixed_daily_percent_of_ttc",
    "late_penalty_multiplier": None,
    "late_penalty_daily_percent": Decimal("2.5"),
    "late_penalty_from_day_after_delivery": 31,
    "late_penalty_month_started_due_in_full": False,
    "recovery_indemnity_amount": Decimal("40.00"),
    "collection_fee_percent": None,
    "litigation_penalty_percent": None,
    "acceleration_on_overdue": True,
    "arrears_suspend_deliveries": True,
    "prepayment_after_incident": False,
    # cancellation and modification
    "cancellation_free_before": "",
    "cancellation_after": "percent_fee",
    "cancellation_fee_percent": Decimal("35"),
    "cancellation_fee_base": "ttc",
    "modification_rule": "notice_before_delivery",
    "modification_notice_days": 7,
    "modification_requires_new_signed_order": True,
    # delivery, complaints
    "complaint_window_value": 2,
    "complaint_window_unit": "days",
    "non_delivery_report_days": None,
    "pickup_hold_days": None,
    "unjustified_refusal_fee_percent": Decimal("25"),
    "invoice_dispute_days": 7,
    "invoice_dispute_from": "goods_receipt",
    "credit_note_validity_months": None,
    "delivery_zones": ["fr_metro"],
    "shipping_fee_mode": "quoted_by_sales",
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
    "customer_return_fee_mode": "fixed_plus_percent",
    "customer_return_fee_ht": Decimal("300.00"),
    "customer_return_extra_percent": Decimal("10"),
    "customer_return_extra_over_ht": Decimal("500.00"),
    # Art. 13: "les frais de transport, renvoi et réexpédition sont à la charge de l'Acheteur".
    "reshipping_charged_to_customer": True,
    "warranty_mode": "commercial",
    "warranty_months": 12,
    "warranty_from": "invoice_date",
    "warranty_own_products_only": False,
    "warranty_monitors_per_brand": True,
    "bare_electronics_warranty_days": None,
    "low_value_warranty_months": None,
    "low_value_threshold_ht": None,
    "warranty_exclusions": ["software"],
    "manufacturer_warranty_policy": "redirected",
    "standard_exchange_window_days": 30,
    "immobilisation_extension_over_days": None,
    "hidden_defect_use_months": None,
    "hidden_defect_notice_days": None,
    "refused_goods_forfeit_months": None,
}
