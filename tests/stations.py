"""Stations at once: each in its own process, all released together by a barrier, for the races the tests run."""
from __future__ import annotations

import multiprocessing
from typing import Callable, Sequence


def race(station: Callable, db_target, per_station: Sequence[tuple]) -> list:
    """Run ``station(db_target, *args, barrier, results)`` once per ``args`` in ``per_station``, each in a fresh
    (spawned) process that opens the database itself; the sorted results each station put."""
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(len(per_station)), ctx.Queue()
    procs = [ctx.Process(target=station, args=(str(db_target), *args, barrier, results)) for args in per_station]
    for p in procs:
        p.start()
    outcome = [results.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=60)
        assert p.exitcode == 0
    return sorted(outcome)
