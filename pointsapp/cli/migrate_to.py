"""``pointsapp migrate-to URL``: move this database to PostgreSQL (or back to a SQLite file)."""
from __future__ import annotations

import sys

from pointsapp.services.ops.transfer import transfer


def register(sub) -> None:
    p = sub.add_parser("migrate-to", help="把当前数据库完整复制到另一个空数据库（如 PostgreSQL 服务器），并校验")
    p.add_argument("target", help="目标：postgresql://用户:密码@主机:端口/库名，或一个新的 SQLite 文件路径")
    p.add_argument("--station-role", metavar="账号",
                   help="PostgreSQL：目标地址用所有者账号时，复制后给这个日常账号授予日常工作所需的权限"
                        "（不能删改账本、不能改表结构；见 pointsapp pg-roles sql）")
    p.set_defaults(handler=run)


def run(ctx) -> int:
    result = transfer(actor=ctx.actor, target_url=ctx.args.target, progress=lambda m: print(m, file=sys.stderr),
                      station_role=ctx.args.station_role)
    for line in result.problems:
        print(line)
    if result.problems:
        print(f"迁移后校验发现 {len(result.problems)} 个问题，请不要使用目标数据库。")
        return 1
    total = sum(result.counts.values())
    print(f"迁移完成：{total} 行数据已复制到 {result.target}，校验通过。")
    if ctx.args.station_role:
        print(f"各台电脑请用日常账号“{ctx.args.station_role}”连接；所有者账号的密码只留给管理员。")
    return 0
