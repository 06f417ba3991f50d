"""Continuous numbering: gapless and duplicate-free under concurrent issuing, rollbacks included."""

import pytest
from django.db import transaction

from core.models import SequenceCounter
from core.sequences import sequence_format, sequence_next
from tests.concurrency import run_together


class Rollback(Exception):
    pass


@pytest.mark.django_db
def test_numbers_start_at_one_per_series_and_year():
    with transaction.atomic():
        assert sequence_next(series="FA", year=2026) == 1
        assert sequence_next(series="FA", year=2026) == 2
        assert sequence_next(series="AV", year=2026) == 1
        assert sequence_next(series="FA", year=2027) == 1


@pytest.mark.django_db
def test_a_rolled_back_number_is_given_again():
    with transaction.atomic():
        assert sequence_next(series="FA", year=2026) == 1
    with pytest.raises(Rollback), transaction.atomic():
        assert sequence_next(series="FA", year=2026) == 2
        raise Rollback
    with transaction.atomic():
        assert sequence_next(series="FA", year=2026) == 2


@pytest.mark.django_db(transaction=True)
def test_refused_outside_a_transaction():
    with pytest.raises(RuntimeError, match=r"inside transaction\.atomic"):
        sequence_next(series="FA", year=2026)


def test_format():
    assert sequence_format(prefix="FA", year=2026, value=42) == "FA-2026-000042"
    assert sequence_format(prefix="AV", year=2027, value=1, width=4) == "AV-2027-0001"


@pytest.mark.django_db(transaction=True)
def test_concurrent_issuing_is_gapless_and_duplicate_free():
    threads_count, per_thread = 24, 6

    def issue(worker: int) -> list[tuple[int, bool]]:
        """Each attempt's number and whether it was committed."""
        numbers = []
        for attempt in range(per_thread):
            # One issuing in three fails after taking its number and rolls back.
            fail = (worker + attempt) % 3 == 0
            try:
                with transaction.atomic():
                    number = sequence_next(series="FA", year=2026)
                    if fail:
                        raise Rollback
            except Rollback:
                numbers.append((number, False))
            else:
                numbers.append((number, True))
        return numbers

    results, errors = run_together(
        [lambda worker=worker: issue(worker) for worker in range(threads_count)]
    )

    assert errors == []
    committed = [number for numbers in results for number, kept in numbers if kept]
    rolled_back = [number for numbers in results for number, kept in numbers if not kept]
    # 24 workers x 6 attempts = 144; attempts where (worker + attempt) % 3 == 0:
    # for each worker, 2 of its 6 consecutive attempt numbers -> 48 rollbacks, 96 commits.
    assert len(rolled_back) == 48
    assert len(committed) == 96
    assert sorted(committed) == list(range(1, 97))
    assert SequenceCounter.objects.get(series="FA", year=2026).last_value == 96
