"""Validity ends worked out by hand (docs/rules/conventions.md): N days end at the end of day D + N
in Paris; hours run from the exact issuing time, across DST changes too."""

from datetime import UTC

import pytest

from core.errors import BusinessError
from orders.services.validity import quote_valid_until, quote_validity_rule, validity_end
from orders.tests.factories import paris
from shop.tests.factories import TermsFactory


def test_three_days_from_tuesday_afternoon_end_at_midnight_starting_saturday():
    # Issued Tue 10 March 2026 14:00 Paris, 3 days: valid to the end of Fri 13 March.
    end = validity_end(issued_at=paris(2026, 3, 10, 14, 0), value=3, unit="days", country="FR")
    assert end == paris(2026, 3, 14, 0, 0)
    assert end.astimezone(UTC).isoformat() == "2026-03-13T23:00:00+00:00"


def test_fifteen_days():
    end = validity_end(issued_at=paris(2026, 3, 10, 9, 30), value=15, unit="days", country="FR")
    assert end == paris(2026, 3, 26, 0, 0)


def test_issued_one_minute_before_midnight_still_counts_that_day_as_day_zero():
    end = validity_end(issued_at=paris(2026, 3, 10, 23, 59), value=3, unit="days", country="FR")
    assert end == paris(2026, 3, 14, 0, 0)


def test_seventy_two_hours_run_from_the_exact_time():
    end = validity_end(issued_at=paris(2026, 3, 10, 14, 0), value=72, unit="hours", country="BE")
    assert end == paris(2026, 3, 13, 14, 0)


def test_seventy_two_hours_across_the_spring_dst_change_are_72_real_hours():
    # Clocks go forward on Sun 29 March 2026 at 02:00: 72 h after Fri 14:00 CET is
    # Mon 15:00 CEST (wall clock +73 h), the same instant as Mon 13:00 UTC.
    start = paris(2026, 3, 27, 14, 0)
    end = validity_end(issued_at=start, value=72, unit="hours", country="BE")
    assert end == paris(2026, 3, 30, 15, 0)
    assert (end.astimezone(UTC) - start.astimezone(UTC)).total_seconds() == 72 * 3600


def test_forty_eight_hours():
    end = validity_end(issued_at=paris(2026, 3, 10, 16, 45), value=48, unit="hours", country="BE")
    assert end == paris(2026, 3, 12, 16, 45)


def test_working_days_skip_the_weekend_and_easter_monday():
    # Thu 2 April 2026 + 2 working days: Fri 3, (Sat, Sun, Easter Monday 6 off) Tue 7.
    end = validity_end(
        issued_at=paris(2026, 4, 2, 10, 0), value=2, unit="working_days", country="FR"
    )
    assert end == paris(2026, 4, 8, 0, 0)


@pytest.mark.django_db
def test_rules_of_the_terms():
    three_days = TermsFactory(quote_validity_value=3, quote_validity_unit="days")
    assert quote_validity_rule(terms=three_days, special_order=False) == (3, "days")
    # No special-order validity in these terms: a special order keeps the quote validity.
    assert quote_validity_rule(terms=three_days, special_order=True) == (3, "days")
    belgian = TermsFactory(
        quote_validity_value=72,
        quote_validity_unit="hours",
        special_order_offer_validity_value=48,
        special_order_offer_validity_unit="hours",
    )
    assert quote_validity_rule(terms=belgian, special_order=False) == (72, "hours")
    assert quote_validity_rule(terms=belgian, special_order=True) == (48, "hours")
    assert quote_valid_until(
        terms=belgian, issued_at=paris(2026, 3, 10, 14, 0), special_order=True
    ) == paris(2026, 3, 12, 14, 0)


@pytest.mark.django_db
def test_terms_without_quote_validity_are_refused():
    terms = TermsFactory(quote_validity_value=None, quote_validity_unit="")
    with pytest.raises(BusinessError) as error:
        quote_validity_rule(terms=terms, special_order=False)
    assert error.value.code == "quote_validity_missing"
