"""Measuring: app and baseline interleaved, several rounds, medians; one case result per figure."""
from __future__ import annotations

import gc
import statistics
import time
from dataclasses import asdict, dataclass
from typing import Callable


class DataSetTooSmall(Exception):
    """The data set lacks what a case needs (said in one line; the run stops without a traceback)."""


@dataclass
class CaseResult:
    name: str
    value: float
    unit: str
    baseline: float | None
    ratio: float | None
    target_ratio: float | None  # app ÷ baseline must stay at or under it
    note: str = ""
    backend: str = "SQLite"
    target_value: float | None = None  # an absolute limit on ``value`` (same unit), where the issue sets one

    @property
    def ok(self) -> bool:
        ratio_ok = self.target_ratio is None or (self.ratio is not None and self.ratio <= self.target_ratio)
        value_ok = self.target_value is None or self.value <= self.target_value
        return ratio_ok and value_ok

    def as_json(self) -> dict:
        data = asdict(self)
        data["ok"] = self.ok
        return data


def seconds(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


SHORT_CASE = 1.0  # seconds
SHORT_ROUNDS = 11
EXACT_ROUNDS: int | None = None  # ``bench/run.py --rounds N``: every case N rounds, short ones too (tests of the runner)


def rounds_for(rounds: int, floor: int = SHORT_ROUNDS) -> int:
    """How many rounds a case runs: at least ``floor`` (a short case's median needs them), or exactly
    ``--rounds`` where that was given."""
    return EXACT_ROUNDS if EXACT_ROUNDS is not None else max(rounds, floor)


def compare(name: str, app: Callable[[], object], baseline: Callable[[], object] | dict[str, Callable[[], object]],
            *, target: float | None,
            rounds: int = 5, unit: str = "ms", note: str = "", backend: str = "SQLite",
            target_value: float | None = None, between: Callable[[], object] | None = None) -> CaseResult:
    """Median of ``rounds`` interleaved runs of each; ratio = app / baseline.

    Cases that take well under a second get at least ``SHORT_ROUNDS``: on a shared machine the median of five
    50 ms runs moved the ratio by ±0.3 from run to run; more rounds steady it (on both sides alike).

    ``baseline`` may be several ways to the same result (``{label: fn}``) when none is the fastest everywhere:
    each is timed in the same rounds and the fastest median is the baseline; the note names it.

    ``between``: run after every timed run, untimed (the page cases: the widgets a run left for deletion are
    deleted there, not in whichever run's event loop came next)."""
    # what earlier cases left in this process (a township's rows, dashboards, a 30,000-row list) is no part of
    # either side's work: frozen out of the collector, it is not rescanned by every collection this case makes
    gc.collect()
    gc.freeze()
    baselines = baseline if isinstance(baseline, dict) else {"": baseline}
    after = between or (lambda: None)
    warm = seconds(app)  # warms caches on both sides, and says how long a run takes
    after()
    for fn in baselines.values():
        fn()
        after()
    if warm < SHORT_CASE or EXACT_ROUNDS is not None:
        rounds = rounds_for(rounds)
    app_times: list[float] = []
    base_times: dict[str, list[float]] = {label: [] for label in baselines}
    for _ in range(rounds):
        app_times.append(seconds(app))
        after()
        for label, fn in baselines.items():
            base_times[label].append(seconds(fn))
            after()
    medians = {label: statistics.median(times) for label, times in base_times.items()}
    fastest = min(medians, key=medians.get)
    a, b = statistics.median(app_times), medians[fastest]
    if len(baselines) > 1:
        note = "; ".join(filter(None, [note, f"baseline: {fastest}"]))
    scale = 1000.0 if unit == "ms" else 1.0
    return CaseResult(name, round(a * scale, 3), unit, round(b * scale, 3), round(a / b, 2), target, note,
                      backend, target_value)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]
