"""Restore refuses what ``check`` would reject: a backup whose ledger chain (or anything else ``check`` verifies)
is broken replaces the database only when the administrator confirms with a typed reason, which is audited.

A SQLite backup is checked before anything is replaced: a scratch copy of it is upgraded to this program's
schema and run through every check of :mod:`pointsapp.services.ops.check`. A PostgreSQL dump can only be read by
restoring it, so it is checked right after ``pg_restore``; refused, the dump of the database taken just before
is put back.
"""
from __future__ import annotations

import logging
import shutil
import sqlite3
import tempfile
from pathlib import Path
from urllib.parse import quote

from peewee import DatabaseError, SqliteDatabase

from pointsapp.db import roles

from pointsapp.db.connection import make_database
from pointsapp.db.migrate import migrate
from pointsapp.models import database
from pointsapp.errors import UserError
from pointsapp.text import translate

log = logging.getLogger(__name__)
MIN_REASON = 4   # characters: a reason, not a keystroke
SHOWN = 8        # problems named in the message (all go to the log)


class UncheckedBackup(UserError):
    """The backup fails ``check``: nothing was replaced; restoring it needs a typed reason."""

    def __init__(self, source: Path, problems: list[str]):
        self.source, self.problems = Path(source), list(problems)
        shown = "\n".join(f"· {p}" for p in problems[:SHOWN])
        more = (translate("services.restore_check", "……另有 {0} 个问题").format(len(problems) - SHOWN)
                if len(problems) > SHOWN else "")
        super().__init__(translate(
            "services.restore_check",
            "备份 {0} 没有通过检查（pointsapp check 会拒绝它），发现 {1} 个问题：\n{2}{3}\n"
            "这份备份里的账本可能被改动过，数据库没有被替换。如果确实要用它恢复，须由管理员写明理由，理由会记入操作日志。"
        ).format(self.source.name, len(problems), shown, ("\n" + more) if more else ""))


def checked_reason(reason: str | None) -> str:
    """The administrator's typed reason, refused when it is only a keystroke or two."""
    text = " ".join((reason or "").split())
    if len(text) < MIN_REASON:
        raise UserError(translate("services.restore_check", "请写明为什么要用一份没有通过检查的备份恢复"
                                  "（至少 {0} 个字），理由会记入操作日志。").format(MIN_REASON))
    return text


def station_accounts() -> list[str]:
    """PostgreSQL: the daily accounts granted on the open database (to grant again after a restore)."""
    db = database.obj
    if db is None or isinstance(db, SqliteDatabase):
        return []
    try:
        return roles.station_roles(db)
    except DatabaseError:  # no ledger table (a damaged or empty database): nobody to grant again
        return []


def grant_again(stations: list[str]) -> None:
    """After ``pg_restore`` by the owner: the daily accounts keep exactly their rights on the restored tables."""
    db = database.obj
    if stations and roles.may_change_schema(db):
        for station in stations:
            if roles.role_exists(db, station):
                roles.grant_station(db, station)


def run_checks_on_open_database() -> list[str]:
    from pointsapp.services.ops.check import run_checks

    return run_checks()


def _copy(source: Path, dest: Path) -> None:
    """A copy through SQLite's backup API (the source is only read)."""
    src = sqlite3.connect(f"file:{quote(str(source.resolve()))}?mode=ro", uri=True, timeout=15)
    try:
        dst = sqlite3.connect(str(dest))
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


def problems_in_sqlite_backup(source: Path) -> list[str]:
    """What ``check`` finds in the SQLite backup ``source`` (upgraded first, on a scratch copy; ``source``
    itself is only read). The database the program has open stays bound to the models afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="pointsapp-restore-check-"))
    scratch = folder / "backup-check.db"
    previous = database.obj
    copy = None
    try:
        _copy(Path(source), scratch)
        copy = make_database(str(scratch))
        copy.connect()
        migrate(copy)
        database.initialize(copy)
        problems = run_checks_on_open_database()
    except (sqlite3.DatabaseError, DatabaseError, UserError) as exc:
        log.warning("backup %s cannot be checked: %s", source, exc)
        problems = [translate("services.restore_check", "备份无法检查：{0}").format(exc)]
    finally:
        database.initialize(previous)
        if copy is not None and not copy.is_closed():
            copy.close()
        shutil.rmtree(folder, ignore_errors=True)
    if problems:
        log.warning("backup %s fails check: %s", source, problems)
    return problems
