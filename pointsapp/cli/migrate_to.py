"""``pointsapp migrate-to URL``: move this database to PostgreSQL (or back to a SQLite file)."""
from __future__ import annotations

import sys

from pointsapp.services.ops.transfer import transfer


def register(sub) -> None:
    p = sub.add_parser("migrate-to", help="把当前数据库完整复制到另一个空数据库（如 PostgreSQL 服务器），并校验")
    p.add_argument("target", help="目标：postgresql://用户:密码@主机:端口/库名，或一个新的 SQLite 文件路径")
    p.set_defaults(handler=run)


def run(ctx) -> int:
    result = transfer(actor=ctx.actor, target_url=ctx.args.target, progress=lambda m: print(m, file=sys.stderr))
    for line in result.problems:
        print(line)
    if result.problems:
        print(f"迁移后校验发现 {len(result.problems)} 个问题，请不要使用目标数据库。")
        return 1
    total = sum(result.counts.values())
    print(f"迁移完成：{total} 行数据已复制到 {result.target}，校验通过。")
    return 0
