"""Coverage of returned items for each preset, at the boundaries.

Each expected last day is worked out by hand in the comment of its row, from the
conventions of docs/rules/conventions.md: N months from D cover a report made before the
same calendar day N months later; N days from D end at the end of day D + N.
"""

# ruff: noqa: E501 (one case per line keeps the table readable)

from datetime import date
from decimal import Decimal

import pytest

from returns.choices import ReturnReason
from returns.coverage import Claim, ReturnedItem, coverage_decide
from returns.tests.presets import COUNTRY, preset_terms

R = ReturnReason
D = date


def decide(code, *, reason=R.DEFECT, requested_on, claim=None, **item):
    item.setdefault("warranty_class", "standard")
    item.setdefault("unit_price_ht", Decimal("1500.00"))
    item.setdefault("invoice_date", D(2026, 1, 15))
    return coverage_decide(
        terms=preset_terms(code),
        country=COUNTRY[code],
        item=ReturnedItem(**item),
        claim=Claim(reason=reason, requested_on=requested_on, **(claim or {})),
    )


# (preset, case, item fields, claim fields, reason, requested on, covered, rule, last day)
# fmt: off
CASES = [
    # --- 000: 12 months from the invoice; 15 Jan 2026 + 12 months = 15 Jan 2027, excluded.
    ("000", "standard, last day", {}, {}, R.DEFECT, D(2027, 1, 14), True, "standard", D(2027, 1, 14)),
    ("000", "standard, day after", {}, {}, R.DEFECT, D(2027, 1, 15), False, "standard_expired", D(2027, 1, 14)),
    # under 25 € HT: 6 months; 15 Jan + 6 months = 15 Jul 2026, excluded -> 14 Jul.
    ("000", "24.99 €, last day", {"unit_price_ht": Decimal("24.99")}, {}, R.DEFECT, D(2026, 7, 14), True, "low_value", D(2026, 7, 14)),
    ("000", "24.99 €, day after", {"unit_price_ht": Decimal("24.99")}, {}, R.DEFECT, D(2026, 7, 15), False, "low_value_expired", D(2026, 7, 14)),
    # 25.00 € is not "under 25 €": 12 months.
    ("000", "25.00 €, 12 months", {"unit_price_ht": Decimal("25.00")}, {}, R.DEFECT, D(2026, 7, 15), True, "standard", D(2027, 1, 14)),
    ("000", "software", {"warranty_class": "software"}, {}, R.DEFECT, D(2026, 2, 1), False, "excluded_class", None),
    ("000", "consumable", {"warranty_class": "consumables"}, {}, R.DEFECT, D(2026, 2, 1), False, "excluded_class", None),
    ("000", "manufacturer warranty", {"manufacturer_warranty": True}, {}, R.DEFECT, D(2026, 2, 1), False, "manufacturer_refused", None),
    # a repair that kept the item 8 days (> 7) extends by 8: 15 Jan 2027 + 8 = 23 Jan, excluded.
    ("000", "immobilised 8 days", {}, {"immobilisation_days": (8,)}, R.DEFECT, D(2027, 1, 22), True, "standard", D(2027, 1, 22)),
    ("000", "immobilised 8 days, day after", {}, {"immobilisation_days": (8,)}, R.DEFECT, D(2027, 1, 23), False, "standard_expired", D(2027, 1, 22)),
    # exactly 7 days is not "more than 7": no extension.
    ("000", "immobilised 7 days", {}, {"immobilisation_days": (7,)}, R.DEFECT, D(2027, 1, 15), False, "standard_expired", D(2027, 1, 14)),
    # complaint: 3 days from delivery on Mon 2 Mar 2026 -> end of Thu 5 Mar.
    ("000", "transport damage, day 3", {"delivered_on": D(2026, 3, 2)}, {}, R.TRANSPORT_DAMAGE, D(2026, 3, 5), True, "complaint_window", D(2026, 3, 5)),
    ("000", "transport damage, day 4", {"delivered_on": D(2026, 3, 2)}, {}, R.TRANSPORT_DAMAGE, D(2026, 3, 6), False, "complaint_window_expired", D(2026, 3, 5)),
    ("000", "missing item, day 3", {"delivered_on": D(2026, 3, 2)}, {}, R.MISSING_ITEM, D(2026, 3, 5), True, "complaint_window", D(2026, 3, 5)),
    # hidden defect: delivered 20 Jan 2026, 6 months of use end on 20 Jul 2026 (excluded);
    # discovered 19 Jul, notified within 20 days: 19 Jul + 20 = 8 Aug.
    ("000", "hidden defect, notice day 20", {"delivered_on": D(2026, 1, 20)}, {"discovered_on": D(2026, 7, 19)}, R.HIDDEN_DEFECT, D(2026, 8, 8), True, "hidden_defect_notice", D(2026, 8, 8)),
    ("000", "hidden defect, notice day 21", {"delivered_on": D(2026, 1, 20)}, {"discovered_on": D(2026, 7, 19)}, R.HIDDEN_DEFECT, D(2026, 8, 9), False, "hidden_defect_notice_expired", D(2026, 8, 8)),
    ("000", "hidden defect after 6 months of use", {"delivered_on": D(2026, 1, 20)}, {"discovered_on": D(2026, 7, 20)}, R.HIDDEN_DEFECT, D(2026, 7, 21), False, "hidden_defect_use_expired", D(2026, 7, 19)),
    ("000", "commercial return", {}, {}, R.COMMERCIAL, D(2026, 1, 20), False, "commercial_not_allowed", None),
    ("000", "a service", {"warranty_class": "service"}, {}, R.DEFECT, D(2026, 1, 20), False, "service", None),
    # --- 001: monitors per brand, 36 months from 31 Jan 2026 = 31 Jan 2029, excluded.
    ("001", "monitor 36 months", {"warranty_class": "monitor", "brand_warranty_months": 36, "invoice_date": D(2026, 1, 31)}, {}, R.DEFECT, D(2029, 1, 30), True, "monitor_brand", D(2029, 1, 30)),
    ("001", "monitor 36 months, day after", {"warranty_class": "monitor", "brand_warranty_months": 36, "invoice_date": D(2026, 1, 31)}, {}, R.DEFECT, D(2029, 1, 31), False, "monitor_brand_expired", D(2029, 1, 30)),
    # a monitor whose brand term is not set: the standard 12 months.
    ("001", "monitor, no brand term", {"warranty_class": "monitor", "invoice_date": D(2026, 1, 31)}, {}, R.DEFECT, D(2027, 1, 30), True, "standard", D(2027, 1, 30)),
    # 29 Feb 2028 + 12 months is clamped to 28 Feb 2029, excluded -> 27 Feb.
    ("001", "leap day invoice", {"invoice_date": D(2028, 2, 29)}, {}, R.DEFECT, D(2029, 2, 27), True, "standard", D(2029, 2, 27)),
    ("001", "leap day invoice, day after", {"invoice_date": D(2028, 2, 29)}, {}, R.DEFECT, D(2029, 2, 28), False, "standard_expired", D(2029, 2, 27)),
    ("001", "24.99 € has 12 months", {"unit_price_ht": Decimal("24.99")}, {}, R.DEFECT, D(2027, 1, 14), True, "standard", D(2027, 1, 14)),
    ("001", "software", {"warranty_class": "software"}, {}, R.DEFECT, D(2026, 2, 1), False, "excluded_class", None),
    ("001", "a book is covered", {"warranty_class": "books"}, {}, R.DEFECT, D(2026, 2, 1), True, "standard", D(2027, 1, 14)),
    ("001", "manufacturer warranty", {"manufacturer_warranty": True}, {}, R.DEFECT, D(2026, 2, 1), False, "manufacturer_redirected", None),
    # no extension under 001, whatever the immobilisation.
    ("001", "immobilised 30 days", {}, {"immobilisation_days": (30,)}, R.DEFECT, D(2027, 1, 15), False, "standard_expired", D(2027, 1, 14)),
    # complaint: 2 days from Mon 2 Mar 2026 -> end of Wed 4 Mar.
    ("001", "non-conformity, day 2", {"delivered_on": D(2026, 3, 2)}, {}, R.NON_CONFORMITY, D(2026, 3, 4), True, "complaint_window", D(2026, 3, 4)),
    ("001", "non-conformity, day 3", {"delivered_on": D(2026, 3, 2)}, {}, R.NON_CONFORMITY, D(2026, 3, 5), False, "complaint_window_expired", D(2026, 3, 4)),
    ("001", "hidden defect, legal warranty", {}, {}, R.HIDDEN_DEFECT, D(2028, 1, 1), True, "hidden_defect_legal", None),
    # --- 002: legal warranty only; complaint 7 days from Mon 2 Mar -> end of Mon 9 Mar.
    ("002", "defect, legal only", {}, {}, R.DEFECT, D(2026, 2, 1), False, "legal_only", None),
    ("002", "hidden defect, legal", {}, {}, R.HIDDEN_DEFECT, D(2026, 2, 1), True, "hidden_defect_legal", None),
    ("002", "non-conformity, day 7", {"delivered_on": D(2026, 3, 2)}, {}, R.NON_CONFORMITY, D(2026, 3, 9), True, "complaint_window", D(2026, 3, 9)),
    ("002", "non-conformity, day 8", {"delivered_on": D(2026, 3, 2)}, {}, R.NON_CONFORMITY, D(2026, 3, 10), False, "complaint_window_expired", D(2026, 3, 9)),
    ("002", "commercial return", {}, {}, R.COMMERCIAL, D(2026, 2, 1), False, "commercial_not_allowed", None),
    # --- 003: own products 1 year from purchase (the invoice date) -> 14 Jan 2027.
    ("003", "own product, last day", {"is_own_product": True}, {}, R.DEFECT, D(2027, 1, 14), True, "standard", D(2027, 1, 14)),
    ("003", "own product, day after", {"is_own_product": True}, {}, R.DEFECT, D(2027, 1, 15), False, "standard_expired", D(2027, 1, 14)),
    ("003", "not an own product", {}, {}, R.DEFECT, D(2026, 2, 1), False, "not_own_product", None),
    ("003", "own product modified by the customer", {"is_own_product": True}, {"modified_by_customer": True}, R.DEFECT, D(2026, 2, 1), False, "excluded_modified", None),
    # bare electronics: 15 days from receipt on 2 Mar 2026 -> end of 17 Mar.
    ("003", "bare electronics, day 15", {"warranty_class": "bare_electronics", "delivered_on": D(2026, 3, 2)}, {}, R.DEFECT, D(2026, 3, 17), True, "bare_electronics", D(2026, 3, 17)),
    ("003", "bare electronics, day 16", {"warranty_class": "bare_electronics", "delivered_on": D(2026, 3, 2)}, {}, R.DEFECT, D(2026, 3, 18), False, "bare_electronics_expired", D(2026, 3, 17)),
    # receipt unknown: shipment (invoice 2 Mar) + 7 = 9 Mar; + 15 days -> 24 Mar.
    ("003", "bare electronics, receipt estimated", {"warranty_class": "bare_electronics", "invoice_date": D(2026, 3, 2)}, {}, R.DEFECT, D(2026, 3, 24), True, "bare_electronics", D(2026, 3, 24)),
    ("003", "manufacturer warranty", {"manufacturer_warranty": True, "is_own_product": True, "manufacturer_contact": "sav@brand.example"}, {}, R.DEFECT, D(2026, 2, 1), False, "manufacturer_redirected", None),
    # complaint: 1 working day from Thu 30 Apr 2026; Fri 1 May is a Belgian holiday -> Mon 4 May.
    ("003", "transport damage, next working day", {"delivered_on": D(2026, 4, 30)}, {}, R.TRANSPORT_DAMAGE, D(2026, 5, 4), True, "complaint_window", D(2026, 5, 4)),
    ("003", "transport damage, one day late", {"delivered_on": D(2026, 4, 30)}, {}, R.TRANSPORT_DAMAGE, D(2026, 5, 5), False, "complaint_window_expired", D(2026, 5, 4)),
    # hidden defect of an own product: 7 days from discovery on 10 Jun -> 17 Jun.
    ("003", "own hidden defect, day 7", {"is_own_product": True}, {"discovered_on": D(2026, 6, 10)}, R.HIDDEN_DEFECT, D(2026, 6, 17), True, "hidden_defect_notice", D(2026, 6, 17)),
    ("003", "own hidden defect, day 8", {"is_own_product": True}, {"discovered_on": D(2026, 6, 10)}, R.HIDDEN_DEFECT, D(2026, 6, 18), False, "hidden_defect_notice_expired", D(2026, 6, 17)),
    ("003", "hidden defect, other product: legal", {}, {"discovered_on": D(2026, 6, 10)}, R.HIDDEN_DEFECT, D(2026, 9, 1), True, "hidden_defect_legal", None),
    # --- 004: distributor, legal warranty only; commercial returns by agreement.
    ("004", "commercial return by agreement", {}, {}, R.COMMERCIAL, D(2026, 6, 1), True, "commercial_by_agreement", None),
    ("004", "defect, legal only", {}, {}, R.DEFECT, D(2026, 2, 1), False, "legal_only", None),
    # 3 days, public holidays not counted, from Tue 12 May 2026: Wed 13 (1), Thu 14 is
    # Ascension (skipped), Fri 15 (2), Sat 16 (3) -> end of Sat 16 May.
    ("004", "transport damage, day 3 after a holiday", {"delivered_on": D(2026, 5, 12)}, {}, R.TRANSPORT_DAMAGE, D(2026, 5, 16), True, "complaint_window", D(2026, 5, 16)),
    ("004", "transport damage, day 4", {"delivered_on": D(2026, 5, 12)}, {}, R.TRANSPORT_DAMAGE, D(2026, 5, 17), False, "complaint_window_expired", D(2026, 5, 16)),
]
# fmt: on


@pytest.mark.parametrize(
    ("code", "case", "item", "claim", "reason", "requested_on", "covered", "rule", "until"),
    CASES,
    ids=[f"{row[0]}-{row[1]}" for row in CASES],
)
def test_coverage_by_preset(code, case, item, claim, reason, requested_on, covered, rule, until):
    result = decide(code, reason=reason, requested_on=requested_on, claim=claim, **item)
    assert (result.covered, result.rule, result.until) == (covered, rule, until)
    assert result.message


def test_manufacturer_refusal_names_the_manufacturer_contact():
    result = decide(
        "000",
        requested_on=D(2026, 2, 1),
        manufacturer_warranty=True,
        manufacturer_contact="01 23 45 67 89",
    )
    assert "01 23 45 67 89" in result.message
    assert "refuse" in result.message


def test_the_message_gives_the_last_day_in_french_format():
    result = decide("000", requested_on=D(2027, 1, 15))
    assert "14/01/2027" in result.message
