"""The ledger's hand-written SQL: the statements of a batch of marks and of every append (the benchmark's
"batch entry" and the till's redemption run them) and the fingerprint's read of every row's hash.

Why not peewee here: for the long ``IN`` lists of a 1,000-mark sheet and the multi-row inserts of an append,
building the statement node by node cost more than running it; reading millions of hashes through peewee's
per-value conversion doubled the fingerprint's time. Everything else about the ledger is peewee. Statements are
written with ``?`` and built per parameter style by ``db.sql.in_style``; ``tests/test_raw_sql.py`` checks
their columns against the models and that no other scoring module writes SQL of its own.
"""
from __future__ import annotations

import datetime as dt
from typing import Iterator, Sequence

from pointsapp.db.connection import is_sqlite
from pointsapp.db.sql import built, in_style, marks
from pointsapp.models import EntryKind, EntryStatus, LedgerEntry, database

_BALANCE_HEADS = ("SELECT household_id, earned_total, available, last_seq, last_hash FROM household_balance"
                  " WHERE household_id IN ({marks}){lock}")
_SAVE_BALANCE_HEAD = ('UPDATE "household_balance" SET "earned_total" = ?, "available" = ?, "last_seq" = ?,'
                      ' "last_hash" = ? WHERE "household_id" = ?')
_LEDGER_INSERT = 'INSERT INTO "ledger_entry" ({columns}) VALUES {rows} RETURNING "id"'
_LEDGER_IDS = ('SELECT "id", "household_id", "seq" FROM "ledger_entry" WHERE "household_id" IN ({marks})'
               ' AND "seq" >= ?')
_SHEET_HOUSEHOLDS = ("SELECT id, household_no, head_name, status, joined_on, group_id, village_id FROM household"
                     " WHERE id IN ({marks})")
_RULE_USAGE = ("SELECT household_id, rule_id, occurred_on, SUM(points), SUM(CASE WHEN kind = ? THEN -1 ELSE 1 END)"
               " FROM ledger_entry WHERE rule_id IN ({rules}) AND household_id IN ({households})"
               " AND occurred_on BETWEEN ? AND ? AND status <> ? AND kind IN (?, ?, ?)"
               " GROUP BY household_id, rule_id, occurred_on")
_LEDGER_HASHES = 'SELECT "id", "hash" FROM "ledger_entry" WHERE "id" > ?{bound} ORDER BY "id" LIMIT {limit}'
_UPTO = ' AND "id" <= ?'
_KEPT_YEAR = ("SELECT household_id, {columns}, SUM(awards), SUM(deductions) FROM household_year"
              " WHERE village_id = ? AND year = ?{only} GROUP BY household_id")


def balance_heads(household_ids: Sequence[int]) -> list[tuple[int, int, int, int, str]]:
    """``(household_id, earned_total, available, last_seq, last_hash)`` of the balance rows that exist (at most
    900 ids at a time), locked for update on PostgreSQL in household order (two appends never deadlock)."""
    lock = "" if is_sqlite() else " ORDER BY household_id FOR UPDATE"
    return database.obj.execute_sql(in_style(_BALANCE_HEADS, marks=marks(len(household_ids)), lock=lock),
                                     list(household_ids)).fetchall()


def save_balance_heads(values: Sequence[tuple[int, int, int, str, int]]) -> None:
    """Write ``(earned_total, available, last_seq, last_hash, household_id)`` back, one driver call."""
    database.obj.cursor().executemany(in_style(_SAVE_BALANCE_HEAD), values)


def insert_ledger_returning_ids(names: Sequence[str], rows: Sequence[tuple]) -> list[int]:
    """PostgreSQL: insert ledger rows (values in the order of the field ``names``, in the driver's terms) and
    hand their new ids back, 400 rows a statement."""
    columns = ", ".join(f'"{LedgerEntry._meta.fields[name].column_name}"' for name in names)
    one = f"({marks(len(names))})"
    ids: list[int] = []
    for start in range(0, len(rows), 400):
        page = rows[start:start + 400]
        sql = built(_LEDGER_INSERT, columns=columns, rows=", ".join([one] * len(page)))
        ids.extend(row[0] for row in database.obj.execute_sql(sql, [value for row in page for value in row]))
    return ids


def ledger_ids(household_ids: Sequence[int], lowest_seq: int) -> list[tuple[int, int, int]]:
    """``(id, household_id, seq)`` of the households' rows from ``lowest_seq`` on (at most 500 households at a
    time), through the unique (household, seq) index: the ids of rows just inserted on SQLite."""
    return database.obj.execute_sql(in_style(_LEDGER_IDS, marks=marks(len(household_ids))),
                                    [*household_ids, lowest_seq]).fetchall()


def sheet_households(ids: Sequence[int]) -> list[tuple]:
    """``(id, household_no, head_name, status, joined_on, group_id, village_id)`` of the households (at most 500
    ids at a time) an inspection sheet checks; ``joined_on`` as the cursor gives it (``db.cursor_date``)."""
    return database.obj.execute_sql(in_style(_SHEET_HOUSEHOLDS, marks=marks(len(ids))), list(ids)).fetchall()


def rule_usage_sql(rule_ids: Sequence[int], household_ids: Sequence[int], year: int) -> tuple[str, list]:
    """The statement of ``rule_usage`` and its values: it reads one short range of the (household, rule,
    occurred_on) index per pair (migration 0004)."""
    sql = in_style(_RULE_USAGE, rules=marks(len(rule_ids)), households=marks(len(household_ids)))
    params = [EntryKind.REVERSAL, *rule_ids, *household_ids, dt.date(year, 1, 1), dt.date(year, 12, 31),
              EntryStatus.REJECTED, EntryKind.AWARD, EntryKind.DEDUCTION, EntryKind.REVERSAL]
    return sql, params


def rule_usage(rule_ids: Sequence[int], household_ids: Sequence[int], year: int) -> list[tuple]:
    """``(household_id, rule_id, occurred_on, points, count)`` per household, rule and day of ``year`` of the
    entries that count toward caps (not rejected; a reversal counts -1); at most 500 households at a time."""
    return database.obj.execute_sql(*rule_usage_sql(rule_ids, household_ids, year)).fetchall()


def ledger_hashes(chunk: int, upto: int | None = None) -> Iterator[tuple[int, str]]:
    """``(id, chain hash)`` of every ledger row in id order (up to id ``upto``), read ``chunk`` rows at a time."""
    sql = in_style(_LEDGER_HASHES, bound="" if upto is None else _UPTO, limit=str(int(chunk)))
    bound = () if upto is None else (int(upto),)
    last = -1
    while True:
        rows = database.obj.execute_sql(sql, (last, *bound)).fetchall()
        yield from rows
        if len(rows) < chunk:
            return
        last = rows[-1][0]


def settled_last_ledger_id() -> int:
    """PostgreSQL: the last ledger id below which no row can still appear, by migration 10's function (a brief
    SHARE lock with the owner's rights: the stations' daily account may not lock the whole ledger itself)."""
    with database.obj.atomic():
        return int(database.obj.execute_sql("SELECT pointsapp_settled_ledger_id()").fetchone()[0] or 0)


def kept_year_sums(year: int, village_columns: dict[int, list[list[int]]],
                   only: Sequence[int] | None = None) -> list[tuple]:
    """The ranking's columns for a whole year from the sums the database keeps (``household_year``), folded by
    SQLite one village at a time: ``(household_id, c0, c1, …, awards, deductions)``; ``village_columns`` gives each
    village's own category ids of each column, ``only`` the category ids to count at all.

    Raw and per village: in one village's key range the rows come household by household, so SQLite sums them as
    they come with a plain equality per column (a township's year 11 -> 8 ms, folded in Python before); across
    villages, or with each column's ids of every village, it sorted them or tested every list on every row."""
    only_sql = f" AND category_id IN ({', '.join(str(int(i)) for i in only)})" if only is not None else ""
    rows: list[tuple] = []
    for village_id, columns in village_columns.items():
        sums = ", ".join(_column_sum(ids) for ids in columns) or "0"
        sql = in_style(_KEPT_YEAR, columns=sums, only=only_sql)
        rows += database.obj.execute_sql(sql, (village_id, year)).fetchall()
    return rows


def _column_sum(ids: Sequence[int]) -> str:
    if not ids:
        return "0"
    test = f"= {int(ids[0])}" if len(ids) == 1 else f"IN ({', '.join(str(int(i)) for i in ids)})"
    return f"COALESCE(SUM(points) FILTER (WHERE category_id {test}), 0)"
