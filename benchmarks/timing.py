"""Timing helpers: repeated runs (median, min, max), peak memory, ratios to a baseline."""

from __future__ import annotations

import gc
import statistics
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Timing:
    runs: tuple[float, ...]

    @property
    def median(self) -> float:
        return statistics.median(self.runs)

    @property
    def low(self) -> float:
        return min(self.runs)

    @property
    def high(self) -> float:
        return max(self.runs)


def _settle() -> None:
    """Start each run from the same state: no garbage of the run before left to collect."""
    gc.collect()


def measure(
    work: Callable[[], object], repeat: int, setup: Callable[[], object] | None = None
) -> Timing:
    """`work` timed `repeat` times, each after `setup` (not timed)."""
    runs = []
    for _ in range(repeat):
        if setup is not None:
            setup()
        _settle()
        start = time.perf_counter()
        work()
        runs.append(time.perf_counter() - start)
    return Timing(tuple(runs))


def measure_pair(
    work: Callable[[], object],
    baseline: Callable[[], object],
    repeat: int,
    setup: Callable[[], object] | None = None,
    baseline_setup: Callable[[], object] | None = None,
) -> tuple[Timing, Timing]:
    """`work` and its baseline, each run once untimed, then timed in turns, so that both
    meet the same machine (a slower moment falls on both)."""
    for first, prepare in ((work, setup), (baseline, baseline_setup)):
        if prepare is not None:
            prepare()
        first()
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(repeat):
        ours.extend(measure(work, 1, setup).runs)
        theirs.extend(measure(baseline, 1, baseline_setup).runs)
    return Timing(tuple(ours)), Timing(tuple(theirs))


def peak_memory(work: Callable[[], object], setup: Callable[[], object] | None = None) -> int:
    """Peak bytes Python allocates while `work` runs, above what was allocated before
    (tracemalloc: Python's own allocations, not the C libraries')."""
    if setup is not None:
        setup()
    _settle()
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        work()
        return tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()


def ratio(value: float, baseline: float) -> float:
    return value / baseline if baseline > 0 else float("inf")
