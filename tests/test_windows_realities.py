"""What a village PC running Windows does to the program, reproduced here: a GBK console (code page 936), a data
folder whose path holds Chinese characters and spaces, a database or backup held open by another program."""
from __future__ import annotations

import sqlite3
from pathlib import Path
import subprocess
import sys

import pytest

from tests.conftest import admin_with_password
from tests.cli_helpers import cli_env, run_cli



def run_gbk(*args, db):
    """The command on a GBK console: its bytes read as GBK, as cmd.exe with code page 936 shows them."""
    env = cli_env({"PYTHONIOENCODING": "gbk"})
    done = subprocess.run([sys.executable, "-m", "pointsapp", "--db", str(db), *args], capture_output=True, env=env,
                          timeout=300)
    return subprocess.CompletedProcess(done.args, done.returncode, done.stdout.decode("gbk"), done.stderr.decode("gbk"))


@pytest.fixture
def rare_names_db(tmp_path):
    from pointsapp.db import close_database, open_database
    from pointsapp.services.register.households import HouseholdData, MemberData, create_household
    from pointsapp.services.register.villages import create_village

    path = tmp_path / "村 数据" / "points.db"
    path.parent.mkdir()
    open_database(path)
    admin = admin_with_password()
    village = create_village(actor=admin, name="某某某镇某某某某村", code="V01", groups=["第二十三村民小组"])
    for no, name in (("01", "张𠈌"), ("02", "王䶮"), ("03", "阿卜杜热合曼·买买提"), ("04", "堃燊")):
        create_household(actor=admin, village=village, data=HouseholdData(
            household_no=no, group_name="第二十三村民小组", members=[MemberData(name=name, relation="户主", is_head=True)]))
    close_database()
    return path


@pytest.mark.parametrize("args", [["households", "list"], ["households", "list", "--format", "json"],
                                  ["households", "list", "--format", "csv"], ["stars", "summary"],
                                  ["households", "list", "--search", "张𠈌"]])
def test_a_gbk_console_prints_names_and_stars_without_failing(rare_names_db, args):
    done = run_gbk(*args, db=rare_names_db)
    assert done.returncode == 0, done.stderr
    assert "UnicodeEncodeError" not in done.stderr and "程序内部错误" not in done.stderr
    if args[:2] == ["households", "list"] and len(args) == 2:
        assert "堃燊" in done.stdout and "张〓" in done.stdout  # 𠈌 is outside GBK: the missing-glyph mark


def test_an_error_message_about_a_rare_name_reaches_a_gbk_console(rare_names_db):
    done = run_gbk("products", "add", "--sku", "X1", "--name", "𠈌😀", "--price", "5", db=rare_names_db)
    assert done.returncode != 0 and "UnicodeEncodeError" not in done.stderr
    assert "商品名称" in done.stderr


def test_a_data_folder_with_chinese_and_spaces_backs_up_and_restores(rare_names_db, tmp_path):
    out = tmp_path / "备份 文件夹" / "村 备份.db"
    done = run_cli("backup", "--out", str(out), db=rare_names_db)
    assert done.returncode == 0, done.stderr
    done = run_cli("restore", str(out), db=rare_names_db)
    assert done.returncode == 0, done.stderr
    assert run_cli("check", db=rare_names_db).returncode == 0


def test_a_backup_held_open_by_another_program_while_backups_rotate(rare_names_db, tmp_path):
    """Another program (an antivirus scan, a file manager preview) reading a backup while the next one is
    taken and old ones rotate: the backup succeeds, the held file is left for next time."""
    from pointsapp.db import close_database, open_database
    from pointsapp.services.ops import backup

    folder = tmp_path / "备份 目录"
    first = run_cli("backup", "--out", str(folder / "points-20260101-080000.db"), db=rare_names_db)
    assert first.returncode == 0, first.stderr
    holder = sqlite3.connect(f"file:{folder / 'points-20260101-080000.db'}?mode=ro", uri=True)
    holder.execute("BEGIN")
    holder.execute("SELECT count(*) FROM sqlite_master").fetchone()
    try:
        open_database(rare_names_db)
        try:
            path = backup.backup_now(str(rare_names_db), folder)
            backup.rotate(folder, "points", daily=1, weekly=0, monthly=0)
            assert path.exists() and backup.verify(path)
        finally:
            close_database()
    finally:
        holder.close()


def test_a_restore_while_another_program_holds_the_database_open(rare_names_db, tmp_path):
    copy = tmp_path / "copy.db"
    assert run_cli("backup", "--out", str(copy), db=rare_names_db).returncode == 0
    holder = sqlite3.connect(str(rare_names_db))
    holder.execute("BEGIN IMMEDIATE")  # another program in the middle of writing
    try:
        done = run_cli("restore", str(copy), db=rare_names_db, timeout=120)
    finally:
        holder.rollback()
        holder.close()
    assert "程序内部错误" not in done.stderr and "Traceback" not in done.stderr
    assert done.returncode == 0 or "占用" in done.stderr or "正在使用" in done.stderr, done.stderr
    assert run_cli("check", db=rare_names_db).returncode == 0


def test_a_restore_refused_by_windows_because_the_file_is_held_open_says_so_and_changes_nothing(
        rare_names_db, tmp_path, monkeypatch):
    """On Windows replacing a file another program holds open fails with PermissionError (POSIX allows it, so the
    refusal is reproduced here by raising it where Windows would)."""
    from pointsapp.errors import UserError
    from pointsapp.services.ops import backup, restore

    copy = tmp_path / "copy.db"
    assert run_cli("backup", "--out", str(copy), db=rare_names_db).returncode == 0
    before = rare_names_db.read_bytes()
    real_replace = backup.os.replace

    def held(src, dst):
        if Path(dst) == rare_names_db:
            raise PermissionError(13, "另一个程序正在使用此文件，进程无法访问。", str(dst))
        return real_replace(src, dst)

    monkeypatch.setattr(backup.os, "replace", held)
    with pytest.raises(UserError, match="正被另一个程序打开"):
        restore.restore_file(copy, rare_names_db)
    assert rare_names_db.read_bytes() == before
    assert not [p for p in rare_names_db.parent.iterdir() if p.name.startswith(".")]
