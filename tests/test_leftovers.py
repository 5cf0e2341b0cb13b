"""A backup, restore or demo killed with SIGKILL leaves nothing behind once the program starts again (or the next
backup runs): no hidden half-written copy, no write-ahead log keeping the disk full."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from pointsapp.services.ops import backup
from tests.cli_helpers import cli_env, new_database, run_cli

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL")


def _make_db(path: Path) -> None:
    done = run_cli("demo", "--households", "30", db=path)
    assert done.returncode == 0, done.stderr


def _start_and_kill(code: str, wait_for, timeout: float = 60) -> None:
    """Run ``code`` in a child process until ``wait_for()`` holds, then SIGKILL it."""
    child = subprocess.Popen([sys.executable, "-c", textwrap.dedent(code)], cwd=Path(__file__).parent.parent,
                             env=cli_env())
    deadline = time.monotonic() + timeout
    try:
        while not wait_for():
            assert child.poll() is None, "the child ended before it could be killed"
            assert time.monotonic() < deadline, "the child never got there"
            time.sleep(0.01)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()


def hidden(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


STUCK_IN_COPY = """
    import os, sys, time
    from pointsapp.db import open_database
    from pointsapp.services.ops import backup, restore, users
    open_database({db!r})
    def stuck(*args, **kwargs):  # the copy is written; the process is killed before it is renamed into place
        time.sleep(600)
    backup.os.replace = stuck
    {call}
"""


def test_a_killed_backup_leaves_a_partial_that_the_next_start_removes(tmp_path):
    db = tmp_path / "数据 文件夹" / "points.db"  # a data folder with Chinese characters and spaces
    db.parent.mkdir()
    _make_db(db)
    folder = tmp_path / "备份 目录"
    code = STUCK_IN_COPY.format(db=str(db), call=f"backup.copy_database(__import__('pathlib').Path({str(db)!r}), "
                                                   f"__import__('pathlib').Path({str(folder / 'b.db')!r}))")
    seen = []
    for _ in range(3):  # three killed backups: each one's copy sweeps the one before (its process is gone)
        _start_and_kill(code, lambda: any(n.endswith(".partial") and n not in seen
                                          for n in (hidden(folder) if folder.exists() else [])))
        left = [n for n in hidden(folder) if n.endswith(".partial")]
        assert len(left) == 1 and left[0] not in seen, hidden(folder)
        seen += left
    done = run_cli("backup", "--out", str(folder / "next.db"), db=db)  # the next backup sweeps them
    assert done.returncode == 0, done.stderr
    assert hidden(folder) == [] and (folder / "next.db").exists()


def test_a_killed_restore_leaves_nothing_after_the_next_start(tmp_path):
    db = tmp_path / "points.db"
    _make_db(db)
    source = tmp_path / "copy.db"
    assert run_cli("backup", "--out", str(source), db=db).returncode == 0
    code = STUCK_IN_COPY.format(db=str(db), call=f"restore.restore_file(__import__('pathlib').Path({str(source)!r}), "
                                                   f"__import__('pathlib').Path({str(db)!r}))")
    _start_and_kill(code, lambda: any(n.endswith(".partial") for n in hidden(tmp_path)))
    assert hidden(tmp_path), "the killed restore left its half-written copy"
    done = run_cli("users", "list", db=db)  # any command: the start sweeps
    assert done.returncode == 0, done.stderr
    assert hidden(tmp_path) == []
    assert run_cli("check", db=db).returncode == 0


def test_a_killed_demo_leaves_no_write_ahead_log_after_the_next_start(tmp_path):
    db = tmp_path / "demo.db"
    _start_and_kill(f"""
        import sys
        from pointsapp.cli import main
        sys.exit(main(["--db", {str(db)!r}, "demo", "--households", "3000", "--years", "3"]))
    """, lambda: Path(f"{db}-wal").exists() and Path(f"{db}-wal").stat().st_size > 1_000_000)
    new_database(db)  # the next start: the killed demo left nothing, so the administrator is set anew
    assert run_cli("users", "list", db=db).returncode == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo.db"]


def test_a_copy_still_running_in_another_process_is_left_alone(tmp_path):
    mine = tmp_path / f".b.db.{os.getpid()}.partial"
    gone = tmp_path / ".b.db.999999999.partial"
    old = tmp_path / ".b.db.partial"
    for p in (mine, gone, old):
        p.write_bytes(b"x")
    assert sorted(p.name for p in backup.sweep_leftovers(tmp_path)) == sorted([gone.name, old.name])
    assert mine.exists()
