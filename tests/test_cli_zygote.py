"""The tests' warm ``pointsapp`` (tests/cli_zygote) behaves as ``python -m pointsapp`` started afresh."""
from __future__ import annotations

import subprocess
import sys

from tests import cli_zygote
from tests.cli_helpers import cli_env


def _fresh(args: list[str], env: dict, input: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pointsapp", *args], input=input, capture_output=True, text=True,
                          env=env, timeout=120)


def test_help_an_unknown_command_and_a_refused_sign_in_say_the_same_and_exit_the_same(tmp_path):
    env = cli_env(user=None)
    for args in (["--help"], ["no-such-command"], ["--db", str(tmp_path / "x.db"), "households", "list"]):
        warm, fresh = cli_zygote.run(args, env), _fresh(args, env)
        assert (warm.returncode, warm.stdout, warm.stderr) == (fresh.returncode, fresh.stdout, fresh.stderr), args
    assert _fresh(["no-such-command"], env).returncode != 0


def test_each_command_is_a_new_process_with_its_own_environment_folder_and_stdin(tmp_path, monkeypatch):
    db = tmp_path / "v.db"
    first = cli_zygote.run(["--db", str(db), "users", "first-password", "--password-stdin"], cli_env(user=None),
                           input="s3cret-pass\n")
    assert first.returncode == 0, first.stderr
    monkeypatch.chdir(tmp_path)  # a relative --db is found from the test's working folder, as a child started there would
    wrong = cli_zygote.run(["--db", "v.db", "households", "list"],
                           cli_env({"POINTSAPP_USER": "admin", "POINTSAPP_PASSWORD": "wrong"}, user=None))
    right = cli_zygote.run(["--db", "v.db", "households", "list"],
                           cli_env({"POINTSAPP_USER": "admin", "POINTSAPP_PASSWORD": "s3cret-pass"}, user=None))
    assert wrong.returncode != 0 and right.returncode == 0, (wrong.stderr, right.stderr)
    assert wrong.stderr and not right.stderr.strip()


def _stored_cost(db) -> int:
    import sqlite3

    with sqlite3.connect(db) as connection:
        (stored,) = connection.execute("SELECT password_hash FROM \"user\" WHERE username = 'admin'").fetchone()
    scheme, n, *_ = stored.split("$")
    assert scheme == "scrypt"
    return int(n)


def test_a_password_set_through_the_zygote_is_cheap_and_one_set_by_a_plain_start_costs_the_programs_own(tmp_path):
    from pointsapp.services.ops import passwords

    args = ["users", "first-password", "--password-stdin"]
    warm = cli_zygote.run(["--db", str(tmp_path / "warm.db"), *args], cli_env(user=None), input="s3cret-pass\n")
    fresh = _fresh(["--db", str(tmp_path / "fresh.db"), *args], cli_env(user=None), input="s3cret-pass\n")
    assert warm.returncode == fresh.returncode == 0, (warm.stderr, fresh.stderr)
    assert _stored_cost(tmp_path / "warm.db") == 16
    assert _stored_cost(tmp_path / "fresh.db") == passwords.N >= 2 ** 14


def test_commands_run_at_once_answer_each_as_it_would_alone_in_the_order_given(tmp_path):
    env = cli_env(user=None)
    first = cli_zygote.run(["--db", str(tmp_path / "a.db"), "users", "first-password", "--password-stdin"], env,
                           input="s3cret-pass\n")
    assert first.returncode == 0, first.stderr
    signed_in = cli_env({"POINTSAPP_USER": "admin", "POINTSAPP_PASSWORD": "s3cret-pass"}, user=None)
    commands = [["--help"], ["no-such-command"], ["--db", str(tmp_path / "a.db"), "users", "list"]] * 2
    results = cli_zygote.run_at_once(commands, signed_in)
    one_by_one = [cli_zygote.run(args, signed_in) for args in commands[:3]]
    assert [(r.returncode, r.stdout, r.stderr) for r in results] == [
        (r.returncode, r.stdout, r.stderr) for r in one_by_one] * 2
    assert results[0].returncode == 0 and results[1].returncode != 0 and "admin" in results[2].stdout
