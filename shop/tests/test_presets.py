"""Each preset loads its seller and one published version with every parameter of its column.

The expected values are written out by hand from the table "Terms parameters: the five
presets" of docs/rules/terms-parameters.md and from the seeds' identities, one dict per
preset. They are never derived from the preset modules.
"""

from datetime import date
from decimal import Decimal

import pytest

from core.audit import audit_history
from core.errors import BusinessError
from shop.legal_mentions import seller_legal_mentions_missing
from shop.models import Seller, Terms
from shop.services import seller_preset_load
from shop.tests.factories import SellerFactory, TermsFactory

D = Decimal

# --- preset 000: French integrator ------------------------------------------------------------

SELLER_000 = {
    "legal_name": "IMAGE IN NETWORK",
    "trade_name": "image in network",
    "legal_form": "SAS",
    "share_capital": D("3750"),
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

TERMS_000 = {
    "kbis_max_age_months": 3,
    "dormancy_months": 12,
    "quote_validity_value": 3,
    "quote_validity_unit": "days",
    "special_order_offer_validity_value": None,
    "special_order_offer_validity_unit": "",
    "special_order_payment_value": None,
    "special_order_payment_unit": "",
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
    "credit_min_monthly_order_ht": D("3000.00"),
    "lcr_return_days": 8,
    "lcr_not_returned_effect": "due_immediately",
    "lcr_rejection_fee": None,
    "deposit_kept_on_cancellation": False,
    "late_penalty_mode": "multiple_of_french_legal_rate",
    "late_penalty_multiplier": D("5"),
    "late_penalty_daily_percent": None,
    "late_penalty_from_day_after_delivery": None,
    "late_penalty_month_started_due_in_full": False,
    "recovery_indemnity_amount": D("40"),
    "collection_fee_percent": None,
    "litigation_penalty_percent": D("10"),
    "acceleration_on_overdue": False,
    "arrears_suspend_deliveries": True,
    "prepayment_after_incident": False,
    "cancellation_free_before": "payment_validation",
    "cancellation_after": "refused",
    "cancellation_fee_percent": None,
    "cancellation_fee_base": "",
    "modification_rule": "before_processing",
    "modification_notice_days": None,
    "modification_requires_new_signed_order": False,
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
    "currency_indexed_threshold_percent": D("2"),
    "rma_deadline_mode": "fixed_period",
    "rma_arrival_days": 14,
    "commercial_returns_by_agreement": False,
    "missing_packaging_fee_ht": D("35"),
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
    "low_value_threshold_ht": D("25"),
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

# --- preset 001: French reseller, "Bon pour accord" -----------------------------------------

SELLER_001 = {
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

TERMS_001 = {
    "kbis_max_age_months": 3,
    "dormancy_months": 12,
    "quote_validity_value": 15,
    "quote_validity_unit": "days",
    "special_order_offer_validity_value": None,
    "special_order_offer_validity_unit": "",
    "special_order_payment_value": None,
    "special_order_payment_unit": "",
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
    "late_penalty_mode": "fixed_daily_percent_of_ttc",
    "late_penalty_multiplier": None,
    "late_penalty_daily_percent": D("2.5"),
    "late_penalty_from_day_after_delivery": 31,
    "late_penalty_month_started_due_in_full": False,
    "recovery_indemnity_amount": D("40"),
    "collection_fee_percent": None,
    "litigation_penalty_percent": None,
    "acceleration_on_overdue": True,
    "arrears_suspend_deliveries": True,
    "prepayment_after_incident": False,
    "cancellation_free_before": "",
    "cancellation_after": "percent_fee",
    "cancellation_fee_percent": D("35"),
    "cancellation_fee_base": "ttc",
    "modification_rule": "notice_before_delivery",
    "modification_notice_days": 7,
    "modification_requires_new_signed_order": True,
    "complaint_window_value": 2,
    "complaint_window_unit": "days",
    "non_delivery_report_days": None,
    "pickup_hold_days": None,
    "unjustified_refusal_fee_percent": D("25"),
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
    "rma_deadline_mode": "fixed_period",
    "rma_arrival_days": 14,
    "commercial_returns_by_agreement": False,
    "missing_packaging_fee_ht": None,
    "customer_return_fee_mode": "fixed_plus_percent",
    "customer_return_fee_ht": D("300"),
    "customer_return_extra_percent": D("10"),
    "customer_return_extra_over_ht": D("500"),
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

# --- preset 002: Belgian webshop --------------------------------------------------------------

SELLER_002 = {
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

TERMS_002 = {
    "kbis_max_age_months": 3,
    "dormancy_months": 12,
    "quote_validity_value": 15,
    "quote_validity_unit": "days",
    "special_order_offer_validity_value": None,
    "special_order_offer_validity_unit": "",
    "special_order_payment_value": None,
    "special_order_payment_unit": "",
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
    "late_penalty_mode": "belgian_commercial_rate",
    "late_penalty_multiplier": None,
    "late_penalty_daily_percent": None,
    "late_penalty_from_day_after_delivery": None,
    "late_penalty_month_started_due_in_full": False,
    "recovery_indemnity_amount": D("40"),
    "collection_fee_percent": None,
    "litigation_penalty_percent": None,
    "acceleration_on_overdue": False,
    "arrears_suspend_deliveries": True,
    "prepayment_after_incident": False,
    "cancellation_free_before": "payment_validation",
    "cancellation_after": "refused",
    "cancellation_fee_percent": None,
    "cancellation_fee_base": "",
    "modification_rule": "before_preparation",
    "modification_notice_days": None,
    "modification_requires_new_signed_order": False,
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

# --- preset 003: Belgian electronics webshop ------------------------------------------------

SELLER_003 = {
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

TERMS_003 = {
    "kbis_max_age_months": 3,
    "dormancy_months": 12,
    "quote_validity_value": 72,
    "quote_validity_unit": "hours",
    "special_order_offer_validity_value": 48,
    "special_order_offer_validity_unit": "hours",
    "special_order_payment_value": 72,
    "special_order_payment_unit": "hours",
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
    "late_penalty_mode": "belgian_commercial_rate",
    "late_penalty_multiplier": None,
    "late_penalty_daily_percent": None,
    "late_penalty_from_day_after_delivery": None,
    "late_penalty_month_started_due_in_full": False,
    "recovery_indemnity_amount": None,
    "collection_fee_percent": D("15"),
    "litigation_penalty_percent": None,
    "acceleration_on_overdue": False,
    "arrears_suspend_deliveries": True,
    "prepayment_after_incident": True,
    "cancellation_free_before": "shipping",
    "cancellation_after": "percent_fee",
    "cancellation_fee_percent": D("15"),
    "cancellation_fee_base": "parcel_value",
    "modification_rule": "before_preparation",
    "modification_notice_days": None,
    "modification_requires_new_signed_order": False,
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

# --- preset 004: French wholesale distributor ------------------------------------------------

SELLER_004 = {
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

TERMS_004 = {
    "kbis_max_age_months": 3,
    "dormancy_months": 12,
    "quote_validity_value": 15,
    "quote_validity_unit": "days",
    "special_order_offer_validity_value": None,
    "special_order_offer_validity_unit": "",
    "special_order_payment_value": None,
    "special_order_payment_unit": "",
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
    "lcr_rejection_fee": D("15"),
    "deposit_kept_on_cancellation": False,
    "late_penalty_mode": "multiple_of_french_legal_rate",
    "late_penalty_multiplier": D("3"),
    "late_penalty_daily_percent": None,
    "late_penalty_from_day_after_delivery": None,
    "late_penalty_month_started_due_in_full": True,
    "recovery_indemnity_amount": D("40"),
    "collection_fee_percent": None,
    "litigation_penalty_percent": D("10"),
    "acceleration_on_overdue": True,
    "arrears_suspend_deliveries": True,
    "prepayment_after_incident": True,
    "cancellation_free_before": "",
    "cancellation_after": "costs_incurred",
    "cancellation_fee_percent": None,
    "cancellation_fee_base": "",
    "modification_rule": "",
    "modification_notice_days": None,
    "modification_requires_new_signed_order": False,
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
    "shipping_free_from_ht": D("457.00"),
    "shipping_free_from_with_consoles_ht": D("750.00"),
    "shipping_reduced_fee_from_ht": D("152.00"),
    "shipping_reduced_fee_ht": D("10.00"),
    "shipping_base_fee_ht": D("15.00"),
    "price_basis": "price_at_invoicing",
    "currency_indexed_threshold_percent": None,
    "rma_deadline_mode": "staff_set",
    "rma_arrival_days": None,
    "commercial_returns_by_agreement": True,
    "missing_packaging_fee_ht": None,
    "customer_return_fee_mode": "costs_charged",
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
    "refused_goods_forfeit_months": 3,
}

EXPECTED = {
    # code: (seller identity, terms parameters, effective date, {language: translated from})
    "000": (SELLER_000, TERMS_000, date(2026, 1, 1), {"fr": "en", "en": ""}),
    "001": (SELLER_001, TERMS_001, date(2026, 1, 1), {"fr": ""}),
    "002": (SELLER_002, TERMS_002, date(2020, 1, 1), {"fr": "", "nl": "fr"}),
    "003": (SELLER_003, TERMS_003, date(2019, 8, 6), {"fr": "", "nl": "fr"}),
    "004": (SELLER_004, TERMS_004, date(2022, 8, 1), {"fr": "en", "en": ""}),
}

# A sentence of each text, to prove the full text was loaded: the seeds' own sentences and
# the same sentence in the translations (000 and 004 in French, 002 and 003 in Dutch).
TEXT_SAMPLES = {
    "000": {
        "en": "The interest rate for these late payment penalties is five times the legal",
        "fr": "Le taux d'intérêt de ces pénalités de retard est égal à cinq fois le taux",
    },
    "001": {"fr": "indemnité de 35 % du montant TTC de la commande annulée"},
    "002": {
        "fr": "l’Acheteur dispose d'un délai de 7 jours ouvrables pour effectuer ce dernier",
        "nl": "beschikt de Koper over een termijn van 7 werkdagen om deze uit te voeren",
    },
    "003": {
        "fr": "toute commande spéciale est payable sous 72h à dater de l'acceptation de l'offre",
        "nl": "elke speciale bestelling betaalbaar binnen 72u te rekenen vanaf de aanvaarding",
    },
    "004": {
        "en": "457 € HT for orders excluding game consoles",
        "fr": "457 € HT pour les commandes ne comprenant pas de consoles de jeux",
    },
}


@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_expected_dicts_cover_every_parameter(code):
    _seller, terms, _date, _languages = EXPECTED[code]
    assert set(terms) == set(Terms.parameter_names())


@pytest.mark.django_db
@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_preset_loads_seller_and_every_parameter(code):
    seller_expected, terms_expected, effective_date, languages = EXPECTED[code]

    loaded = seller_preset_load(code=code)

    seller = Seller.objects.get()
    assert loaded == seller
    for name, value in seller_expected.items():
        assert getattr(seller, name) == value, name
    seller.full_clean()  # the identifiers as loaded pass the admin's validation

    terms = Terms.objects.get()
    assert (terms.seller, terms.version, terms.status) == (seller, 1, "published")
    assert terms.effective_date == effective_date
    assert terms.published_at is not None
    for name, value in terms_expected.items():
        assert getattr(terms, name) == value, name
    texts = {
        language: getattr(terms, f"text_{language}_translated_from")
        for language in ("fr", "en", "nl")
        if getattr(terms, f"text_{language}")
    }
    assert texts == languages
    for language, sample in TEXT_SAMPLES[code].items():
        full_text = getattr(terms, f"text_{language}")
        assert sample in full_text, language
        assert len(full_text) > 20_000
    (event,) = audit_history(terms)
    assert (event.from_state, event.to_state, event.actor_job) == (
        "draft",
        "published",
        "seller_preset_load",
    )


# What each seed leaves out of the legal mentions (docs/rules/seller-identity.md): staff
# complete it in the admin before the first quote; `load_demo` completes it for the demo.
MISSING_MENTIONS = {
    "000": [],
    "001": ["legal_form", "share_capital", "siren", "rcs_city", "vat_number", "email", "phone"],
    "002": ["rpm_court", "email", "iban"],
    "003": ["legal_form", "enterprise_number", "rpm_court", "vat_number", "iban"],
    "004": [
        "legal_form",
        "share_capital",
        "siren",
        "rcs_city",
        "address",
        "vat_number",
        "email",
        "phone",
    ],
}


@pytest.mark.django_db
@pytest.mark.parametrize("code", sorted(EXPECTED))
def test_preset_identity_is_every_field_its_seed_gives_and_lacks_the_rest(code):
    seller = seller_preset_load(code=code)

    identity = {name: getattr(seller, name) for name in EXPECTED[code][0]}
    assert identity == EXPECTED[code][0]
    assert set(EXPECTED[code][0]) == {
        field.name
        for field in Seller._meta.get_fields()
        if field.concrete and field.name not in ("id", "logo", "show_prices_to_anonymous")
    }
    missing = [mention.code for mention in seller_legal_mentions_missing(seller=seller)]
    assert missing == MISSING_MENTIONS[code]


@pytest.mark.django_db
def test_loading_the_same_preset_twice_changes_nothing():
    seller = seller_preset_load(code="004")
    terms = Terms.objects.get()
    seller.siren = "552100554"  # completed by staff after the first load
    seller.save()

    again = seller_preset_load(code="004")

    assert again == seller
    assert list(Terms.objects.all()) == [terms]
    assert Terms.objects.get().published_at == terms.published_at
    assert Seller.objects.get().siren == "552100554"
    assert len(audit_history(terms)) == 1


@pytest.mark.django_db
def test_another_preset_is_refused_when_a_different_seller_exists():
    seller_preset_load(code="000")

    with pytest.raises(BusinessError) as refused:
        seller_preset_load(code="002")

    assert refused.value.code == "seller_preset_other_seller"
    assert "--replace" in refused.value.message
    assert Seller.objects.get().legal_name == "IMAGE IN NETWORK"


@pytest.mark.django_db
def test_replace_swaps_the_seller_on_a_fresh_database():
    seller_preset_load(code="000")

    seller = seller_preset_load(code="002", replace=True)

    assert Seller.objects.get() == seller
    assert seller.legal_name == "Impact Software"
    assert list(Terms.objects.values_list("seller__country", "version")) == [("BE", 1)]


@pytest.mark.django_db
def test_unknown_preset_code_is_refused():
    with pytest.raises(BusinessError) as refused:
        seller_preset_load(code="005")
    assert refused.value.code == "seller_preset_unknown"


@pytest.mark.django_db
def test_command_loads_and_reports_refusal(capsys):
    from django.core.management import CommandError, call_command

    call_command("load_seller_preset", "001")
    call_command("load_seller_preset", "001")
    output = capsys.readouterr().out
    assert (
        output.count("vendeur DIGILOR (FR), CGV publiées : version 1 (en vigueur le 01/01/2026)")
        == 2
    )
    assert Terms.objects.count() == 1
    with pytest.raises(CommandError, match="--replace"):
        call_command("load_seller_preset", "003")


@pytest.mark.django_db
def test_preset_on_top_of_the_same_seller_with_only_drafts_publishes_the_next_version():
    seller = SellerFactory(legal_name="INNELEC", country="FR", siren="", siret="", vat_number="")
    TermsFactory(seller=seller, version=1)

    seller_preset_load(code="004")

    published = Terms.objects.get(status="published")
    assert (published.seller, published.version) == (seller, 2)
