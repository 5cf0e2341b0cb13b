"""The command line writes nothing into a database that fails its integrity check.

Before a command that changes data, SQLite's ``PRAGMA quick_check`` and the ledger's chain check of
:func:`pointsapp.services.ops.check.ledger_chain` run (quick enough for every command); a problem stops the
command with a message naming ``pointsapp check``. Reading, ``check`` itself and restoring a backup still work.
"""
from __future__ import annotations

import itertools

from pointsapp.db.connection import is_sqlite
from pointsapp.models import database
from pointsapp.errors import UserError
from pointsapp.text import translate

SHOWN = 5


def problems_before_writing() -> list[str]:
    """The first few integrity problems of the open database (empty when it may be written)."""
    db = database.obj
    if is_sqlite(db):
        rows = [r[0] for r in db.execute_sql("PRAGMA quick_check").fetchall()]
        if rows != ["ok"]:
            return [translate("services.write_guard", "数据库文件损坏：{0}").format(row) for row in rows[:SHOWN]]
    from pointsapp.services.ops.check import ledger_chain

    return list(itertools.islice(ledger_chain(), SHOWN))


def refuse_writing_if_damaged() -> None:
    problems = problems_before_writing()
    if problems:
        raise UserError(translate(
            "services.write_guard",
            "这个数据库没有通过完整性检查，为免在有问题的数据上继续写入，本命令没有执行，数据库没有改变：\n{0}\n"
            "请先运行 pointsapp check 查看全部问题，再请管理员处理（必要时用 pointsapp restore 备份文件 恢复）。"
            "查看数据和 pointsapp check 仍可照常使用。").format("\n".join(f"· {p}" for p in problems)))
