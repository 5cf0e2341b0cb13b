"""备份与恢复: consistent copies of the SQLite file (online backup API), rotation, verified restore.

A backup is ``<database name>-YYYYMMDD-HHMMSS.db`` in the backup folder (setting ``backup_dir``,
default ``data_dir()/backups``), a single self-contained file (rollback journal, no -wal beside it).
Restoring (:mod:`pointsapp.services.ops.restore`) verifies the backup first, keeps the replaced file as
``<name>.replaced-<time>.db`` and swaps the file in with one atomic rename. PostgreSQL goes through
``pg_dump``/``pg_restore`` (:mod:`pointsapp.services.ops.pg_backup`).
"""
from __future__ import annotations

import datetime as dt
import logging
import os
import re
import sys
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from pointsapp.db import settings
from pointsapp.db.connection import is_postgres_url
from pointsapp.db.migrate import latest_version
from pointsapp.models import database, now
from pointsapp.paths import data_dir
from pointsapp.services import audit
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.errors import UserError
from pointsapp.text import translate

log = logging.getLogger(__name__)
SQLITE_HEADER = b"SQLite format 3\x00"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<date>\d{8})-(?P<time>\d{6})\.db$")
DAY = dt.timedelta(days=1)


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken_at: dt.datetime
    size: int

    @property
    def label(self) -> str:
        return f"{self.taken_at:%Y-%m-%d %H:%M:%S}（{self.size / 1024 / 1024:.1f} MB）"


# ---- where things are ---------------------------------------------------------------------------------------

def current_target() -> str:
    target = getattr(database.obj, "pointsapp_target", None)
    if not target:
        raise UserError(translate("services.backup", "没有打开数据库。"))
    return target


def backup_folder(configured: str | None = None) -> Path:
    """The configured folder (a USB stick, a shared drive), else ``backups`` in the data folder."""
    if configured is None:
        try:
            configured = settings.get("backup_dir")
        except Exception:  # no readable database (damaged): the default folder still holds backups
            configured = ""
    return Path(configured).expanduser() if configured else data_dir() / "backups"


def list_backups(folder: Path, stem: str) -> list[BackupInfo]:
    """Backups of the database named ``stem`` in ``folder``, newest first."""
    found = []
    if folder.is_dir():
        for path in folder.iterdir():
            match = _NAME.match(path.name)
            if match and match.group("stem") == stem and path.is_file():
                taken = dt.datetime.strptime(match.group("date") + match.group("time"), "%Y%m%d%H%M%S")
                found.append(BackupInfo(path, taken, path.stat().st_size))
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def backups_of(target: str | Path, folder: Path | None = None) -> list[BackupInfo]:
    return list_backups(folder or backup_folder(), Path(target).stem)


# ---- verifying ----------------------------------------------------------------------------------------------

def _readonly(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True, timeout=15)


def verify(path: str | Path, *, quick: bool = False) -> int:
    """Open a database file, run the integrity check, read its schema version. Returns the version.

    Raises :class:`UserError` naming what is wrong: missing, not a database, damaged, foreign or newer.
    """
    path = Path(path)
    if not path.is_file():
        raise UserError(translate("services.backup", "文件不存在：{0}").format(path))
    with path.open("rb") as fh:
        if fh.read(16) != SQLITE_HEADER:
            raise UserError(translate("services.backup", "{0} 不是数据库文件（也不是本程序的备份）。").format(path.name))
    try:
        conn = _readonly(path)
        try:
            rows = [r[0] for r in conn.execute("PRAGMA quick_check" if quick else "PRAGMA integrity_check")]
            if rows != ["ok"]:
                log.warning("integrity check of %s failed: %s", path, "; ".join(rows[:20]))
                raise UserError(translate("services.backup", "{0} 已损坏（完整性检查发现 {1} 处问题）。").format(path.name, len(rows)))
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if "schema_version" not in tables:
                raise UserError(translate("services.backup", "{0} 不是村民积分管理系统的数据库。").format(path.name))
            version = int(conn.execute("SELECT MAX(version) FROM schema_version").fetchone()[0] or 0)
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        log.warning("cannot read %s: %s", path, exc)
        raise UserError(translate("services.backup", "{0} 已损坏，无法读取。").format(path.name)) from exc
    if version > latest_version():
        raise UserError(translate("services.backup", "{0} 的数据库版本（{1}）比本程序（{2}）新，请先升级程序。").format(
            path.name, version, latest_version()))
    if version < 1:
        raise UserError(translate("services.backup", "{0} 不是村民积分管理系统的数据库。").format(path.name))
    return version


# ---- copying ------------------------------------------------------------------------------------------------

def io_error(exc: OSError, where: Path) -> UserError:
    return UserError(translate("services.backup", "无法写入 {0}：{1}。请检查磁盘空间和文件夹权限。").format(where, exc.strerror or exc))


# ---- leftovers of a copy that was killed --------------------------------------------------------------------

# (an older version wrote no process id into the name: such a file is always a leftover)
_LEFTOVER = re.compile(r"^\..+\.(?P<pid>\d+)\.(partial|restoring)(-journal|-wal|-shm)?$")
_OLD_LEFTOVER = re.compile(r"^\..+\.(partial|restoring)(-journal|-wal|-shm)?$")


def _alive(pid: int) -> bool:
    """Whether process ``pid`` still runs (so its half-written copy is not ours to remove)."""
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # os.kill(pid, 0) would send Ctrl+C there
        import ctypes

        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x00100000, False, pid)  # SYNCHRONIZE
        if not handle:
            return False
        try:
            return kernel32.WaitForSingleObject(handle, 0) == 0x102  # WAIT_TIMEOUT: still running
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # PermissionError: it exists, under another user
        return True
    return True


def sweep_leftovers(*folders: Path) -> list[Path]:
    """Remove the half-written copies (``.NAME.PID.partial``, ``.NAME.PID.restoring``) of backups and restores
    whose process is gone — killed, or the PC lost power. Run before every copy and at every start."""
    removed = []
    for folder in {Path(f) for f in folders if f}:
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            match = _LEFTOVER.match(name)
            path = folder / name
            try:
                if match:
                    if _alive(int(match["pid"])):
                        continue
                elif not _OLD_LEFTOVER.match(name):
                    continue
                path.unlink()
                removed.append(path)
            except OSError:  # held open by another program (Windows) or gone already: next time
                continue
    if removed:
        log.info("removed leftovers of killed copies: %s", [p.name for p in removed])
    return removed


def sweep_at_start() -> list[Path]:
    """At the start of the program or a command: the leftovers beside the database and in the backup folder."""
    target = current_target()
    if is_postgres_url(target):
        return []
    try:
        folder = backup_folder()
    except (UserError, OSError):
        folder = None
    return sweep_leftovers(Path(target).parent, *([folder] if folder else []))


def partial_name(dest: Path, kind: str = "partial") -> Path:
    return dest.with_name(f".{dest.name}.{os.getpid()}.{kind}")


def copy_database(source: Path, dest: Path) -> Path:
    """A consistent copy of ``source`` at ``dest``, even while other connections write.

    sqlite3's online backup copies every page under one read transaction; the copy is
    written beside ``dest``, verified, then renamed into place, so ``dest`` is never half-written.
    The half-written copy carries this process's id, so that a later copy can tell a killed one's leftover
    from a copy still running, and remove it.
    """
    partial = partial_name(dest)
    sweep_leftovers(dest.parent, source.parent)
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        partial.unlink(missing_ok=True)
        src = sqlite3.connect(str(source), timeout=15)
        try:
            dst = sqlite3.connect(str(partial))
            try:
                src.backup(dst)
                dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
            finally:
                dst.close()
        finally:
            src.close()
        verify(partial)
        os.replace(partial, dest)
    except sqlite3.DatabaseError as exc:
        partial.unlink(missing_ok=True)
        text = str(exc).lower()
        if "full" in text or "readonly" in text or "unable to open" in text:
            raise UserError(translate("services.backup", "无法写入备份 {0}：{1}。请检查磁盘空间和文件夹权限。").format(dest, exc)) from exc
        raise UserError(translate("services.backup", "数据库 {0} 已损坏，无法备份（{1}）。").format(source.name, exc)) from exc
    except OSError as exc:
        partial.unlink(missing_ok=True)
        raise io_error(exc, dest) from exc
    except UserError:
        partial.unlink(missing_ok=True)
        raise
    return dest


def _sqlite_path(target: str) -> Path:
    if is_postgres_url(target):
        raise UserError(translate("services.backup", "这是 PostgreSQL 数据库，请用 pg_dump/pg_restore 备份与恢复。"))
    return Path(target)


def backup_now(target: str, folder: Path, *, at: dt.datetime | None = None) -> Path:
    """A new backup of the SQLite file ``target`` in ``folder`` (no permission check: see callers)."""
    source = _sqlite_path(target)
    at = at or now()
    dest = folder / f"{source.stem}-{at:%Y%m%d-%H%M%S}.db"
    return copy_database(source, dest)


# ---- rotation -----------------------------------------------------------------------------------------------

def to_keep(backups: list[BackupInfo], *, daily: int, weekly: int, monthly: int) -> set[Path]:
    """The newest backup of each of the last ``daily`` days, ``weekly`` ISO weeks and ``monthly`` months."""
    keep: set[Path] = {backups[0].path} if backups else set()
    for count, bucket in ((daily, lambda t: t.date()), (weekly, lambda t: t.isocalendar()[:2]),
                          (monthly, lambda t: (t.year, t.month))):
        seen = []
        for b in backups:  # newest first: the first of a bucket is its newest
            key = bucket(b.taken_at)
            if key not in seen:
                if len(seen) >= count:
                    break
                seen.append(key)
                keep.add(b.path)
    return keep


def rotate(folder: Path, stem: str, *, daily: int, weekly: int, monthly: int) -> list[Path]:
    """Delete the backups rotation no longer keeps; returns the deleted paths."""
    backups = list_backups(folder, stem)
    keep = to_keep(backups, daily=daily, weekly=weekly, monthly=monthly)
    removed = []
    for b in backups:
        if b.path not in keep:
            try:
                b.path.unlink()
                removed.append(b.path)
            except OSError:  # a file on a stick that went away: try again next time
                pass
    return removed


def _rotate_configured(folder: Path, stem: str) -> list[Path]:
    return rotate(folder, stem, daily=int(settings.get("backup_keep_daily")),
                  weekly=int(settings.get("backup_keep_weekly")), monthly=int(settings.get("backup_keep_monthly")))


# ---- what the app and the commands call ---------------------------------------------------------------------

@dataclass(frozen=True)
class AutoBackupPlan:
    """What an automatic backup is to do, read from the database beforehand: :func:`carry_out` then needs no
    database access of the app's (it copies through SQLite connections of its own), so the window runs it
    beside its other work instead of making everyone wait for a copy of the whole file."""
    target: Path
    folder: Path
    daily: int
    weekly: int
    monthly: int


def plan_auto_backup(*, force: bool = False) -> AutoBackupPlan | None:
    """The automatic backup due now: at start-up (``force``) and whenever the latest is older than a day;
    None when none is due, or on PostgreSQL (servers are backed up on the server side)."""
    target = current_target()
    if is_postgres_url(target):
        return None
    folder = backup_folder()
    latest = backups_of(target, folder)
    if not force and latest and now() - latest[0].taken_at < DAY:
        return None
    return AutoBackupPlan(_sqlite_path(target), folder, int(settings.get("backup_keep_daily")),
                          int(settings.get("backup_keep_weekly")), int(settings.get("backup_keep_monthly")))


def carry_out(plan: AutoBackupPlan) -> Path:
    """Copy, verify and rotate as planned. Touches files and its own SQLite connections only: any thread."""
    path = backup_now(str(plan.target), plan.folder)
    rotate(plan.folder, plan.target.stem, daily=plan.daily, weekly=plan.weekly, monthly=plan.monthly)
    return path


def auto_backup(*, force: bool = False) -> Path | None:
    """The automatic backup, planned and carried out in one go (the commands and tests; the window splits
    it, see :class:`AutoBackupPlan`). Runs for whoever is signed in (it protects everyone's work), so it
    checks no permission."""
    plan = plan_auto_backup(force=force)
    return carry_out(plan) if plan is not None else None


def backup_due() -> bool:
    target = current_target()
    if is_postgres_url(target):
        return False
    latest = backups_of(target)
    return not latest or now() - latest[0].taken_at >= DAY


def make_backup(*, actor: Actor, out: str | Path | None = None) -> Path:
    """备份 on request: to ``out``, or into the backup folder (with rotation)."""
    require(actor, Permission.BACKUP)
    target = current_target()
    if is_postgres_url(target):
        from pointsapp.services.ops import pg_backup

        path = pg_backup.dump(target, Path(out) if out else backup_folder() / f"pointsapp-{now():%Y%m%d-%H%M%S}.dump")
    elif out:
        path = copy_database(_sqlite_path(target), Path(out))
    else:
        folder = backup_folder()
        path = backup_now(target, folder)
        _rotate_configured(folder, Path(target).stem)
    audit.record(actor, "backup.create", "backup", "", None, {"file": str(path)})
    return path
