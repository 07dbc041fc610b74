"""Small timing helpers: medians of repeated runs, reported as ratios to a baseline."""

from __future__ import annotations

import statistics
import time
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


def measure(work: Callable[[], object], repeat: int) -> Timing:
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        work()
        runs.append(time.perf_counter() - start)
    return Timing(tuple(runs))


def ratio(value: float, baseline: float) -> float:
    return value / baseline if baseline > 0 else float("inf")
