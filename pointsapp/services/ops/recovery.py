"""Damage: is the database file healthy, and which backup can bring it back (start-up and ``check``)."""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from pointsapp.db.connection import is_postgres_url
from pointsapp.services.ops import backup
from pointsapp.errors import UserError
from pointsapp.text import translate


def diagnose(path: str | Path, *, quick: bool = False) -> str | None:
    """None when the SQLite file is ours and sound (or does not exist yet); else a Chinese reason."""
    path = Path(path)
    if not path.is_file() or path.stat().st_size == 0:
        return None  # a new database, or a folder given by mistake (opening says so)
    try:
        backup.verify(path, quick=quick)
    except UserError as exc:
        return exc.message
    return None


def _configured_folder(path: Path) -> str:
    """The backup_dir setting read straight from the file, when its setting table is still readable."""
    try:
        conn = backup._readonly(path)
        try:
            row = conn.execute("SELECT value FROM setting WHERE key = 'backup_dir'").fetchone()
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return ""
    return row[0] if row else ""


def candidate_backups(target: str | Path) -> list[backup.BackupInfo]:
    """Backups of ``target`` in its configured folder and in the default one, newest first."""
    folders = {backup.backup_folder(_configured_folder(Path(target))), backup.backup_folder("")}
    found = {b.path: b for folder in folders for b in backup.backups_of(target, folder)}
    return sorted(found.values(), key=lambda b: b.taken_at, reverse=True)


def latest_good_backup(target: str | Path) -> backup.BackupInfo | None:
    """The newest backup of ``target`` that passes verification (older ones are tried in turn)."""
    for info in candidate_backups(target):
        try:
            backup.verify(info.path)
        except UserError:
            continue
        return info
    return None


@dataclass(frozen=True)
class Damage:
    reason: str
    target: str
    backup: backup.BackupInfo | None

    def message(self) -> str:
        lines = [translate("services.recovery", "数据库文件有问题：{0}").format(
            self.reason), translate("services.recovery", "数据库没有被修改。")]
        if self.backup:
            lines.append(translate("services.recovery", "最近一份完好的备份是 {0}：{1}").format(
                self.backup.label, self.backup.path))
            lines.append(translate("services.recovery", "恢复方法：pointsapp --db \"{0}\" restore \"{1}\""
                                   "（原文件会另存为 *.replaced-时间.db，不会丢失）").format(self.target, self.backup.path))
        else:
            lines.append(translate("services.recovery", "备份文件夹里没有找到完好的备份。请找回其他电脑或 U 盘上的备份文件，"
                                   "再用 pointsapp restore 备份文件 恢复。"))
        return "\n".join(lines)


def check_target(target: str, *, quick: bool = False) -> Damage | None:
    """The start-up check: None when all is well (PostgreSQL servers check themselves)."""
    if is_postgres_url(target):
        return None
    reason = diagnose(target, quick=quick)
    if reason is None:
        return None
    return Damage(reason, target, latest_good_backup(target))
