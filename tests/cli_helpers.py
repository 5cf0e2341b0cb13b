"""Running the real ``pointsapp`` command in a child process, as a user would: signed in (by default as the
administrator with the demo's and the ``admin`` fixture's password, through the environment as a script would).

``run_cli(..., user="shouyin")`` signs in as another demo operator (password 123456); ``user=None`` gives no
user at all.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


ADMIN_PASSWORD = "admin123"  # the demo's administrator, and the ``admin`` fixture's
OPERATOR_PASSWORD = "123456"  # the demo's other operators, and users made by ``make_user``


def signed_in_as(user: str | None) -> dict:
    if user is None:
        return {}
    return {"POINTSAPP_USER": user, "POINTSAPP_PASSWORD": ADMIN_PASSWORD if user == "admin" else OPERATOR_PASSWORD}


def new_database(path: Path | str) -> None:
    """A new, empty database whose administrator has ``ADMIN_PASSWORD`` (``pointsapp users first-password``)."""
    made = subprocess.run([sys.executable, "-m", "pointsapp", "--db", str(path), "users", "first-password",
                           "--password-stdin"], input=ADMIN_PASSWORD + "\n", capture_output=True, text=True,
                          env=cli_env(user=None), timeout=120)
    assert made.returncode == 0, made.stderr


def run_cli(*args: str, db: Path | str | None = None, env: dict | None = None, user: str | None = "admin",
            timeout: int = 300) -> subprocess.CompletedProcess:
    cmd = [sys.executable, "-m", "pointsapp"]
    if db is not None:
        cmd += ["--db", str(db)]
    return subprocess.run(cmd + list(args), capture_output=True, text=True, env=cli_env(env, user),
                          timeout=timeout)


def cli_env(extra: dict | None = None, user: str | None = "admin") -> dict:
    """The environment ``run_cli`` gives the command, for tests that start it themselves (races, SIGKILL, GBK)."""
    env = {k: v for k, v in os.environ.items() if k not in ("POINTSAPP_USER", "POINTSAPP_PASSWORD")}
    return {**env, "QT_QPA_PLATFORM": "offscreen", **signed_in_as(user), **(extra or {})}
