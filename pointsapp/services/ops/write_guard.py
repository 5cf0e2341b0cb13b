"""The command line writes nothing into a database that fails its integrity check.

Before a command that changes data:

- SQLite's ``PRAGMA quick_check`` (the same check the window runs at every start);
- the ledger's hash chain: in full (:func:`pointsapp.services.ops.check.ledger_chain`) while the ledger is small
  enough to take about a second; beyond that, in SQL only, that every household's rows are numbered 1..n and its
  chain head matches its last row (what a deleted or added row breaks);
- the verdict of the last ``pointsapp check`` (and of a restore that ``check`` rejected), remembered in the
  database: a problem it found keeps write commands refused until ``check`` passes again.

A problem stops the command with a message naming ``pointsapp check``. Reading, ``check`` itself and restoring a
backup still work. This is a safety rail against writing onto damaged data; ``check`` remains the authority.
"""
from __future__ import annotations

import itertools
import json

from peewee import JOIN, fn

from pointsapp.db.connection import is_sqlite, read_snapshot
from pointsapp.db.sql import sqlite_check
from pointsapp.models import HouseholdBalance, LedgerEntry, Setting, database, now
from pointsapp.errors import UserError
from pointsapp.text import translate

SHOWN = 5
FULL_CHAIN_ROWS = 20_000     # up to here the whole chain is recomputed (about a second)
VERDICT_KEY = "integrity_verdict"  # a setting row of its own, not among the options a user may change


def remember_verdict(problems: list[str]) -> None:
    """Keep what ``check`` found (nothing: the verdict is cleared)."""
    value = json.dumps({"at": now().isoformat(sep=" ", timespec="seconds"), "problems": len(problems),
                        "first": problems[:SHOWN]}, ensure_ascii=False) if problems else ""
    with database.obj.atomic():
        if Setting.update(value=value).where(Setting.key == VERDICT_KEY).execute() == 0 and value:
            Setting.insert(key=VERDICT_KEY, value=value).execute()


def _remembered() -> list[str]:
    row = Setting.get_or_none(Setting.key == VERDICT_KEY)
    if row is None or not row.value:
        return []
    try:
        verdict = json.loads(row.value)
    except ValueError:
        verdict = {"at": "?", "problems": 1, "first": []}
    return [translate("services.write_guard", "{0} 的 pointsapp check 发现 {1} 个问题，之后还没有通过检查").format(
        verdict.get("at", "?"), verdict.get("problems", 1)), *verdict.get("first", [])[:SHOWN]]


def _heads_and_numbering() -> list[str]:
    """Each household's rows numbered 1..n and its chain head on its last row, in SQL (no hashing)."""
    problems = []
    gaps = (LedgerEntry.select(LedgerEntry.household, fn.COUNT(LedgerEntry.id), fn.MAX(LedgerEntry.seq))
            .group_by(LedgerEntry.household)
            .having((fn.COUNT(LedgerEntry.id) != fn.MAX(LedgerEntry.seq)) | (fn.MIN(LedgerEntry.seq) != 1))
            .limit(SHOWN).tuples())
    for household, count, last in gaps:
        problems.append(translate("services.write_guard", "户 #{0} 的积分记录有 {1} 条，序号却到第 {2} 条：有记录被删除或插入")
                        .format(household, count, last))
    tail = (LedgerEntry.select(LedgerEntry.household, fn.MAX(LedgerEntry.seq).alias("seq"))
            .group_by(LedgerEntry.household).alias("tail"))
    head = LedgerEntry.alias("head")
    heads = (HouseholdBalance.select(HouseholdBalance.household, HouseholdBalance.last_seq, head.seq)
             .join_from(HouseholdBalance, tail, JOIN.LEFT_OUTER, on=(tail.c.household_id == HouseholdBalance.household))
             .join_from(HouseholdBalance, head, JOIN.LEFT_OUTER,
                        on=((head.household == tail.c.household_id) & (head.seq == tail.c.seq)))
             .where((fn.COALESCE(HouseholdBalance.last_seq, 0) != fn.COALESCE(head.seq, 0))
                    | (fn.COALESCE(HouseholdBalance.last_hash, "") != fn.COALESCE(head.hash, "")))
             .limit(SHOWN).tuples())
    for household, kept, last in heads:
        problems.append(translate("services.write_guard", "户 #{0} 的链头记录（第 {1} 条）与账本（第 {2} 条）不符："
                                  "账本末尾有记录被删除或添加").format(household, kept or 0, last or 0))
    return problems


def problems_before_writing() -> list[str]:
    """The first few integrity problems of the open database (empty when it may be written), read in one snapshot:
    another station's sale committing halfway through is not mistaken for a deleted or added row."""
    with read_snapshot():
        return _problems()


def _problems() -> list[str]:
    db = database.obj
    if is_sqlite(db):
        rows = sqlite_check("quick_check")
        if rows != ["ok"]:
            return [translate("services.write_guard", "数据库文件损坏：{0}").format(row) for row in rows[:SHOWN]]
    problems = _remembered()
    if LedgerEntry.select().count() <= FULL_CHAIN_ROWS:
        from pointsapp.services.ops.check import ledger_chain

        problems += list(itertools.islice(ledger_chain(), SHOWN))
    else:
        problems += _heads_and_numbering()
    return problems


def refuse_writing_if_damaged() -> None:
    problems = problems_before_writing()
    if problems:
        raise UserError(translate(
            "services.write_guard",
            "这个数据库没有通过完整性检查，为免在有问题的数据上继续写入，本命令没有执行，数据库没有改变：\n{0}\n"
            "请先运行 pointsapp check 查看全部问题，再请管理员处理（必要时用 pointsapp restore 备份文件 恢复）。"
            "查看数据和 pointsapp check 仍可照常使用。").format("\n".join(f"· {p}" for p in problems)))
