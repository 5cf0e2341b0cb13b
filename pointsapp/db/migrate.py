"""Applies the numbered schema steps in ``migrations/`` at start-up.

Each step is a file ``NNNN_name.py`` with ``apply(db)``; it runs in a transaction
together with the row that records it in ``schema_version``.
"""
from __future__ import annotations

import importlib.util
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from peewee import Database, SqliteDatabase

from pointsapp.models.base import now
from pointsapp.paths import migrations_dir
from pointsapp.errors import UserError

_STEP_FILE = re.compile(r"^(\d{4})_([a-z0-9_]+)\.py$")


@dataclass(frozen=True)
class Step:
    number: int
    name: str
    path: Path

    def load(self) -> Callable[[Database], None]:
        spec = importlib.util.spec_from_file_location(f"pointsapp_migration_{self.number:04d}", self.path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module.apply


def steps() -> list[Step]:
    found = []
    for path in sorted(migrations_dir().iterdir()):
        match = _STEP_FILE.match(path.name)
        if match:
            found.append(Step(int(match.group(1)), match.group(2), path))
    return found


def latest_version() -> int:
    return max((s.number for s in steps()), default=0)


def _ensure_version_table(db: Database) -> None:
    db.execute_sql(
        "CREATE TABLE IF NOT EXISTS schema_version ("
        " version INTEGER NOT NULL PRIMARY KEY, name VARCHAR(80) NOT NULL, applied_at VARCHAR(19) NOT NULL)"
    )


def current_version(db: Database, tables: set[str] | None = None) -> int:
    """The schema version recorded in ``db`` (0: none); ``tables``: its tables, when the caller has read them."""
    if "schema_version" not in (set(db.get_tables()) if tables is None else tables):
        return 0
    row = db.execute_sql("SELECT MAX(version) FROM schema_version").fetchone()
    return int(row[0] or 0)


def check_not_foreign(db: Database, tables: set[str] | None = None) -> None:
    """Refuse a database that has tables but is not ours."""
    tables = set(db.get_tables()) if tables is None else tables
    if tables and "schema_version" not in tables:
        raise UserError("这个数据库文件不是村民积分管理系统的数据库，已拒绝打开。")


def migrate(db: Database, target: int | None = None) -> int:
    """Bring the schema to ``target`` (default: the latest). Returns the version reached."""
    tables = set(db.get_tables())  # read once: a catalog query, at every start on a server
    check_not_foreign(db, tables)
    known = steps()
    latest = max((s.number for s in known), default=0)
    version = current_version(db, tables)
    if version > latest:
        raise UserError(
            f"数据库版本（{version}）比本程序支持的版本（{latest}）新，请先升级程序再打开这个数据库。"
        )
    goal = latest if target is None else target
    upgrading = version < goal
    if upgrading and not isinstance(db, SqliteDatabase):
        _refuse_station_account(db, version, goal)
    for step in known:
        if version < step.number <= goal:
            apply = step.load()
            with db.atomic():
                _ensure_version_table(db)
                apply(db)
                db.execute_sql(
                    "INSERT INTO schema_version (version, name, applied_at) VALUES (%s, %s, %s)"
                    % (db.param, db.param, db.param),
                    (step.number, step.name, now().isoformat(sep=" ")),
                )
            version = step.number
    if upgrading and not isinstance(db, SqliteDatabase):
        from pointsapp.db.roles import grant_station, station_roles

        for station in station_roles(db):  # the new tables are the station's too, with its rights
            grant_station(db, station)
    return version


def _refuse_station_account(db: Database, version: int, goal: int) -> None:
    """A station's daily account may not change the tables: say who must upgrade, and how."""
    from pointsapp.db.roles import current_user, may_change_schema
    from pointsapp.text import translate

    if may_change_schema(db):
        return
    account = current_user(db)
    if version == 0:
        raise UserError(translate(
            "db.roles", "服务器上的数据库还是空的，需要先建表。本机连接用的账号“{0}”是日常使用的账号，没有建表的权限"
            "（这是为了防止有人改动或删除账本）。请管理员用数据库的所有者账号建表并授权：\n"
            "pointsapp --db postgresql://所有者账号:密码@服务器地址/库名 pg-roles grant {0}\n"
            "（详见 docs/postgresql.md）").format(account))
    raise UserError(translate(
        "db.roles", "数据库需要升级（结构版本 {1} → {2}），但本机连接用的账号“{0}”是日常使用的账号，没有修改表结构的权限"
        "（这是为了防止有人改动或删除账本）。请管理员用数据库的所有者账号升级一次：\n"
        "pointsapp --db postgresql://所有者账号:密码@服务器地址/库名 pg-roles grant {0}\n"
        "升级后各台电脑照常使用（详见 docs/postgresql.md）。").format(account, version, goal))
