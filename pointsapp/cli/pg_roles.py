"""``pointsapp pg-roles``: PostgreSQL's owner account and the stations' daily account (docs/postgresql.md)."""
from __future__ import annotations

from pointsapp.cli._groups import command_group
from pointsapp.services.ops import pg_roles


def register(sub) -> None:
    group = command_group(sub, "pg-roles")
    p = group.add_parser("sql", help="打印服务器管理员要在 psql 里运行的 SQL：建所有者账号、日常账号和数据库")
    p.add_argument("--owner", default="pointsapp_owner", help="所有者账号名（只用于建表、升级、恢复）")
    p.add_argument("--station", default="pointsapp", help="日常账号名（各台电脑平时连接用）")
    p.add_argument("--database", default="pointsapp", help="数据库名")
    p.add_argument("--existing", action="store_true",
                   help="服务器以前只有一个账号（--station 的账号拥有全部表）：新建所有者账号接管表，原账号留作日常账号")
    p.set_defaults(handler=run_sql, needs_db=False)

    p = group.add_parser("grant", help="用所有者账号连接时：建表或升级表结构，并给日常账号授予日常工作所需的权限")
    p.add_argument("station", help="日常账号名，如 pointsapp")
    # the owner's password is the proof here: a new database has no users of the program yet
    p.set_defaults(handler=run_grant, needs_user=False)


def run_sql(ctx) -> int:
    print(pg_roles.setup_sql(owner=ctx.args.owner, station=ctx.args.station, database_name=ctx.args.database,
                             existing=ctx.args.existing), end="")
    return 0


def run_grant(ctx) -> int:
    granted = pg_roles.grant(actor=None, station=ctx.args.station)
    print(f"已用所有者账号“{granted.owner}”把表结构升级到最新，并给日常账号“{granted.station}”授予了 "
          f"{granted.tables} 张表的日常权限（不能删改账本和操作日志，不能改表结构）。")
    print(f"各台电脑请用账号“{granted.station}”连接；所有者账号的密码只留给管理员。")
    return 0
