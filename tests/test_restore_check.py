"""Restore refuses what ``check`` would reject unless the administrator types a reason (audited); the command line
writes nothing into a database that fails its integrity check, while reading and ``check`` still work."""
from __future__ import annotations

import datetime as dt
import json
import sqlite3

import pytest

from pointsapp.errors import UserError
from pointsapp.models import AuditLog, LedgerEntry, User
from pointsapp.services.auth import Role
from pointsapp.services.ops import backup, check, restore, users
from pointsapp.services.ops.restore_check import UncheckedBackup
from pointsapp.services.scoring import entries
from tests.backends import sqlite_only
from tests.cli_helpers import run_cli
from tests.conftest import bypass_append_only_triggers
from tests.scoring_helpers import household, make_village, rule

TODAY = dt.date(2026, 11, 20)


def _ext(db_target: str) -> str:
    return ".dump" if db_target.startswith("postgresql") else ".db"


def _village_with_entries(admin, count: int = 3):
    village = make_village(admin)
    made = [entries.add_entry(actor=admin, household_id=household(village, 1).id, rule_id=rule(village, "PA01").id,
                              occurred_on=dt.date(2026, 11, 2), today=TODAY) for _ in range(count)]
    return village, made


def _forge(entry_id: int) -> None:
    """What an insider with the file or the server password does: past the triggers, a row's points raised."""
    bypass_append_only_triggers()
    LedgerEntry.update(points=500).where(LedgerEntry.id == entry_id).execute()


def _good_and_forged_backups(admin, db_target, tmp_path):
    """A sound backup, then one of the same database with a forged ledger row; the database is the sound one."""
    _village, made = _village_with_entries(admin)
    good = backup.make_backup(actor=admin, out=tmp_path / f"good{_ext(db_target)}")
    _forge(made[0].id)
    assert check.run_checks() != []
    forged = backup.make_backup(actor=admin, out=tmp_path / f"forged{_ext(db_target)}")
    restore.restore(actor=admin, source=good, target=db_target)
    assert check.run_checks() == []
    return good, forged, made


def test_a_backup_that_check_rejects_is_refused_and_nothing_is_replaced(admin, db_target, tmp_path):
    _good, forged, made = _good_and_forged_backups(admin, db_target, tmp_path)
    users.create_user(actor=admin, username="later", role=Role.VIEWER, password="later-12")
    with pytest.raises(UncheckedBackup) as refused:
        restore.restore(actor=admin, source=forged, target=db_target)
    assert refused.value.problems and "没有通过检查" in refused.value.message and "理由" in refused.value.message
    assert any(f"#{made[0].id}" in p for p in refused.value.problems), refused.value.problems
    # the database is the one before the attempt: the later user is there, the ledger unforged
    assert User.get_or_none(User.username == "later") is not None
    assert LedgerEntry.get_by_id(made[0].id).points == made[0].points
    assert check.run_checks() == []
    assert AuditLog.select().where(AuditLog.action == "backup.restore_unchecked").count() == 0


def test_with_a_typed_reason_the_administrator_restores_it_and_the_reason_is_audited(admin, db_target, tmp_path):
    _good, forged, made = _good_and_forged_backups(admin, db_target, tmp_path)
    with pytest.raises(UserError, match="理由"):
        restore.restore(actor=admin, source=forged, target=db_target, reason="ok")  # a keystroke is no reason
    restore.restore(actor=admin, source=forged, target=db_target, reason="县审计组要求核对被改动的账本")
    assert LedgerEntry.get_by_id(made[0].id).points == 500  # restored as it was, forged row and all
    row = AuditLog.get(AuditLog.action == "backup.restore_unchecked")
    logged = json.loads(row.new_value)
    assert logged["reason"] == "县审计组要求核对被改动的账本" and logged["problems"] >= 1
    assert row.username == admin.username


def test_the_command_line_refuses_a_forged_backup_unless_given_a_reason(admin, db_target, tmp_path):
    _good, forged, _made = _good_and_forged_backups(admin, db_target, tmp_path)
    refused = run_cli("restore", str(forged), db=db_target)
    assert refused.returncode == 1, refused.stdout + refused.stderr
    assert "没有通过检查" in refused.stderr and "--reason" in refused.stderr and "Traceback" not in refused.stderr
    assert run_cli("check", db=db_target).returncode == 0
    restored = run_cli("restore", str(forged), "--reason", "县审计组要求核对", db=db_target)
    assert restored.returncode == 0, restored.stderr
    assert run_cli("check", db=db_target).returncode == 1
    listed = run_cli("audit", "list", db=db_target)
    assert "恢复未通过检查的备份" in listed.stdout, listed.stdout


def test_the_command_line_writes_nothing_into_a_database_whose_chain_is_broken(admin, db_target):
    village, made = _village_with_entries(admin)
    before = run_cli("entries", "add", "--household", f"{village.code}002", "--rule", "PA01", db=db_target)
    assert before.returncode == 0, before.stderr
    _forge(made[0].id)
    count = LedgerEntry.select().count()
    refused = run_cli("entries", "add", "--household", f"{village.code}002", "--rule", "PA01", db=db_target)
    assert refused.returncode == 1
    assert "完整性检查" in refused.stderr and "pointsapp check" in refused.stderr, refused.stderr
    assert f"#{made[0].id}" in refused.stderr
    assert LedgerEntry.select().count() == count
    # reading and check still work
    listed = run_cli("households", "list", db=db_target)
    assert listed.returncode == 0 and "户主1" in listed.stdout, listed.stderr
    checked = run_cli("check", db=db_target)
    assert checked.returncode == 1 and f"#{made[0].id}" in checked.stdout


@sqlite_only  # a damaged page is a file's trouble
def test_the_command_line_writes_nothing_into_a_file_that_fails_its_quick_check(admin, db_path):
    village, _made = _village_with_entries(admin)
    from pointsapp.db import close_database

    close_database()
    conn = sqlite3.connect(db_path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'member_household_id'").fetchone()[0]
    conn.close()
    with db_path.open("r+b") as fh:  # an index page nobody needs to sign in or list households, overwritten
        fh.seek((root - 1) * page_size)
        fh.write(b"\xde\xad\xbe\xef" * (page_size // 4))
    refused = run_cli("entries", "add", "--household", f"{village.code}002", "--rule", "PA01", db=db_path)
    assert refused.returncode == 1
    assert "完整性检查" in refused.stderr and "本命令没有执行" in refused.stderr, refused.stderr
    assert "pointsapp check" in refused.stderr
    assert run_cli("rules", "list", db=db_path).returncode == 0
    assert run_cli("check", db=db_path).returncode == 1


def test_a_large_ledger_is_held_to_the_last_checks_verdict_and_its_heads(admin, db_target, monkeypatch):
    """Beyond the size checked in full before every write, what the last ``check`` found keeps writes refused
    until check passes again, and a deleted last row shows in the chain heads without any hashing."""
    from pointsapp.services.ops import write_guard

    village, made = _village_with_entries(admin)
    monkeypatch.setattr(write_guard, "FULL_CHAIN_ROWS", 0)
    assert write_guard.problems_before_writing() == []
    _forge(made[0].id)
    assert write_guard.problems_before_writing() == []  # an old row changed: only the full check sees it
    checked = run_cli("check", db=db_target)
    assert checked.returncode == 1
    remembered = write_guard.problems_before_writing()
    assert "pointsapp check 发现" in remembered[0] and any(f"#{made[0].id}" in p for p in remembered)
    refused = run_cli("entries", "add", "--household", f"{village.code}002", "--rule", "PA01", db=db_target)
    assert refused.returncode == 1 and "pointsapp check" in refused.stderr
    LedgerEntry.delete().where(LedgerEntry.id == made[-1].id).execute()  # the household's last row, gone
    assert any("链头" in p for p in write_guard.problems_before_writing())
    write_guard.remember_verdict([])
    assert any("链头" in p for p in write_guard.problems_before_writing())
