"""Who you are, on the command line too: every command that reads the register or changes anything needs a
user's password — from the terminal's prompt or, for scripts, POINTSAPP_PASSWORD; never an argument."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from pointsapp.db import close_database, open_database
from pointsapp.models import AuditLog, Household, User
from tests import cli_zygote
from tests.cli_helpers import run_cli, signed_in_as

COMMANDS = [
    ["households", "list"], ["check"], ["ranking", "--period", "2026"], ["audit", "list"], ["backup"],
    ["stars", "summary"], ["shop", "inventory"], ["entries", "review", "1", "--approve"], ["report", "trends", "--year", "2026"],
    ["export", "households", "out.xlsx"], ["card", "verify", "PA1:V01:01001:1:AAAAAAAAAA"],
    ["users", "list"], ["print", "cards", "--out", "cards.pdf"],
]


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("signin") / "demo.db"
    made = run_cli("demo", "--households", "8", db=path)
    assert made.returncode == 0, made.stderr
    return path


def _counts(path) -> tuple[int, int]:
    open_database(path)
    try:
        return Household.select().count(), AuditLog.select().count()
    finally:
        close_database()


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c[:2]))
def test_every_command_without_a_user_is_refused_at_once(demo_file, tmp_path, command):
    before = _counts(demo_file)
    result = subprocess.run([sys.executable, "-m", "pointsapp", "--db", str(demo_file), *command], cwd=tmp_path,
                            stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120,
                            env={k: v for k, v in os.environ.items() if not k.startswith("POINTSAPP_USER")
                                 and k != "POINTSAPP_PASSWORD"})
    assert result.returncode == 1, result.stdout + result.stderr
    assert "请说明您是谁" in result.stderr and "--user" in result.stderr and "Traceback" not in result.stderr
    assert result.stdout == "" and list(tmp_path.iterdir()) == []
    assert _counts(demo_file) == before


def test_a_user_without_a_password_and_without_a_terminal_is_told_how_to_give_it(demo_file):
    result = run_cli("households", "list", db=demo_file, user=None, env={"POINTSAPP_USER": "admin"})
    assert result.returncode == 1 and "需要用户 admin 的密码" in result.stderr
    assert "POINTSAPP_PASSWORD" in result.stderr and result.stdout == ""


def test_the_password_is_never_an_argument_and_operator_is_gone(demo_file):
    for extra in (["--password", "admin123"], ["--operator", "admin"]):
        result = run_cli(*extra, "households", "list", db=demo_file, user=None)
        assert result.returncode == 2 and "参数错误" in result.stderr and result.stdout == ""


def test_a_wrong_password_is_refused_counted_and_audited(tmp_path):
    db = tmp_path / "v.db"
    assert run_cli("demo", "--households", "5", db=db).returncode == 0
    result = run_cli("households", "list", db=db, user=None,
                     env={"POINTSAPP_USER": "luru", "POINTSAPP_PASSWORD": "guess"})
    assert result.returncode == 1 and "用户名或密码不正确" in result.stderr and result.stdout == ""
    open_database(db)
    try:
        failed = AuditLog.select().where(AuditLog.action == "user.sign_in_failed")
        assert [(a.username, a.entity_id) for a in failed] == [("system", str(User.get(username="luru").id))]
        assert User.get(username="luru").failed_attempts == 1
    finally:
        close_database()


def test_sixteen_wrong_guesses_at_once_count_sixteen_and_lock_the_account(tmp_path):
    db = tmp_path / "v.db"
    assert run_cli("demo", "--households", "5", db=db).returncode == 0
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "POINTSAPP_USER": "shenhe", "POINTSAPP_PASSWORD": "x1"}
    guesses = cli_zygote.run_at_once([["--db", str(db), "households", "list"]] * 16, env)
    outputs = [(guess.stdout, guess.stderr) for guess in guesses]
    assert all(guess.returncode == 1 for guess in guesses), outputs
    assert sum("锁定" in err for _, err in outputs) >= 1
    open_database(db)
    try:
        assert AuditLog.select().where(AuditLog.action == "user.sign_in_failed").count() == 16
        assert User.get(username="shenhe").locked_until is not None
    finally:
        close_database()
    right = run_cli("households", "list", db=db, user="shenhe")  # the right password, while locked
    assert right.returncode == 1 and "锁定" in right.stderr


def test_a_clerk_cannot_approve_in_the_reviewers_name_without_the_reviewers_password(tmp_path):
    db = tmp_path / "v.db"
    assert run_cli("demo", "--households", "5", "--villages", "2", db=db).returncode == 0
    as_reviewer = run_cli("entries", "review", "1", "--approve", db=db, user=None,
                          env={"POINTSAPP_USER": "shenhe", "POINTSAPP_PASSWORD": "123456-not"})
    assert as_reviewer.returncode == 1 and "用户名或密码不正确" in as_reviewer.stderr


def test_a_new_database_has_no_user_until_the_administrator_sets_a_password(tmp_path):
    db = tmp_path / "new.db"
    first = run_cli("households", "list", db=db)
    assert first.returncode == 1 and "还没有用户" in first.stderr and "first-password" in first.stderr
    made = subprocess.run([sys.executable, "-m", "pointsapp", "--db", str(db), "users", "first-password",
                           "--password-stdin"], input="s3cret-pw\n", capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert made.returncode == 0, made.stderr
    again = subprocess.run([sys.executable, "-m", "pointsapp", "--db", str(db), "users", "first-password",
                            "--password-stdin"], input="other-pw\n", capture_output=True, text=True, timeout=120,
                           env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    assert again.returncode == 1 and "已经有密码" in again.stderr
    listed = run_cli("households", "list", db=db, user=None,
                     env={"POINTSAPP_USER": "admin", "POINTSAPP_PASSWORD": "s3cret-pw"})
    assert listed.returncode == 0, listed.stderr


def test_a_temporary_password_must_be_changed_first(tmp_path):
    db = tmp_path / "v.db"
    assert run_cli("demo", "--households", "5", db=db).returncode == 0
    made = subprocess.run([sys.executable, "-m", "pointsapp", "--db", str(db), "users", "add", "xiaoli", "--role",
                           "录入员", "--password-stdin"], input="temp-pass\n", capture_output=True, text=True,
                          timeout=120, env={**os.environ, **signed_in_as("admin")})
    assert made.returncode == 0, made.stderr
    result = run_cli("households", "list", db=db, user=None,
                     env={"POINTSAPP_USER": "xiaoli", "POINTSAPP_PASSWORD": "temp-pass"})
    assert result.returncode == 1 and "须先修改初始密码" in result.stderr and "users passwd xiaoli" in result.stderr
