"""Preset 003: Belgian electronics webshop, payment before shipping, RMA by technical service.

The seed names the seller, its registered office (article 11.4), e-mail and website; it
gives no legal form, enterprise or VAT number, nor bank details, which staff must
complete in the admin. Dated "Version: 06 août 2019 - v1": effective 2019-08-06. The
seed's French text prevails; a Dutch translation of it is published for the Belgian
customers, marked as a translation.
"""

from datetime import date
from decimal import Decimal

DESCRIPTION = "IperHardware (BE) — électronique, paiement avant expédition"

SELLER = {
    "legal_name": "IperHardware",
    "trade_name": "",
    "legal_form": "",
    "share_capital": None,
    "siren": "",
    "siret": "",
    "enterprise_number": "",
    "vat_number": "",
    "rcs_city": "",
    "rpm_court": "",
    "address_line1": "Rue Marie Danse 20",
    "address_line2": "",
    "postal_code": "6000",
    "city": "Charleroi",
    "country": "BE",
    "email": "info@iperhardware.com",
    "phone": "",
    "website": "https://www.iperhardware.com",
    "iban": "",
    "bic": "",
}

EFFECTIVE_DATE = date(2019, 8, 6)

TEXT_FILES = {"fr": "003.fr.txt", "nl": "003.nl.txt"}
# Dutch for the Belgian customers, translated from the French seed.
TRANSLATED_FROM = {"nl": "fr"}

TERMS = {
    # KYC
    "kbis_max_age_months": 3,
    "dormancy_months": 12,
    # quotes
    "quote_validity_value": 72,
    "quote_validity_unit": "hours",
    "special_order_offer_validity_value": 48,
    "special_order_offer_validity_unit": "hours",
    "special_order_payment_value": 72,
    "special_order_payment_unit": "hours",
    # orders and payment terms
    "unpaid_transfer_cancel_value": 72,
    "unpaid_transfer_cancel_unit": "hours",
    "standard_payment_term": "cash_before_shipping",
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
    # art. 4.4 "le taux d'intérêt légal en vigueur dans ce pays": between businesses in
    # Belgium that is the commercial-transactions rate (law of 2 August 2002).
    "late_penalty_mode": "belgian_commercial_rate",
    "late_penalty_multiplier": None,
    "late_penalty_daily_percent": None,
    "late_penalty_from_day_after_delivery": None,
    "late_penalty_month_started_due_in_full": False,
    "recovery_indemnity_amount": None,
    "collection_fee_percent": Decimal("15"),
    "litigation_penalty_percent": None,
    "acceleration_on_overdue": False,
    "arrears_suspend_deliveries": True,
    "prepayment_after_incident": True,
    # cancellation and modification
    "cancellation_free_before": "shipping",
    "cancellation_after": "percent_fee",
    "cancellation_fee_percent": Decimal("15"),
    "cancellation_fee_base": "parcel_value",
    "modification_rule": "before_preparation",
    "modification_notice_days": None,
    "modification_requires_new_signed_order": False,
    # delivery, complaints
    "complaint_window_value": 1,
    "complaint_window_unit": "working_days",
    "non_delivery_report_days": None,
    "pickup_hold_days": 15,
    "unjustified_refusal_fee_percent": None,
    "invoice_dispute_days": None,
    "invoice_dispute_from": "",
    "credit_note_validity_months": None,
    "delivery_zones": ["be", "fr_metro"],
    "shipping_fee_mode": "carrier_table",
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
    "warranty_mode": "commercial",
    "warranty_months": 12,
    "warranty_from": "purchase_date",
    "warranty_own_products_only": True,
    "warranty_monitors_per_brand": False,
    "bare_electronics_warranty_days": 15,
    "low_value_warranty_months": None,
    "low_value_threshold_ht": None,
    "warranty_exclusions": ["customer_modified"],
    "manufacturer_warranty_policy": "redirected",
    "standard_exchange_window_days": None,
    "immobilisation_extension_over_days": None,
    "hidden_defect_use_months": None,
    "hidden_defect_notice_days": 7,
    "refused_goods_forfeit_months": None,
}
