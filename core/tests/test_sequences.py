"""Continuous numbering: gapless and duplicate-free under concurrent issuing, rollbacks included."""

import threading

import pytest
from django.db import connection, transaction

from core.models import SequenceCounter
from core.sequences import sequence_format, sequence_next


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
    barrier = threading.Barrier(threads_count)
    committed: list[int] = []
    rolled_back: list[int] = []
    errors: list[BaseException] = []
    lock = threading.Lock()

    def issue(worker: int) -> None:
        try:
            barrier.wait()
            for attempt in range(per_thread):
                # One issuing in three fails after taking its number and rolls back.
                fail = (worker + attempt) % 3 == 0
                try:
                    with transaction.atomic():
                        number = sequence_next(series="FA", year=2026)
                        if fail:
                            raise Rollback
                except Rollback:
                    with lock:
                        rolled_back.append(number)
                    continue
                with lock:
                    committed.append(number)
        except BaseException as exc:  # reported to the main thread
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=issue, args=(i,)) for i in range(threads_count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert not errors
    # 24 workers x 6 attempts = 144; attempts where (worker + attempt) % 3 == 0:
    # for each worker, 2 of its 6 consecutive attempt numbers -> 48 rollbacks, 96 commits.
    assert len(rolled_back) == 48
    assert len(committed) == 96
    assert sorted(committed) == list(range(1, 97))
    assert SequenceCounter.objects.get(series="FA", year=2026).last_value == 96
