"""Backups and recovery: consistent copies, rotation, verified restore, damage and a full disk."""
from __future__ import annotations

import datetime as dt
import os
import sqlite3
import threading

import pytest

from pointsapp import clock
from pointsapp.db import close_database, friendly_db_errors, open_database
from pointsapp.models import AuditLog, Household, LedgerEntry, User, database
from pointsapp.services.ops import backup, restore
from pointsapp import demo
from pointsapp.services.ops import pg_backup
from pointsapp.services.ops import recovery
from pointsapp.services.ops import users
from pointsapp.services.auth import Role
from pointsapp.errors import PermissionDenied, UserError
from tests.cli_helpers import run_cli
from tests.conftest import make_actor
from tests.backends import sqlite_only


def _damage(path, size=4096):
    """Overwrite bytes in the middle of the file, as a failing disk or a bad copy would."""
    length = path.stat().st_size
    with path.open("r+b") as fh:
        fh.seek(length // 2)
        fh.write(b"\xde\xad\xbe\xef" * (size // 4))


def _pairs(path):
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT entity_id, COUNT(*) FROM audit_log WHERE action = 'test.pair' "
                            "GROUP BY entity_id").fetchall()
    finally:
        conn.close()
    return rows


@sqlite_only  # a SQLite file: PostgreSQL backups are pg_dump's job
def test_backup_taken_while_another_connection_writes_is_consistent(demo_db, db_path, tmp_path):
    """A writer adds rows two at a time in one transaction; every backup holds whole pairs only."""
    stop = threading.Event()

    def writer():
        conn = sqlite3.connect(db_path, timeout=30)
        n = 0
        while not stop.is_set():
            n += 1
            with conn:
                for _ in range(2):
                    conn.execute("INSERT INTO audit_log (at, username, action, entity, entity_id, old_value, "
                                 "new_value) VALUES (datetime('now'), 'w', 'test.pair', 'x', ?, '', '')", (str(n),))
        conn.close()

    thread = threading.Thread(target=writer)
    thread.start()
    try:
        copies = [backup.copy_database(db_path, tmp_path / f"copy{i}.db") for i in range(5)]
    finally:
        stop.set()
        thread.join()
    for path in copies:
        assert backup.verify(path) >= 1
        assert all(count == 2 for _, count in _pairs(path))
        conn = sqlite3.connect(path)
        assert conn.execute("SELECT COUNT(*) FROM household").fetchone()[0] == 60
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one file, no -wal beside it
        conn.close()
    assert len(_pairs(db_path)) >= len(_pairs(copies[0]))


def test_rotation_keeps_seven_days_four_weeks_and_twelve_months(tmp_path):
    folder = tmp_path / "backups"
    folder.mkdir()
    day = dt.date(2025, 10, 1)
    while day <= dt.date(2026, 11, 23):  # one backup a day for more than a year
        (folder / f"village-{day:%Y%m%d}-120000.db").write_bytes(b"x")
        day += dt.timedelta(days=1)
    (folder / "other-20250101-120000.db").write_bytes(b"x")  # another database's backup: not ours to delete
    (folder / "notes.txt").write_text("keep me")
    removed = backup.rotate(folder, "village", daily=7, weekly=4, monthly=12)
    kept = sorted(b.taken_at.date().isoformat() for b in backup.list_backups(folder, "village"))
    assert kept == sorted(
        [f"2026-11-{d}" for d in range(17, 24)]                      # the last 7 days
        + ["2026-11-15", "2026-11-08"]                               # newest of the 2 earlier of 4 weeks
        + ["2026-10-31", "2026-09-30", "2026-08-31", "2026-07-31", "2026-06-30", "2026-05-31",
           "2026-04-30", "2026-03-31", "2026-02-28", "2026-01-31", "2025-12-31"])  # month ends, 12 months
    assert len(removed) == 419 - len(kept)
    assert (folder / "other-20250101-120000.db").exists() and (folder / "notes.txt").exists()


@sqlite_only  # a SQLite file: PostgreSQL backups are pg_dump's job
def test_automatic_backup_at_start_up_and_then_once_a_day(admin, db_path):
    first = backup.auto_backup(force=True)
    assert first is not None and first.parent == backup.backup_folder()
    assert backup.auto_backup() is None and not backup.backup_due()  # today's exists
    os.rename(first, first.with_name(f"{db_path.stem}-{clock.today() - dt.timedelta(days=2):%Y%m%d}-080000.db"))
    assert backup.backup_due()
    second = backup.auto_backup()
    assert second is not None and backup.verify(second) >= 1
    assert len(backup.backups_of(db_path)) == 2


@sqlite_only  # a SQLite file: PostgreSQL backups are pg_dump's job
def test_restore_round_trip_keeps_the_replaced_file(demo_db, db_path, tmp_path):
    admin = users.ensure_admin()
    saved = backup.make_backup(actor=admin)
    households_before = Household.select().count()
    users.create_user(actor=admin, username="later", role=Role.VIEWER, password="later-1")
    result = restore.restore(actor=admin, source=saved)
    assert User.get_or_none(User.username == "later") is None
    assert Household.select().count() == households_before
    assert AuditLog.select().where(AuditLog.action == "backup.restore").count() == 1
    assert result.kept is not None and result.kept.name.startswith(f"{db_path.stem}.replaced-")
    conn = sqlite3.connect(result.kept)
    assert conn.execute("SELECT COUNT(*) FROM user WHERE username = 'later'").fetchone()[0] == 1
    conn.close()
    assert not list(tmp_path.glob(".*restoring*")) and not list(tmp_path.glob(".*partial*"))


def test_restore_needs_the_backup_permission_while_the_database_is_sound(demo_db, db_path):
    admin = users.ensure_admin()
    saved = backup.make_backup(actor=admin)
    with pytest.raises(PermissionDenied):
        restore.restore(actor=make_actor(Role.CASHIER, "shouyin"), source=saved)
    assert not list(db_path.parent.glob("*.replaced-*"))


@sqlite_only  # a SQLite file: PostgreSQL backups are pg_dump's job
def test_damaged_backup_is_refused_and_nothing_is_replaced(demo_db, db_path, tmp_path):
    admin = users.ensure_admin()
    saved = backup.make_backup(actor=admin, out=tmp_path / "saved.db")
    _damage(saved)
    with pytest.raises(UserError, match="已损坏"):
        backup.verify(saved)
    entries = LedgerEntry.select().count()
    with pytest.raises(UserError, match="已损坏"):
        restore.restore(actor=admin, source=saved)
    assert LedgerEntry.select().count() == entries
    assert not list(tmp_path.glob("*.replaced-*"))


def test_foreign_and_newer_files_are_refused_by_name(tmp_path):
    foreign = tmp_path / "foreign.db"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE songs (title TEXT)")
    conn.close()
    with pytest.raises(UserError, match="不是村民积分管理系统的数据库"):
        backup.verify(foreign)
    text = tmp_path / "notes.db"
    text.write_text("hello, this is not a database at all" * 50)
    with pytest.raises(UserError, match="不是数据库文件"):
        backup.verify(text)
    newer = tmp_path / "newer.db"
    open_database(newer)
    database.obj.execute_sql("INSERT INTO schema_version VALUES (999, 'future', '2030-01-01 00:00:00')")
    close_database()
    with pytest.raises(UserError, match="比本程序"):
        backup.verify(newer)


def test_damaged_database_meets_a_clear_message_and_a_way_back(tmp_path):
    db = tmp_path / "village.db"
    assert run_cli("demo", "--households", "40", db=db).returncode == 0
    assert run_cli("backup", db=db).returncode == 0
    _damage(db, size=16384)
    checked = run_cli("check", db=db)
    assert checked.returncode == 1 and "Traceback" not in checked.stdout + checked.stderr
    assert "已损坏" in checked.stdout and "最近一份完好的备份" in checked.stdout and "restore" in checked.stdout
    # the damaged database has no readable user table: a verified backup may replace it without a sign-in
    latest = recovery.latest_good_backup(db)
    restored = run_cli("restore", str(latest.path), db=db)
    assert restored.returncode == 0, restored.stderr
    assert "另存为" in restored.stdout and list(tmp_path.glob("village.replaced-*.db"))
    assert run_cli("check", db=db).returncode == 0


def test_a_command_that_meets_a_damaged_page_says_so_and_names_the_backup(tmp_path):
    db = tmp_path / "village.db"
    assert run_cli("demo", "--households", "40", db=db).returncode == 0
    assert run_cli("backup", db=db).returncode == 0
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'household'").fetchone()[0]
    conn.close()
    with db.open("r+b") as fh:  # the household table's first page, overwritten
        fh.seek((root - 1) * page_size)
        fh.write(b"\xde\xad\xbe\xef" * (page_size // 4))
    listed = run_cli("households", "list", db=db)
    assert listed.returncode == 1 and "Traceback" not in listed.stderr
    assert "已损坏" in listed.stderr and "最近一份完好的备份" in listed.stderr


def test_cli_backup_and_restore_round_trip(tmp_path):
    db = tmp_path / "village.db"
    assert run_cli("demo", "--households", "10", db=db).returncode == 0
    out = tmp_path / "usb" / "copy.db"
    made = run_cli("backup", "--out", str(out), db=db)
    assert made.returncode == 0 and out.exists(), made.stderr
    refused = run_cli("restore", str(out), db=db, user="shouyin")
    assert refused.returncode == 1 and "备份与恢复" in refused.stderr
    assert run_cli("restore", str(out), db=db).returncode == 0
    assert run_cli("check", db=db).returncode == 0


def test_a_write_that_fails_half_way_on_a_full_disk_leaves_nothing_behind(db_path):
    database_ = open_database(db_path)
    try:
        users.ensure_admin()
        before = (Household.select().count(), LedgerEntry.select().count(), AuditLog.select().count())
        pages = database_.execute_sql("PRAGMA page_count").fetchone()[0]
        database_.execute_sql(f"PRAGMA max_page_count = {pages + 20}")  # SQLite itself reports SQLITE_FULL
        with pytest.raises(UserError) as full:
            with friendly_db_errors():
                demo.generate(households=200, villages=1, seed=3)
        assert "磁盘已满" in full.value.message and "保持原样" in full.value.message
        database_.execute_sql("PRAGMA max_page_count = 1073741823")
        assert (Household.select().count(), LedgerEntry.select().count(), AuditLog.select().count()) == before
        assert database_.execute_sql("PRAGMA integrity_check").fetchone()[0] == "ok"
    finally:
        close_database()


@sqlite_only  # a SQLite file: PostgreSQL backups are pg_dump's job
def test_a_read_only_database_refuses_the_write_and_says_so(admin, db):
    db.execute_sql("PRAGMA query_only = ON")
    try:
        with pytest.raises(UserError, match="只读"):
            with friendly_db_errors():
                users.create_user(actor=admin, username="x1", role=Role.VIEWER, password="x1-pass")
    finally:
        db.execute_sql("PRAGMA query_only = OFF")
    assert User.get_or_none(User.username == "x1") is None


def test_postgres_without_pg_dump_says_what_to_do(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(UserError) as missing:
        pg_backup.dump("postgresql://u:secret@localhost/points", tmp_path / "x.dump")
    assert "没有找到 pg_dump" in missing.value.message and "postgresql-client" in missing.value.message
