"""``pointsapp check``: integrity and ledger invariants; exit 0 only when all hold."""
from __future__ import annotations

from pointsapp.services.check import run_checks


def register(sub) -> None:
    p = sub.add_parser("check", help="检查数据库完整性和积分账本（余额、防篡改链、无透支）")
    p.set_defaults(handler=run)


def run(ctx) -> int:
    problems = run_checks()
    for line in problems:
        print(line)
    if problems:
        print(f"发现 {len(problems)} 个问题。")
        return 1
    print("检查通过：数据库完整，积分账本一致。")
    return 0
