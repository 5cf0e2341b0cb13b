"""Running the real ``pointsapp`` command in a child process, as a user would."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def run_cli(*args: str, db: Path | str | None = None, env: dict | None = None,
            timeout: int = 300) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
    cmd = [sys.executable, "-m", "pointsapp"]
    if db is not None:
        cmd += ["--db", str(db)]
    return subprocess.run(cmd + list(args), capture_output=True, text=True, env=full_env, timeout=timeout)


def cli_env(extra: dict | None = None) -> dict:
    """The environment ``run_cli`` gives the command, for tests that start it themselves (races, SIGKILL, GBK)."""
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(extra or {})}
