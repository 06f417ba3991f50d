"""Timing and query counting for the benchmarks: medians and p95, never a single run.

A page is measured against its floor (bench/floor.py) run by run, alternately, so both see
the same load on a shared machine; the ratio is the page's requests per second over the
floor's (floor median / page median): 1.0 is as fast as a bare Django view.
"""

from __future__ import annotations

import os
import re
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from django.db import connection
from django.test.utils import CaptureQueriesContext


@dataclass(frozen=True)
class Result:
    name: str
    runs: int
    median_ms: float
    p95_ms: float
    queries: int
    floor_median_ms: float | None = None
    floor_queries: int | None = None

    @property
    def ratio(self) -> float | None:
        if self.floor_median_ms is None:
            return None
        return self.floor_median_ms / self.median_ms

    def row(self) -> str:
        floor = ratio = "–"
        if self.floor_median_ms is not None:
            floor = f"{self.floor_median_ms:.2f} ({self.floor_queries} q)"
            ratio = f"{self.ratio:.2f}"
        return (
            f"| {self.name} | {self.runs} | {self.median_ms:.2f} | {self.p95_ms:.2f} "
            f"| {self.queries} | {floor} | {ratio} |"
        )


HEADER = (
    "| benchmark | runs | median ms | p95 ms | SQL queries per run | floor median ms "
    "(queries) | ratio to the floor |\n|---|---|---|---|---|---|---|"
)


def _timed(func: Callable[[], object]) -> float:
    start = time.perf_counter()
    func()
    return (time.perf_counter() - start) * 1000


def _count_queries(func: Callable[[], object]) -> int:
    with CaptureQueriesContext(connection) as captured:
        func()
    return len(captured)


def p95(timings: list[float]) -> float:
    """The 95th percentile (nearest rank) of `timings`."""
    ordered = sorted(timings)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def measure(name: str, func: Callable[[], object], *, runs: int = 30, warmup: int = 3) -> Result:
    """Run `func` `warmup` times untimed, then `runs` times; count the queries of one run."""
    for _ in range(warmup):
        func()
    timings = [_timed(func) for _ in range(runs)]
    return Result(name, runs, statistics.median(timings), p95(timings), _count_queries(func))


def _profile(name: str, func: Callable[[], object], *, runs: int = 30) -> None:
    """With BENCH_PROFILE=1, write where `runs` calls of `func` spend their time
    (pyinstrument) to bench/results/profile-<name>.txt."""
    if not os.environ.get("BENCH_PROFILE"):
        return
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.0005)
    with profiler:
        for _ in range(runs):
            func()
    out = Path(__file__).parent / "results"
    out.mkdir(exist_ok=True)
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60]
    (out / f"profile-{slug}.txt").write_text(profiler.output_text(unicode=True, color=False))


def measure_against_floor(
    name: str,
    page: Callable[[], object],
    floor: Callable[[], object],
    *,
    runs: int = 60,
    warmup: int = 5,
) -> Result:
    """Time `page` and its `floor` alternately, `runs` times each, after `warmup` rounds."""
    for _ in range(warmup):
        page()
        floor()
    _profile(name, page)
    page_timings, floor_timings = [], []
    for _ in range(runs):
        page_timings.append(_timed(page))
        floor_timings.append(_timed(floor))
    return Result(
        name,
        runs,
        statistics.median(page_timings),
        p95(page_timings),
        _count_queries(page),
        statistics.median(floor_timings),
        _count_queries(floor),
    )
