"""``pointsapp check``: integrity and ledger invariants; exit 0 only when all hold."""
from __future__ import annotations

from pointsapp.db import open_database, resolve_target
from pointsapp.services.ops.check import run_checks
from pointsapp.services.ops.recovery import check_target


def register(sub) -> None:
    p = sub.add_parser("check", help="检查数据库完整性和积分账本（余额、防篡改链、无透支）")
    p.set_defaults(handler=run, needs_db=False)


def run(ctx) -> int:
    target = resolve_target(ctx.args.db)
    damage = check_target(target)  # before opening: a damaged file is reported, never migrated or written
    if damage is not None:
        print(damage.message())
        return 1
    open_database(target)
    ctx.actor  # noqa: B018 — who asks is signed in (and audited) like for every other command
    problems = run_checks()
    for line in problems:
        print(line)
    if problems:
        print(f"发现 {len(problems)} 个问题。")
        return 1
    print("检查通过：数据库完整，积分账本一致。")
    return 0
