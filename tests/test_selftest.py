"""``pointsapp selftest`` from the source tree: what support asks a village PC to run."""
from __future__ import annotations

import sqlite3

from peewee import SqliteDatabase

from pointsapp.db.migrate import latest_version, migrate
from tests.cli_helpers import run_cli


def test_selftest_passes_every_check_on_a_working_install(tmp_path):
    result = run_cli("selftest", db=tmp_path / "v.db")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines and all(line.startswith("[通过]") for line in lines[:-1]), result.stdout
    for label in ("数据库", "中文字体", "Qt 图片格式", "主窗口"):
        assert any(line.startswith(f"[通过] {label}：") for line in lines), label
    assert lines[-1].endswith("0 项失败。")


def test_selftest_reports_an_old_database_as_brought_up_to_date(tmp_path):
    path = tmp_path / "old.db"
    old = SqliteDatabase(str(path))
    migrate(old, target=1)  # as an older program version left it
    old.close()
    result = run_cli("selftest", "--no-gui", db=path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"结构版本 {latest_version()}" in result.stdout
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] == latest_version()


def test_simulated_internal_error_is_one_line_for_the_user_and_a_traceback_in_the_log(tmp_path):
    data = tmp_path / "data"
    result = run_cli("selftest", "--no-gui", "--simulate-error", db=tmp_path / "v.db",
                     env={"POINTSAPP_DATA_DIR": str(data)})
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "日志" in result.stderr
    log = (data / "logs" / "pointsapp.log").read_text(encoding="utf-8")
    assert "Traceback" in log and "RuntimeError" in log
