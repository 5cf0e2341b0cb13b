"""Running the real ``pointsapp`` command in a child process (forked from a warm one: ``tests/cli_zygote``), as a user would: signed in (by default as the
administrator with the demo's and the ``admin`` fixture's password, through the environment as a script would).

``run_cli(..., user="shouyin")`` signs in as another demo operator (password 123456); ``user=None`` gives no
user at all.
"""
from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests import cli_zygote

ADMIN_PASSWORD = "admin123"  # the demo's administrator, and the ``admin`` fixture's
OPERATOR_PASSWORD = "123456"  # the demo's other operators, and users made by ``make_user``


def signed_in_as(user: str | None) -> dict:
    if user is None:
        return {}
    return {"POINTSAPP_USER": user, "POINTSAPP_PASSWORD": ADMIN_PASSWORD if user == "admin" else OPERATOR_PASSWORD}


def new_database(path: Path | str) -> None:
    """A new, empty database whose administrator has ``ADMIN_PASSWORD`` (``pointsapp users first-password``)."""
    made = cli_zygote.run(["--db", str(path), "users", "first-password", "--password-stdin"], cli_env(user=None),
                          input=ADMIN_PASSWORD + "\n", timeout=120)
    assert made.returncode == 0, made.stderr


def run_cli(*args: str, db: Path | str | None = None, env: dict | None = None, user: str | None = "admin",
            timeout: int = 300) -> subprocess.CompletedProcess:
    prefix = ["--db", str(db)] if db is not None else []
    return cli_zygote.run([*prefix, *args], cli_env(env, user), timeout=timeout)


def cli_env(extra: dict | None = None, user: str | None = "admin") -> dict:
    """The environment ``run_cli`` gives the command, for tests that start it themselves (races, SIGKILL, GBK)."""
    env = {k: v for k, v in os.environ.items() if k not in ("POINTSAPP_USER", "POINTSAPP_PASSWORD")}
    return {**env, "QT_QPA_PLATFORM": "offscreen", **signed_in_as(user), **(extra or {})}
