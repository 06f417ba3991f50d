"""Threads that start together, for the concurrency tests on PostgreSQL
(`django_db(transaction=True)`: each thread has its own connection and sees committed data).
"""

import threading
import time

from django.db import connection

# How long the threads may take before the test fails. Generous on purpose: on a busy
# 2-core machine two dozen threads wait long for the CPU and the database, and a run that
# passes returns as soon as its threads finish, whatever this bound.
TIMEOUT_SECONDS = 300.0


def run_together(targets, *, timeout: float = TIMEOUT_SECONDS):
    """Run each callable in its own thread, all released at once by a barrier.

    Returns (results, errors) in completion order: each callable's return value, or the
    exception it raised. Fails the test when a thread is still running after `timeout`
    seconds, instead of asserting on half the results or hanging the run.
    """
    barrier = threading.Barrier(len(targets), timeout=timeout)
    results, errors = [], []
    lock = threading.Lock()

    def wrap(target):
        try:
            barrier.wait()
            value = target()
            with lock:
                results.append(value)
        except BaseException as exc:  # reported to the main thread
            with lock:
                errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=wrap, args=(target,), daemon=True) for target in targets]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + timeout
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    running = sum(thread.is_alive() for thread in threads)
    assert not running, f"{running} of {len(threads)} threads still running after {timeout} s"
    return results, errors
