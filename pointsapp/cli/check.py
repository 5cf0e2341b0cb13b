"""``pointsapp check``: integrity and ledger invariants; exit 0 only when all hold.

``check --fingerprint CODE`` proves instead that the ledger when a paper with that fingerprint was printed is an
unchanged prefix of today's (only appended to since), together with the chain check that ties each leaf, a
row's chain hash, to the row's content."""
from __future__ import annotations

import time

from pointsapp.db import open_database, resolve_target
from pointsapp.services.ops import write_guard
from pointsapp.services.ops.check import run_checks
from pointsapp.services.ops.recovery import check_target


def register(sub) -> None:
    p = sub.add_parser("check", help="检查数据库完整性和积分账本（余额、防篡改链、无透支）")
    p.add_argument("--fingerprint", metavar="CODE",
                   help="核对打印在公示上的账本指纹（如 ABCD-EFGH-JK23）：打印之后账本是否只有追加")
    p.set_defaults(handler=run, needs_db=False)


def run(ctx) -> int:
    target = resolve_target(ctx.args.db)
    damage = check_target(target)  # before opening: a damaged file is reported, never migrated or written
    if damage is not None:
        print(damage.message())
        return 1
    open_database(target)
    ctx.actor  # noqa: B018 — who asks is signed in (and audited) like for every other command
    if ctx.args.fingerprint:
        return _fingerprint(ctx)
    started = time.perf_counter()
    problems = run_checks()
    write_guard.remember_verdict(problems)  # write commands stay refused until check passes again
    for line in problems:
        print(line)
    took = f"（用时 {time.perf_counter() - started:.1f} 秒）"
    if problems:
        print(f"发现 {len(problems)} 个问题。{took}")
        return 1
    from pointsapp.services.ops.check import signature_notes

    for line in signature_notes():
        print(line)
    print(f"检查通过：数据库完整，积分账本一致，每条记录都有登记过的密钥签名。{took}")
    return 0


def _fingerprint(ctx) -> int:
    from pointsapp.services.ops.check import chain_problems
    from pointsapp.services.scoring import fingerprint

    result = fingerprint.verify(actor=ctx.actor, code=ctx.args.fingerprint)
    for line in result.lines:
        print(line)
    # the leaves are the rows' chain hashes: a row changed without its hash shows here
    problems = chain_problems()
    for line in problems:
        print(line)
    return 0 if result.ok and not problems else 1
