"""Measuring: app and baseline interleaved, several rounds, medians; one case result per figure."""
from __future__ import annotations

import statistics
import time
from dataclasses import asdict, dataclass
from typing import Callable


@dataclass
class CaseResult:
    name: str
    value: float
    unit: str
    baseline: float | None
    ratio: float | None
    target_ratio: float | None
    note: str = ""

    @property
    def ok(self) -> bool:
        if self.target_ratio is None:
            return True
        if self.baseline is None:  # absolute target: value must stay under target (same unit)
            return self.value <= self.target_ratio
        return self.ratio is not None and self.ratio <= self.target_ratio

    def as_json(self) -> dict:
        data = asdict(self)
        data["ok"] = self.ok
        return data


def seconds(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def compare(name: str, app: Callable[[], object], baseline: Callable[[], object], *, target: float,
            rounds: int = 5, unit: str = "ms", note: str = "") -> CaseResult:
    """Median of ``rounds`` interleaved runs of each; ratio = app / baseline."""
    app(), baseline()  # warm caches on both sides
    app_times, base_times = [], []
    for _ in range(rounds):
        app_times.append(seconds(app))
        base_times.append(seconds(baseline))
    a, b = statistics.median(app_times), statistics.median(base_times)
    scale = 1000.0 if unit == "ms" else 1.0
    return CaseResult(name, round(a * scale, 3), unit, round(b * scale, 3), round(a / b, 2), target, note)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]
