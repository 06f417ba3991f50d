"""Timing and query counting for the benchmarks: medians and p95, never a single run."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.test.utils import CaptureQueriesContext


@dataclass(frozen=True)
class Result:
    name: str
    runs: int
    median_ms: float
    p95_ms: float
    queries: int

    def row(self) -> str:
        return (
            f"| {self.name} | {self.runs} | {self.median_ms:.2f} | {self.p95_ms:.2f} "
            f"| {self.queries} |"
        )


HEADER = "| benchmark | runs | median ms | p95 ms | SQL queries per run |\n|---|---|---|---|---|"


def measure(name: str, func: Callable[[], object], *, runs: int = 30, warmup: int = 3) -> Result:
    """Run `func` `warmup` times untimed, then `runs` times; count the queries of the last run."""
    for _ in range(warmup):
        func()
    timings = []
    for _ in range(runs - 1):
        start = time.perf_counter()
        func()
        timings.append((time.perf_counter() - start) * 1000)
    with CaptureQueriesContext(connection) as captured:
        start = time.perf_counter()
        func()
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p95 = timings[min(len(timings) - 1, round(0.95 * (len(timings) - 1)))]
    return Result(name, runs, statistics.median(timings), p95, len(captured))
