"""Setting up PostgreSQL's two accounts (see :mod:`pointsapp.db.roles` and docs/postgresql.md).

``grant`` runs as the owner: it upgrades the schema (opening the database did) and gives the station's daily
account exactly its rights, audited. ``setup_sql`` is what the server's administrator runs once as the
superuser to make the two accounts and the database.
"""
from __future__ import annotations

from dataclasses import dataclass

from pointsapp.db import roles
from pointsapp.db.connection import is_sqlite
from pointsapp.models import database
from pointsapp.services import audit
from pointsapp.services.auth import Actor
from pointsapp.errors import UserError
from pointsapp.text import translate


@dataclass(frozen=True)
class Granted:
    owner: str
    station: str
    tables: int


def setup_sql(*, owner: str, station: str, database_name: str, existing: bool = False) -> str:
    """The superuser's SQL for a new database, or (``existing``) for a server set up with the one account
    ``station``, whose tables the new owner takes over."""
    if owner == station:
        raise UserError(translate("services.pg_roles", "所有者账号和日常账号必须是两个不同的账号。"))
    make = roles.takeover_sql if existing else roles.setup_sql
    return make(owner=owner, station=station, database=database_name)


def grant(*, actor: Actor | None, station: str) -> Granted:
    """As the database's owner: give ``station`` the daily account's rights on every table."""
    db = database.obj
    if is_sqlite(db):
        raise UserError(translate("services.pg_roles", "这是单机数据库文件（SQLite），没有数据库账号可以设置。"))
    roles.check_name(station)
    owner = roles.current_user(db)
    if not roles.may_change_schema(db):
        raise UserError(translate("services.pg_roles", "当前连接用的账号“{0}”不是数据库的所有者，不能授权。"
                                  "请用所有者账号连接（postgresql://所有者账号:密码@…）。").format(owner))
    if station == owner:
        raise UserError(translate("services.pg_roles", "日常账号不能是所有者账号本身：各台电脑要用另一个账号连接。"))
    if not roles.role_exists(db, station):
        raise UserError(translate("services.pg_roles", "服务器上没有账号“{0}”。请管理员先按 pointsapp pg-roles sql "
                                  "打印的步骤建好它。").format(station))
    with db.atomic():
        roles.grant_station(db, station)
        audit.record(actor, "database.grant_station", "database", station, None, {"owner": owner})
    return Granted(owner, station, len(roles.tables(db)))
