"""The command line: each command in a real process; errors are one Chinese line, never a traceback."""
from __future__ import annotations

import csv
import io
import json
import sqlite3

from tests.cli_helpers import run_cli


def test_version_prints_and_exits_zero():
    result = run_cli("--version")
    assert result.returncode == 0
    assert result.stdout.startswith("pointsapp ")


def test_demo_then_check_succeeds(tmp_path):
    db = tmp_path / "demo.db"
    made = run_cli("demo", "--households", "200", "--seed", "5", db=db)
    assert made.returncode == 0, made.stderr
    assert "200 户" in made.stdout
    checked = run_cli("check", db=db)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "检查通过" in checked.stdout


def test_demo_is_deterministic_for_a_seed(tmp_path):
    listings = []
    for name in ("a.db", "b.db"):
        db = tmp_path / name
        assert run_cli("demo", "--households", "40", "--seed", "9", db=db).returncode == 0
        listings.append(run_cli("households", "list", "--format", "csv", db=db).stdout)
    assert listings[0] == listings[1]
    assert listings[0].count("\n") == 41


def test_demo_refuses_a_database_that_already_has_households(tmp_path):
    db = tmp_path / "demo.db"
    assert run_cli("demo", "--households", "10", db=db).returncode == 0
    again = run_cli("demo", "--households", "10", db=db)
    assert again.returncode == 1
    assert again.stderr.strip().startswith("错误：") and "Traceback" not in again.stderr
    assert again.stderr.strip().count("\n") == 0


def test_check_names_a_tampered_ledger_row_and_fails(tmp_path):
    db = tmp_path / "demo.db"
    assert run_cli("demo", "--households", "20", db=db).returncode == 0
    conn = sqlite3.connect(db)
    conn.execute("DROP TRIGGER ledger_entry_content_fixed")  # a tamperer with a database tool would
    conn.execute("UPDATE ledger_entry SET points = points + 50 WHERE id = 7")
    conn.commit()
    conn.close()
    result = run_cli("check", db=db)
    assert result.returncode == 1
    assert "积分记录 #7" in result.stdout and "被改动过" in result.stdout


def test_households_list_formats(tmp_path):
    db = tmp_path / "demo.db"
    assert run_cli("demo", "--households", "30", "--seed", "2", db=db).returncode == 0
    as_csv = run_cli("households", "list", "--format", "csv", db=db)
    rows = list(csv.reader(io.StringIO(as_csv.stdout)))
    assert rows[0][:2] == ["户号", "户主"]
    assert len(rows) == 31
    as_json = json.loads(run_cli("households", "list", "--format", "json", db=db).stdout)
    head = as_json[0]["head_name"]
    table = run_cli("households", "list", db=db).stdout
    assert head in table and "户号" in table.splitlines()[0]
    # search by the head's pinyin initials finds that household
    from pointsapp.services.register.pinyin import initials

    found = json.loads(run_cli("households", "list", "--search", initials(head), "--format", "json", db=db).stdout)
    assert head in [r["head_name"] for r in found]
    assert len(found) < len(as_json)


def test_unknown_user_is_refused_in_one_line(tmp_path):
    db = tmp_path / "demo.db"
    assert run_cli("demo", "--households", "5", db=db).returncode == 0
    result = run_cli("households", "list", db=db, user=None, env={"POINTSAPP_USER": "nobody",
                                                                   "POINTSAPP_PASSWORD": "whatever"})
    assert result.returncode == 1
    assert "用户名或密码不正确" in result.stderr and "Traceback" not in result.stderr


def test_database_path_that_is_a_folder_is_a_clear_error(tmp_path):
    result = run_cli("check", db=tmp_path)
    assert result.returncode == 1
    assert "文件夹" in result.stderr and "Traceback" not in result.stderr


def test_bad_arguments_exit_non_zero_in_chinese():
    result = run_cli("demo", "--households", "many")
    assert result.returncode == 2
    assert "参数错误" in result.stderr
