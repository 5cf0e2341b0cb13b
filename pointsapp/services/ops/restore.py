"""恢复: a backup put in the database's place — verified first, checked like ``pointsapp check`` (a backup it
would reject needs a reason), the replaced file kept as ``<name>.replaced-<time>.db``, the new one swapped in with
one atomic rename; PostgreSQL through ``pg_restore``. Backups themselves are made by
:mod:`pointsapp.services.ops.backup`."""
from __future__ import annotations

import datetime as dt
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from pointsapp.db.connection import close_database, is_postgres_url, open_database
from pointsapp.db.sql import sqlite_checkpoint
from pointsapp.errors import UserError
from pointsapp.models import database, now
from pointsapp.services import audit
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.services.ops.backup import copy_database, current_target, io_error, partial_name, verify
from pointsapp.text import translate


def replaced_name(target: Path, at: dt.datetime | None = None) -> Path:
    return target.with_name(f"{target.stem}.replaced-{(at or now()):%Y%m%d-%H%M%S}.db")


def restore_file(source: Path, target: Path) -> Path | None:
    """Replace the SQLite file ``target`` by the verified ``source``; returns where the old file was kept.

    Nobody may have ``target`` open (the caller closes its connection). The old file is kept
    first; the new one is renamed into place in one step, so a crash leaves either the old or
    the new database, never a mixture.
    """
    verify(source)
    staged = partial_name(target, "restoring")
    copy_database(source, staged)
    kept = None
    try:
        if target.exists():
            kept = replaced_name(target)
            try:
                copy_database(target, kept)
            except UserError:  # the current file is damaged: keep its bytes as they are
                shutil.copy2(target, kept)
                for suffix in ("-wal", "-shm"):
                    side = Path(f"{target}{suffix}")
                    if side.exists():
                        shutil.copy2(side, Path(f"{kept}{suffix}"))
        # a -wal left beside the new file would be replayed into it: it belongs to the old one (kept above)
        for suffix in ("-wal", "-shm", "-journal"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        os.replace(staged, target)
    except PermissionError as exc:  # Windows: another program (antivirus, a second window) holds the file open
        staged.unlink(missing_ok=True)
        raise UserError(translate("services.backup", "数据库文件 {0} 正被另一个程序打开（例如杀毒软件、另一个本程序窗口或"
                                  "另一台电脑），无法替换，现在的数据库没有改变。请关闭其他程序后再恢复。").format(target.name)) from exc
    except OSError as exc:
        staged.unlink(missing_ok=True)
        raise io_error(exc, target) from exc
    return kept


@dataclass(frozen=True)
class Restored:
    source: Path
    kept: Path | None


def _sound(path: Path) -> bool:
    """The file passes :func:`verify` (an empty file is a database not made yet: sound)."""
    if not path.is_file() or path.stat().st_size == 0:
        return True
    try:
        verify(path)
    except UserError:
        return False
    return True


def restore(*, actor: Actor | None, source: str | Path, target: str | None = None, reason: str = "") -> Restored:
    """恢复: replace the database by a backup, then reopen it.

    ``actor`` must hold Permission.BACKUP while the current database is healthy. When it is
    damaged there is nobody to ask (its user table is unreadable): whoever can reach the file may
    put a verified backup in its place, and the damaged file is kept.

    A backup that ``check`` would reject (a broken ledger chain …) is refused with
    :class:`~pointsapp.services.ops.restore_check.UncheckedBackup`, replacing nothing, unless ``reason`` says
    why it must be restored all the same; the reason and the problems are audited.
    """
    from pointsapp.services.ops import restore_check

    source = Path(source)
    target = target or current_target()
    if reason:
        reason = restore_check.checked_reason(reason)
    if is_postgres_url(target):
        if actor is not None or database.obj is not None:
            require(actor, Permission.BACKUP)
        from pointsapp.services.ops import pg_backup

        stations = restore_check.station_accounts()
        kept_dump = pg_backup.restore(target, source)
        open_database(target)
        restore_check.grant_again(stations)  # a dump from before the accounts were set up carries no grants
        problems = restore_check.run_checks_on_open_database()
        if problems and not reason:
            pg_backup.put_back(target, kept_dump)
            open_database(target)
            restore_check.grant_again(stations)
            raise restore_check.UncheckedBackup(source, problems)
        _audit_restore(actor, source, None, problems, reason)
        return Restored(source, None)
    path = Path(target)
    healthy = path.exists() and _sound(path)
    if healthy:
        if getattr(database.obj, "pointsapp_target", None) != target:
            open_database(target, migrate=False)
        require(actor, Permission.BACKUP)
    verify(source)
    close_database()
    problems = restore_check.problems_in_sqlite_backup(source)
    if problems and not reason:
        raise restore_check.UncheckedBackup(source, problems)
    kept = restore_file(source, path)
    open_database(target)
    _audit_restore(actor, source, kept, problems, reason)
    sqlite_checkpoint("TRUNCATE")  # the restored file is complete on its own
    return Restored(source, kept)


def _audit_restore(actor: Actor | None, source: Path, kept: Path | None, problems: list[str], reason: str) -> None:
    from pointsapp.services.ops import write_guard

    write_guard.remember_verdict(problems)  # a restored database that check rejects is not written by commands
    detail = {"file": str(source), "replaced": str(kept) if kept else ""}
    if problems:  # restored although check rejects it: who, why, and what check found
        audit.record(actor, "backup.restore_unchecked", "backup", "", None,
                     {**detail, "reason": reason, "problems": len(problems), "first_problems": problems[:5]})
    else:
        audit.record(actor, "backup.restore", "backup", "", None, detail)
