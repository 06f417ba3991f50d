"""Two runs of the dormancy job at once mark each company once (row locks, re-checked)."""

import threading
from datetime import date

import pytest
from django.db import connection

from accounts.models import CompanyStatus
from accounts.services import run_mark_dormant
from accounts.tests.factories import CompanyFactory
from core.audit import audit_history


@pytest.mark.django_db(transaction=True)
def test_concurrent_runs_mark_each_company_once():
    companies = [CompanyFactory(approved=True, approved_on=date(2025, 1, 15)) for _ in range(6)]
    barrier = threading.Barrier(4)
    results, errors = [], []

    def worker():
        try:
            barrier.wait()
            results.append(run_mark_dormant(as_of=date(2026, 1, 15))["marked_dormant"])
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sum(results) == 6
    for company in companies:
        company.refresh_from_db()
        assert company.status == CompanyStatus.DORMANT
        assert [e.to_state for e in audit_history(company)] == ["dormant"]
