"""``pointsapp demo``: fill an empty database with realistic demo data."""
from __future__ import annotations

import sys

from pointsapp import demo
from pointsapp.services.auth import Permission, require
from pointsapp.services.ops import users


def register(sub) -> None:
    p = sub.add_parser("demo", help="生成演示数据（户籍、积分细则、一年或多年的积分记录）")
    p.add_argument("--households", type=int, default=200, help="户数（默认 200）")
    p.add_argument("--villages", type=int, default=1, help="村数（默认 1）")
    p.add_argument("--years", type=int, default=1, help="积分记录的年数，到今年为止（默认 1）")
    p.add_argument("--products", type=int, default=None, help="积分超市商品种数（默认 40 种）")
    p.add_argument("--seed", type=int, default=1, help="随机种子，相同种子生成相同数据")
    p.set_defaults(handler=run, needs_user=False)


def run(ctx) -> int:
    a = ctx.args
    if users.has_users():  # the demo gives its operators known passwords: only an administrator may ask for it
        require(ctx.actor, Permission.USER_MANAGE)
    counts = demo.generate(households=a.households, villages=a.villages, seed=a.seed, years=a.years,
                           products=a.products,
                           progress=lambda msg: print(msg, file=sys.stderr))
    print(f"演示数据已生成：{counts['villages']} 个村，{counts['households']} 户，"
          f"{counts['members']} 人，{counts['entries']} 条积分记录。")
    return 0
