"""The append-only points ledger: appending entries, making them effective, balances.

Every entry's content is hashed together with the previous entry of the same
household (``prev_hash``), so a row altered, inserted or deleted behind the app's
back breaks the chain and ``check`` names it. Cached balances in
``HouseholdBalance`` move in the same transaction as the entries they sum.
"""
from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from typing import Iterable, Sequence

from peewee import fn

from pointsapp.db.bulk import insert_rows
from pointsapp.db.connection import is_sqlite, write_transaction
from pointsapp.models import EntryKind, EntryStatus, HouseholdBalance, LedgerEntry, database, now
from pointsapp.services.errors import UserError
from pointsapp.text import translate

GENESIS = "0" * 64


@dataclass
class EntryDraft:
    """An entry about to be written. ``earned`` defaults from the kind."""

    household_id: int
    village_id: int
    kind: str
    points: int
    occurred_on: dt.date
    note: str = ""
    rule_id: int | None = None
    category_id: int | None = None
    reverses_id: int | None = None
    batch_id: int | None = None
    earned: bool | None = None
    status: str = EntryStatus.EFFECTIVE
    created_at: dt.datetime | None = None
    reviewed_by: int | None = None
    reviewed_at: dt.datetime | None = None
    extra: dict = field(default_factory=dict)

    def __post_init__(self):
        if not isinstance(self.points, int) or isinstance(self.points, bool):
            raise UserError(translate("services.ledger", "积分必须是整数。"))
        if self.earned is None:
            self.earned = self.kind in (EntryKind.AWARD, EntryKind.DEDUCTION)


def _stamp(value: dt.datetime | dt.date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, str):
        return value[:19]
    return value.isoformat()


def entry_hash(*, household_id, seq, kind, points, earned, rule_id, category_id, occurred_on, note,
               reverses_id, batch_id, created_by, created_at, prev_hash) -> str:
    """SHA-256 over an entry's immutable content and the previous hash of its household."""
    text = "|".join(str(x) for x in (
        household_id, seq, kind, points, int(bool(earned)), rule_id or "", category_id or "",
        _stamp(occurred_on), reverses_id or "", batch_id or "", created_by, _stamp(created_at), note,
        prev_hash,
    ))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def hash_of_row(entry: LedgerEntry) -> str:
    return entry_hash(
        household_id=entry.household_id, seq=entry.seq, kind=entry.kind, points=entry.points,
        earned=entry.earned, rule_id=entry.rule_id, category_id=entry.category_id,
        occurred_on=entry.occurred_on, note=entry.note, reverses_id=entry.reverses_id,
        batch_id=entry.batch_id, created_by=entry.created_by_id, created_at=entry.created_at,
        prev_hash=entry.prev_hash,
    )


def _lock_balances(household_ids: Iterable[int]) -> dict[int, HouseholdBalance]:
    """Fetch the balance rows (creating missing ones), locked for update on PostgreSQL."""
    ids = sorted(set(household_ids))
    rows: dict[int, HouseholdBalance] = {}

    def fetch(chunk: list[int]) -> None:
        query = HouseholdBalance.select().where(HouseholdBalance.household.in_(chunk))
        if not is_sqlite():
            query = query.order_by(HouseholdBalance.household).for_update()
        rows.update((row.household_id, row) for row in query)

    for start in range(0, len(ids), 900):
        fetch(ids[start:start + 900])
    missing = [i for i in ids if i not in rows]
    if missing:
        with database.obj.atomic():  # a savepoint: a concurrent creator makes the insert ignore, not fail
            for start in range(0, len(missing), 500):
                HouseholdBalance.insert_many(
                    [{"household": i, "earned_total": 0, "available": 0, "last_seq": 0, "last_hash": ""}
                     for i in missing[start:start + 500]]).on_conflict_ignore().execute()
        for start in range(0, len(missing), 900):
            fetch(missing[start:start + 900])
    return rows


def append(drafts: Sequence[EntryDraft], *, created_by: int, return_ids: bool = True) -> list[int]:
    """Write entries in one transaction, chaining hashes and moving cached balances.

    Callers check permissions and domain rules first; this is the only place that
    inserts ledger rows. Returns the new entry ids in the order given (or nothing
    when ``return_ids`` is false, for bulk loads).
    """
    if not drafts:
        return []
    with write_transaction():
        balances = _lock_balances(d.household_id for d in drafts)
        stamp = now()
        rows = []
        for d in drafts:
            bal = balances[d.household_id]
            seq = bal.last_seq + 1
            prev = bal.last_hash or GENESIS
            created_at = d.created_at or stamp
            digest = entry_hash(
                household_id=d.household_id, seq=seq, kind=d.kind, points=d.points, earned=d.earned,
                rule_id=d.rule_id, category_id=d.category_id, occurred_on=d.occurred_on, note=d.note,
                reverses_id=d.reverses_id, batch_id=d.batch_id, created_by=created_by,
                created_at=created_at, prev_hash=prev,
            )
            effective = d.status == EntryStatus.EFFECTIVE
            rows.append({
                "household": d.household_id, "village": d.village_id, "seq": seq, "kind": d.kind,
                "points": d.points, "earned": d.earned, "rule": d.rule_id, "category": d.category_id,
                "occurred_on": d.occurred_on, "note": d.note, "reverses": d.reverses_id, "batch": d.batch_id,
                "created_by": created_by, "created_at": created_at, "prev_hash": prev, "hash": digest,
                "status": d.status, "reviewed_by": d.reviewed_by, "reviewed_at": d.reviewed_at,
                "effective_at": created_at if effective else None,
            })
            bal.last_seq, bal.last_hash = seq, digest
            if effective:
                bal.available += d.points
                if d.earned:
                    bal.earned_total += d.points
        if return_ids:
            ids = _insert_returning_ids(rows)
        else:
            insert_rows(LedgerEntry, rows)
            ids = []
        _save_balances(balances.values())
    return ids


def _insert_returning_ids(rows: list[dict]) -> list[int]:
    """PostgreSQL hands the new ids back (RETURNING); on SQLite they are found by (household, seq)."""
    if is_sqlite():
        insert_rows(LedgerEntry, rows)
        return _ids_of(rows)
    ids: list[int] = []
    for start in range(0, len(rows), 400):
        cursor = LedgerEntry.insert_many(rows[start:start + 400]).returning(LedgerEntry.id).execute()
        ids.extend(row[0] if isinstance(row, tuple) else row.id for row in cursor)
    return ids


def _ids_of(rows: list[dict]) -> list[int]:
    """Ids of just-inserted rows, found through the unique (household, seq) index."""
    wanted = {(r["household"], r["seq"]) for r in rows}
    households = sorted({h for h, _ in wanted})
    lowest = min(seq for _, seq in wanted)
    found: dict[tuple[int, int], int] = {}
    for start in range(0, len(households), 500):
        query = (LedgerEntry.select(LedgerEntry.id, LedgerEntry.household, LedgerEntry.seq)
                 .where(LedgerEntry.household.in_(households[start:start + 500]), LedgerEntry.seq >= lowest))
        found.update(((h, seq), entry_id) for entry_id, h, seq in query.tuples() if (h, seq) in wanted)
    return [found[(r["household"], r["seq"])] for r in rows]


def _save_balances(rows: Iterable[HouseholdBalance]) -> None:
    db = database.obj
    param = db.param
    sql = (f'UPDATE "household_balance" SET "earned_total" = {param}, "available" = {param}, '
           f'"last_seq" = {param}, "last_hash" = {param} WHERE "household_id" = {param}')
    values = [(b.earned_total, b.available, b.last_seq, b.last_hash, b.household_id) for b in rows]
    db.cursor().executemany(sql, values)


def make_effective(entry_ids: Sequence[int]) -> int:
    """Move entries (reviewed or on notice) to effective and add them to the balances."""
    if not entry_ids:
        return 0
    with write_transaction():
        wanted = list(entry_ids)
        entries = []
        for start in range(0, len(wanted), 500):
            entries.extend(LedgerEntry.select(LedgerEntry.id, LedgerEntry.household, LedgerEntry.points,
                                              LedgerEntry.earned).where(
                LedgerEntry.id.in_(wanted[start:start + 500]),
                LedgerEntry.status.in_([EntryStatus.ENTERED, EntryStatus.REVIEWED, EntryStatus.NOTICE]),
            ))
        balances = _lock_balances(e.household_id for e in entries)
        stamp = now()
        for e in entries:
            bal = balances[e.household_id]
            bal.available += e.points
            if e.earned:
                bal.earned_total += e.points
        ids = [e.id for e in entries]
        for start in range(0, len(ids), 500):
            LedgerEntry.update(status=EntryStatus.EFFECTIVE, effective_at=stamp).where(
                LedgerEntry.id.in_(ids[start:start + 500])).execute()
        _save_balances(balances.values())
    return len(entries)


@dataclass(frozen=True)
class Balance:
    earned_total: int
    available: int


def cached_balance(household_id: int) -> Balance:
    row = HouseholdBalance.get_or_none(HouseholdBalance.household == household_id)
    return Balance(row.earned_total, row.available) if row else Balance(0, 0)


def ledger_balance(household_id: int) -> Balance:
    """The balance summed from the ledger itself (the truth the cache must equal)."""
    base = LedgerEntry.select().where(
        LedgerEntry.household == household_id, LedgerEntry.status == EntryStatus.EFFECTIVE)
    available = base.select(fn.COALESCE(fn.SUM(LedgerEntry.points), 0)).scalar()
    earned = base.select(fn.COALESCE(fn.SUM(LedgerEntry.points), 0)).where(LedgerEntry.earned == True).scalar()  # noqa: E712
    return Balance(int(earned), int(available))


def reversible(entry: LedgerEntry) -> None:
    """Raise unless ``entry`` may still be reversed."""
    if entry.kind == EntryKind.REVERSAL:
        raise UserError(translate("services.ledger", "冲正记录本身不能再冲正。"))
    if entry.status != EntryStatus.EFFECTIVE:
        raise UserError(translate("services.ledger", "只有已生效的记录才能冲正；未生效的记录请在审核时驳回。"))
    if LedgerEntry.select().where(LedgerEntry.reverses == entry.id).exists():
        raise UserError(translate("services.ledger", "记录 #{0} 已经冲正过了。").format(entry.id))


def reversal_draft(entry: LedgerEntry, reason: str) -> EntryDraft:
    """A reversal cancels the entry's points in the same period and the same balance."""
    reason = (reason or "").strip()
    if not reason:
        raise UserError(translate("services.ledger", "冲正必须填写原因。"))
    reversible(entry)
    return EntryDraft(
        household_id=entry.household_id, village_id=entry.village_id, kind=EntryKind.REVERSAL,
        points=-entry.points, occurred_on=entry.occurred_on, note=reason, rule_id=entry.rule_id,
        category_id=entry.category_id, reverses_id=entry.id, earned=entry.earned,
        status=EntryStatus.EFFECTIVE,
    )
