"""``migrate-to``: copy a whole database to another, empty one (SQLite ⇄ PostgreSQL), verified.

Rows are copied table by table in foreign-key order through the models, so booleans,
dates and times are converted by the same field code that wrote them. The copy is one
transaction on the target: on any failure the target stays empty.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from peewee import AutoField, Database, PostgresqlDatabase

from pointsapp.db import roles
from pointsapp.db.connection import describe, make_database, resolve_target
from pointsapp.db.migrate import current_version, latest_version, migrate
from pointsapp.models import ALL_MODELS, Household, LedgerEntry, User, database
from pointsapp.services import audit
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.errors import UserError
from pointsapp.text import translate

CHUNK = 1000


@dataclass
class TransferResult:
    target: str
    counts: dict[str, int]
    problems: list[str]


def _count(model, db: Database) -> int:
    with model.bind_ctx(db):
        return model.select().count()


def _ensure_empty(target: Database) -> None:
    for model in (Household, LedgerEntry, User):
        if _count(model, target):
            raise UserError(translate("services.transfer", "目标数据库不是空的（已有户籍、积分或用户数据），为防止覆盖，已停止迁移。"))


def transfer(*, actor: Actor, target_url: str, progress: Callable[[str], None] = lambda _m: None,
             station_role: str | None = None) -> TransferResult:
    """Copy the open database into ``target_url`` (which must be empty) and verify it. With ``station_role``
    (PostgreSQL, ``target_url`` naming the owner account) that daily account gets its rights afterwards."""
    require(actor, Permission.BACKUP)
    source = database.obj
    if resolve_target(target_url) == getattr(source, "pointsapp_target", None):
        raise UserError(translate("services.transfer", "目标数据库与当前数据库相同。"))
    target = make_database(target_url)
    try:
        target.connect(reuse_if_open=True)
    except Exception as exc:  # noqa: BLE001 - any driver error becomes one clear message
        raise UserError(translate("services.transfer", "无法连接目标数据库 {0}：{1}").format(describe(target_url), exc)) from exc
    try:
        if station_role:
            _check_station_role(target, station_role)
        migrate(target)
        _ensure_empty(target)
        with target.atomic():
            for model in ALL_MODELS:
                _copy_table(model, source, target)
                progress(f"已复制 {model._meta.table_name}")
            if isinstance(target, PostgresqlDatabase):
                _reset_sequences(target)
        counts, problems = {}, []
        for model in ALL_MODELS:
            a, b = _count(model, source), _count(model, target)
            counts[model._meta.table_name] = b
            if a != b:
                problems.append(f"表 {model._meta.table_name}：源 {a} 行，目标 {b} 行")
        if current_version(target) != latest_version():
            problems.append("目标数据库结构版本不对")
        problems.extend(_check_target(target))
        if station_role:
            roles.grant_station(target, station_role)
            progress(translate("services.transfer", "已给日常账号 {0} 授权").format(station_role))
        audit.record(actor, "database.transfer", "database", "", None,
                     {"target": describe(target_url), "problems": len(problems)})
        return TransferResult(describe(target_url), counts, problems)
    finally:
        target.close()


def _check_station_role(target: Database, station: str) -> None:
    if not isinstance(target, PostgresqlDatabase):
        raise UserError(translate("services.transfer", "只有迁移到 PostgreSQL 服务器时才能设置日常账号。"))
    roles.check_name(station)
    if not roles.role_exists(target, station):
        raise UserError(translate("services.transfer", "服务器上没有账号“{0}”。请管理员先运行 pointsapp pg-roles sql，"
                                  "按打印的步骤建好两个账号。").format(station))
    if station == roles.current_user(target):
        raise UserError(translate("services.transfer", "请用所有者账号连接目标数据库，日常账号“{0}”只用于各台电脑平时连接。")
                        .format(station))


def _copy_table(model, source: Database, target: Database) -> None:
    pk = model._meta.primary_key
    order = pk.field_names if hasattr(pk, "field_names") else [pk.name]
    with model.bind_ctx(source):
        rows = model.select().order_by(*[getattr(model, name) for name in order]).dicts().execute()
    chunk: list[dict] = []
    for row in rows.iterator():
        chunk.append(row)
        if len(chunk) >= CHUNK:
            _insert(model, chunk, target)
            chunk = []
    if chunk:
        _insert(model, chunk, target)


def _insert(model, rows: list[dict], target: Database) -> None:
    with model.bind_ctx(target):
        model.insert_many(rows).as_rowcount().execute()


def _reset_sequences(target: PostgresqlDatabase) -> None:
    for model in ALL_MODELS:
        pk = model._meta.primary_key
        if isinstance(pk, AutoField):
            table = model._meta.table_name
            target.execute_sql(
                f"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{pk.column_name}'), "
                f"COALESCE((SELECT MAX(\"{pk.column_name}\") FROM \"{table}\"), 0) + 1, false)")


def _check_target(target: Database) -> list[str]:
    from pointsapp.services.ops.check import CHECKS

    previous = database.obj
    database.initialize(target)
    try:
        return [p for title, check in CHECKS if title != "数据库完整性" for p in check()]
    finally:
        database.initialize(previous)
