"""A background result is picked up as soon as the worker has it: the worker wakes the UI thread with a posted
event, so a page's answer does not wait for the drain timer's next tick (up to 5 ms of a page's first show)."""
from __future__ import annotations

import time


def test_a_result_is_picked_up_without_the_drain_timer(qtbot):
    from pointsapp.ui import tasks
    from pointsapp.ui.app import application

    application()
    tasks.run_quietly(lambda: None)  # the timer and the waker made
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=5000)
    tasks._drain_timer.setInterval(60_000)  # the timer alone would take a minute
    try:
        got: list[float] = []
        started = time.perf_counter()
        tasks.run_quietly(lambda: 42, success=lambda value: got.append(time.perf_counter() - started))
        qtbot.waitUntil(lambda: bool(got), timeout=2000)
        assert got[0] < 2.0 and not tasks.busy()
    finally:
        tasks._drain_timer.setInterval(5)


def test_a_failure_is_picked_up_without_the_drain_timer_too(qtbot):
    from pointsapp.errors import UserError
    from pointsapp.ui import tasks
    from pointsapp.ui.app import application

    application()
    tasks.run_quietly(lambda: None)
    qtbot.waitUntil(lambda: not tasks.busy(), timeout=5000)
    tasks._drain_timer.setInterval(60_000)
    try:
        failed: list[Exception] = []

        def fail():
            raise UserError("不行")

        tasks.run_quietly(fail, failure=failed.append)
        qtbot.waitUntil(lambda: bool(failed), timeout=2000)
        assert str(failed[0]) == "不行"
    finally:
        tasks._drain_timer.setInterval(5)
