"""Date boundaries of KYC and dormancy (see accounts/rules.py for the decisions)."""

from datetime import date

import pytest

from accounts.rules import (
    dormancy_date,
    id_expiry_date_check,
    is_dormant_on,
    kbis_issue_date_check,
)
from core.errors import BusinessError


def kbis_ok(issue_date, today, months=3) -> bool:
    try:
        kbis_issue_date_check(issue_date=issue_date, today=today, max_age_months=months)
    except BusinessError as error:
        assert error.field == "kbis_issue_date"
        return False
    return True


def test_kbis_issued_exactly_three_months_ago_is_refused():
    """docs/rules/accounts-kyc.md: "issued less than N months ago". On 15 May, an
    extract of 15 Feb is exactly 3 months old, so not less: refused. 16 Feb is accepted."""
    assert kbis_ok(date(2026, 2, 15), date(2026, 5, 15)) is False
    assert kbis_ok(date(2026, 2, 16), date(2026, 5, 15)) is True


def test_kbis_issued_today_is_accepted_tomorrow_is_refused():
    assert kbis_ok(date(2026, 5, 15), date(2026, 5, 15)) is True
    assert kbis_ok(date(2026, 5, 16), date(2026, 5, 15)) is False


def test_kbis_month_end_follows_the_warranty_convention():
    """28 Feb + 3 months = 28 May: refused from 28 May, accepted on 27 May."""
    assert kbis_ok(date(2026, 2, 28), date(2026, 5, 27)) is True
    assert kbis_ok(date(2026, 2, 28), date(2026, 5, 28)) is False
    # 30 Nov + 3 months = 28 Feb (clamped): refused on 28 Feb.
    assert kbis_ok(date(2025, 11, 30), date(2026, 2, 27)) is True
    assert kbis_ok(date(2025, 11, 30), date(2026, 2, 28)) is False


def test_kbis_maximum_age_is_the_terms_number():
    assert kbis_ok(date(2026, 3, 20), date(2026, 5, 15), months=2) is True
    assert kbis_ok(date(2026, 3, 15), date(2026, 5, 15), months=2) is False


def test_kbis_errors_say_why():
    with pytest.raises(BusinessError) as future:
        kbis_issue_date_check(
            issue_date=date(2026, 6, 1), today=date(2026, 5, 15), max_age_months=3
        )
    assert future.value.code == "kbis_issue_date_future"
    assert "01/06/2026" in future.value.message
    with pytest.raises(BusinessError) as old:
        kbis_issue_date_check(
            issue_date=date(2026, 1, 2), today=date(2026, 5, 15), max_age_months=3
        )
    assert old.value.code == "kbis_too_old"
    assert "02/01/2026" in old.value.message and "3 mois" in old.value.message


def test_identity_document_expiring_today_is_accepted_yesterday_refused():
    id_expiry_date_check(expiry_date=date(2026, 5, 15), today=date(2026, 5, 15))
    with pytest.raises(BusinessError) as info:
        id_expiry_date_check(expiry_date=date(2026, 5, 14), today=date(2026, 5, 15))
    assert (info.value.code, info.value.field) == ("id_expired", "id_expiry_date")


def test_dormancy_counts_from_the_last_order():
    assert dormancy_date(
        approved_on=date(2025, 1, 15), last_order_on=date(2025, 3, 10), months=12
    ) == date(2026, 3, 10)


def test_dormancy_counts_from_approval_when_never_ordered():
    assert dormancy_date(approved_on=date(2025, 1, 15), last_order_on=None, months=12) == date(
        2026, 1, 15
    )


def test_dormancy_counts_from_a_new_approval_after_an_old_order():
    assert dormancy_date(
        approved_on=date(2026, 4, 1), last_order_on=date(2024, 2, 1), months=12
    ) == date(2027, 4, 1)


def test_dormant_on_the_day_not_the_day_before():
    kwargs = {"approved_on": date(2025, 1, 15), "last_order_on": date(2025, 3, 10), "months": 12}
    assert is_dormant_on(on=date(2026, 3, 9), **kwargs) is False
    assert is_dormant_on(on=date(2026, 3, 10), **kwargs) is True
