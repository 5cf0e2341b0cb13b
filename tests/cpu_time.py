"""Where the suite's CPU goes (issue 19): with ``POINTSAPP_TEST_CPU_LOG=FILE`` set, every test appends one JSON
line to FILE — its node id, wall seconds, and the CPU seconds of this process and of the processes it waited
for (the CLI runs, also those forked by ``tests/cli_zygote``, the bundle, pdftoppm), set-up and tear-down included. Wall time on a shared 2-core machine
says how busy the machine was; CPU time says what the test costs. ``python -m tools.test_cpu FILE`` sums it up.
The PostgreSQL server's own work is in its processes and is not counted."""
from __future__ import annotations

import json
import os
import resource
import time

import pytest

LOG = os.environ.get("POINTSAPP_TEST_CPU_LOG")


def _cpu() -> tuple[float, float]:
    from tests import cli_zygote  # the commands it forks are its children, not ours

    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime, children.ru_utime + children.ru_stime + cli_zygote.commands_cpu


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item, nextitem):
    if not LOG:
        yield
        return
    wall, (own, children) = time.perf_counter(), _cpu()
    yield
    wall, (own_after, children_after) = time.perf_counter() - wall, _cpu()
    line = {"test": item.nodeid, "worker": os.environ.get("PYTEST_XDIST_WORKER", ""),
            "end": round(time.time(), 3), "wall": round(wall, 3), "cpu": round(own_after - own, 3),
            "children": round(children_after - children, 3)}
    with open(LOG, "a", encoding="utf-8") as out:  # one short line per write: the workers' lines do not mix
        out.write(json.dumps(line, ensure_ascii=False) + "\n")
