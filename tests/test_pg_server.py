"""The tests' throwaway PostgreSQL server: a run that is killed does not leave its server behind for good."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from tests.pg_server import OWNER_FILE, PREFIX, _bin, sweep_orphans

ROOT = Path(__file__).resolve().parent.parent

START_AND_WAIT = """
import time
from tests.pg_server import PgServer
server = PgServer().start()
print(server._dir if server.url else "-", server.reason, flush=True)
time.sleep(600)
"""


def _alive(pid: int) -> bool:
    """Running, not a zombie (a stopped server that nothing has reaped yet: in a container, often nothing does)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


@pytest.mark.postgres
def test_the_server_of_a_killed_run_is_stopped_and_removed_by_the_next_run():
    pg_ctl = _bin("pg_ctl")
    if pg_ctl is None:
        pytest.skip("PostgreSQL 未安装")
    # its own temporary folder, which the postgres user can enter (pytest's tmp_path is private to root)
    temp = Path(tempfile.mkdtemp(prefix="pointsapp-sweep-test-"))
    temp.chmod(0o755)
    env = {**os.environ, "POINTSAPP_TEST_PG_HOME": str(temp)}
    env.pop("POINTSAPP_TEST_PG_URL", None)
    run = subprocess.Popen([sys.executable, "-c", START_AND_WAIT], cwd=ROOT, env=env, text=True,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        place_text, _, reason = run.stdout.readline().strip().partition(" ")
        if place_text == "-":
            pytest.skip(reason)
        place = Path(place_text)
        assert place.parent == temp and place.name.startswith(PREFIX), place  # (its stderr waits for its end)
        assert (place / OWNER_FILE).read_text() == str(run.pid)
        postmaster = int((place / "data" / "postmaster.pid").read_text().split()[0])
        assert _alive(postmaster)
        assert sweep_orphans(pg_ctl, str(temp)) == [] and place.exists()  # its run is alive: left alone

        run.send_signal(signal.SIGKILL)  # killed: no fixture finaliser stops the server
        run.wait(timeout=30)
        assert _alive(postmaster)
        assert sweep_orphans(pg_ctl, str(temp)) == [place]  # the next run's start
        assert not place.exists() and not _alive(postmaster)
    finally:
        if run.poll() is None:
            run.kill()
            run.wait()
        sweep_orphans(pg_ctl, str(temp))
        shutil.rmtree(temp, ignore_errors=True)
