"""Two runs of the dormancy job at once mark each company once (row locks, re-checked)."""

from datetime import date

import pytest

from accounts.models import CompanyStatus
from accounts.services import run_mark_dormant
from accounts.tests.factories import CompanyFactory
from core.audit import audit_history
from tests.concurrency import run_together


@pytest.mark.django_db(transaction=True)
def test_concurrent_runs_mark_each_company_once(terms):
    companies = [CompanyFactory(approved=True, approved_on=date(2025, 1, 15)) for _ in range(6)]
    outcomes, errors = run_together([lambda: run_mark_dormant(as_of=date(2026, 1, 15))] * 4)

    assert errors == []
    results = [outcome["marked_dormant"] for outcome in outcomes]
    assert sum(results) == 6
    for company in companies:
        company.refresh_from_db()
        assert company.status == CompanyStatus.DORMANT
        assert [e.to_state for e in audit_history(company)] == ["dormant"]
