"""A township-sized roster written in chunks on SQLite, each chunk one short write transaction, so that a cashier's
redemption waits for one chunk at most (see ``roster_import``'s note on what a fault after the first chunk leaves,
and why the import is then resumed rather than undone)."""
from __future__ import annotations

import datetime as dt
import secrets
import time
from contextlib import contextmanager
from typing import Callable

from pointsapp.db.sql import sqlite_checkpoint
from pointsapp.errors import UserError
from pointsapp.models import Setting, Village, database, now
from pointsapp.services import audit
from pointsapp.services.auth import Actor
from pointsapp.text import translate

CHUNK_PAUSE = 0.15  # s between chunks with the lock free (1.5 s in all for a township of 10,000 households)
# between its chunks an import holds no lock, so a second station's import of the same roster would write the same
# households: the first marks the database as importing (PostgreSQL's imports take an advisory lock instead)
RUNNING = "roster_import_running"
STALE_AFTER = dt.timedelta(minutes=10)  # a marker this old was left by an import that was killed


def another_station_importing() -> UserError:
    """What a second import is told, on either backend (PostgreSQL's advisory lock, SQLite's mark)."""
    return UserError(translate("services.roster_import", "另一台电脑正在导入花名册，本次导入没有写入任何内容。"
                               "请等它完成后再导入（已导入的户不会重复添加）。"))


def refuse_while_running() -> None:
    """Inside the caller's write transaction: refuse while another station's chunked import is under way."""
    row = Setting.get_or_none(Setting.key == RUNNING)
    if row is None or not row.value:
        return
    try:
        started = dt.datetime.fromisoformat(row.value.split("|", 1)[1])
    except (IndexError, ValueError):
        return
    if now() - started < STALE_AFTER:
        raise another_station_importing()


@contextmanager
def one_chunked_import():
    """Mark the database as importing for the whole of a chunked import — planning included, so a second station
    cannot plan before the first has written and then write the same households again."""
    token = secrets.token_hex(8)
    with database.obj.atomic(lock_type="IMMEDIATE"):
        refuse_while_running()
        Setting.insert(key=RUNNING, value=f"{token}|{now().isoformat(sep=' ')}").on_conflict_replace().execute()
    try:
        yield
    finally:
        with database.obj.atomic(lock_type="IMMEDIATE"):
            Setting.delete().where(Setting.key == RUNNING, Setting.value.startswith(f"{token}|")).execute()


def write_in_chunks(actor: Actor, result, target: Village | None, plans: list, touched: set[int],
                    keys: dict[str, str], chunk: int, *, write: Callable, village_code: Callable[[str], str]):
    """Write a checked plan ``chunk`` households at a time, each chunk one short write transaction (see the module's
    note: a fault from outside after the first chunk leaves what was written, says so, and a second import of the
    same file finishes it). The caller holds :func:`one_chunked_import` around planning and writing. Removals go with the first chunk: a removed member's ID number may be someone's in a
    later one."""
    db = database.obj
    parts = [plans[i:i + chunk] for i in range(0, len(plans), chunk)]
    written = 0
    if target is None:  # a new village (its rules and stars too) in a transaction of its own
        from pointsapp.services.register.villages import create_village

        with db.atomic(lock_type="IMMEDIATE"):
            target = create_village(actor=actor, name=result.village, code=village_code(result.village))
        time.sleep(CHUNK_PAUSE)
    for n, part in enumerate(parts):
        last = n == len(parts) - 1
        try:
            with db.atomic(lock_type="IMMEDIATE"):
                write(actor, target, part, touched if last else set(), keys, removals=(n == 0), all_plans=plans)
                if last:
                    audit.record(actor, "roster.import", "village", target.id, None,
                                 {**{k: v for k, v in result.to_dict().items()
                                     if k not in ("faults", "dry_run", "written")}, "chunks": len(parts)})
        except Exception as exc:
            if n == 0:
                raise  # nothing written: the fault as it is
            raise UserError(translate("services.roster_import", "导入中断：已写入前 {0} 户（共 {1} 户），其余没有写入。"
                                      "原因：{2}。请排除后再导入同一个文件，已写入的户不会重复添加，只补写其余的户。")
                            .format(written, len(plans), _reason(exc))) from exc
        written += len(part)
        # copy the chunk from the write-ahead log into the database now, on the importer's time: else the next
        # commit (a cashier's redemption) would find a long log and do that copying while the customer waits
        sqlite_checkpoint("PASSIVE")
        if not last:
            # and leave the lock free a moment: a waiting writer retries on SQLite's busy timer (every 100 ms at
            # most), so an importer that took the lock straight back would keep a cashier waiting chunk after chunk
            time.sleep(CHUNK_PAUSE)
    result.written = True
    return result


def _reason(exc: Exception) -> str:
    """What stopped a later chunk, in the outside-fault catalogue's words (what happened, without its "nothing was
    saved": here the earlier chunks were)."""
    from pointsapp.db.connection import explain_database_error

    text = str(exc) if isinstance(exc, UserError) else explain_database_error(exc)
    return text.split("，本次操作没有保存")[0].split("本次操作没有保存")[0].rstrip("。，")
