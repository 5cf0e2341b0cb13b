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

from pointsapp.db.bulk import insert_values
from pointsapp.db.connection import is_sqlite, write_transaction
from pointsapp.models import EntryKind, EntryStatus, HouseholdBalance, LedgerEntry, database, now
from pointsapp.errors import UserError
from pointsapp.services import limits
from pointsapp.services.register import textnorm
from pointsapp.services.scoring import sql
from pointsapp.services.signing import writes as signing
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
    member_id: int | None = None  # the member the entry is about (the household stays the scored unit)

    def __post_init__(self):
        if not isinstance(self.points, int) or isinstance(self.points, bool):
            raise UserError(translate("services.ledger", "积分必须是整数。"))
        if self.earned is None:
            self.earned = self.kind in (EntryKind.AWARD, EntryKind.DEDUCTION)


def _stamp(value: dt.datetime | dt.date | None) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat(" ", "seconds")  # "YYYY-MM-DD HH:MM:SS", as strftime but several times faster
    if isinstance(value, str):
        return value[:19]
    return value.isoformat()


def entry_hash(*, household_id, seq, kind, points, earned, rule_id, category_id, occurred_on, note,
               reverses_id, batch_id, created_by, created_at, prev_hash, member_id=None) -> str:
    """SHA-256 over an entry's immutable content and the previous hash of its household."""
    return _digest(household_id, seq, kind, points, earned, rule_id, category_id, _stamp(occurred_on), note,
                   reverses_id, batch_id, created_by, _stamp(created_at), prev_hash, member_id)


def _digest(household_id, seq, kind, points, earned, rule_id, category_id, occurred_on: str, note,
            reverses_id, batch_id, created_by, created_at: str, prev_hash, member_id=None) -> str:
    """``entry_hash`` with both dates already stamped (append stamps a batch's shared time once). The member
    is hashed only when named (migration 0013): rows without one hash as they always did."""
    text = (f"{household_id!s}|{seq!s}|{kind!s}|{points!s}|{1 if earned else 0}|{rule_id or ''!s}|"
            f"{category_id or ''!s}|{occurred_on}|{reverses_id or ''!s}|{batch_id or ''!s}|{created_by!s}|"
            f"{created_at}|{note!s}|{prev_hash!s}") + (f"|member:{member_id!s}" if member_id else "")
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def hash_of_row(entry: LedgerEntry) -> str:
    return entry_hash(
        household_id=entry.household_id, seq=entry.seq, kind=entry.kind, points=entry.points,
        earned=entry.earned, rule_id=entry.rule_id, category_id=entry.category_id,
        occurred_on=entry.occurred_on, note=entry.note, reverses_id=entry.reverses_id,
        batch_id=entry.batch_id, created_by=entry.created_by_id, created_at=entry.created_at,
        prev_hash=entry.prev_hash, member_id=entry.member_id,
    )


class _Head:
    """A household's cached balance and chain head while entries are appended (a plain row, not a model:
    building peewee models cost more than the rest of a 1,000-entry batch's bookkeeping)."""

    __slots__ = ("household_id", "earned_total", "available", "last_seq", "last_hash")

    def __init__(self, household_id: int, earned_total: int, available: int, last_seq: int, last_hash: str):
        self.household_id, self.earned_total, self.available = household_id, earned_total, available
        self.last_seq, self.last_hash = last_seq, last_hash


def _lock_balances(household_ids: Iterable[int]) -> dict[int, _Head]:
    """Fetch the balance rows (creating missing ones), locked for update on PostgreSQL."""
    ids = sorted(set(household_ids))
    rows: dict[int, _Head] = {}

    def fetch(chunk: list[int]) -> None:
        for row in sql.balance_heads(chunk):
            rows[row[0]] = _Head(*row)

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


# the ledger columns append writes, in the order of its value tuples
_COLUMNS = ("household", "village", "seq", "kind", "points", "earned", "rule", "category", "occurred_on", "note",
            "reverses", "batch", "created_by", "created_at", "prev_hash", "hash", "status", "reviewed_by",
            "reviewed_at", "effective_at", "member", "signed_write")


def _as_date(value):
    """What peewee's DateField would hand the driver (a date as it is; a text or datetime made a date)."""
    return value if type(value) is dt.date else LedgerEntry.occurred_on.db_value(value)


def _as_time(value):
    return value if value is None or type(value) is dt.datetime else LedgerEntry.created_at.db_value(value)


def append(drafts: Sequence[EntryDraft], *, created_by: int, return_ids: bool = True) -> list[int]:
    """Write entries in one transaction, chaining hashes and moving cached balances.

    Callers check permissions and domain rules first; this is the only place that
    inserts ledger rows. Returns the new entry ids in the order given (or nothing
    when ``return_ids`` is false, for bulk loads).
    """
    if not drafts:
        return []
    for d in drafts:  # awards and deductions by a domain rule; any other entry at least fits the column
        if d.kind in (EntryKind.AWARD, EntryKind.DEDUCTION):
            limits.bounded(d.points, translate("services.ledger", "每条记录的积分"), -limits.POINTS_PER_ENTRY,
                           limits.POINTS_PER_ENTRY)
        else:
            limits.bounded(d.points, translate("services.ledger", "积分"), -limits.LEDGER_POINTS, limits.LEDGER_POINTS)
    with write_transaction():
        balances = _lock_balances(d.household_id for d in drafts)
        stamp = now()
        stamped = {None: (stamp, _stamp(stamp))}  # created_at → (value, hashed text); a batch shares one
        rows = []
        states = []  # what the signature says each row was written as
        for d in drafts:
            bal = balances[d.household_id]
            seq = bal.last_seq + 1
            prev = bal.last_hash or GENESIS
            if d.created_at not in stamped:
                stamped[d.created_at] = (d.created_at, _stamp(d.created_at))
            created_at, created_text = stamped[d.created_at]
            digest = _digest(d.household_id, seq, d.kind, d.points, d.earned, d.rule_id, d.category_id,
                             _stamp(d.occurred_on), d.note, d.reverses_id, d.batch_id, created_by, created_text,
                             prev, d.member_id)
            effective = d.status == EntryStatus.EFFECTIVE
            rows.append((
                d.household_id, d.village_id, seq, d.kind, d.points, bool(d.earned), d.rule_id, d.category_id,
                _as_date(d.occurred_on), d.note, d.reverses_id, d.batch_id, created_by, _as_time(created_at),
                prev, digest, d.status, d.reviewed_by, _as_time(d.reviewed_at),
                _as_time(created_at) if effective else None, d.member_id,
            ))
            states.append(f"{d.status}/{d.reviewed_by or ''}")
            bal.last_seq, bal.last_hash = seq, digest
            if effective:
                bal.available += d.points
                if d.earned:
                    bal.earned_total += d.points
        # one signature over every row this call appends, by the key of the user it is written for
        signed = signing.sign_append(created_by, [row[15] for row in rows], states)
        rows = [row + (signed,) for row in rows]
        if return_ids:
            ids = _insert_returning_ids(rows)
        else:
            insert_values(LedgerEntry, _COLUMNS, rows)
            ids = []
        _save_balances(balances.values())
    return ids


def _insert_returning_ids(rows: list[tuple]) -> list[int]:
    """PostgreSQL hands the new ids back (RETURNING); on SQLite they are found by (household, seq)."""
    if is_sqlite():
        insert_values(LedgerEntry, _COLUMNS, rows)
        return _ids_of(rows)
    return sql.insert_ledger_returning_ids(_COLUMNS, rows)


def _ids_of(rows: list[tuple]) -> list[int]:
    """Ids of just-inserted rows, found through the unique (household, seq) index."""
    wanted = {(r[0], r[2]) for r in rows}  # (household, seq), see _COLUMNS
    households = sorted({h for h, _ in wanted})
    lowest = min(seq for _, seq in wanted)
    found: dict[tuple[int, int], int] = {}
    for start in range(0, len(households), 500):
        found.update(((h, seq), entry_id) for entry_id, h, seq in sql.ledger_ids(households[start:start + 500], lowest)
                     if (h, seq) in wanted)
    return [found[(r[0], r[2])] for r in rows]


def _save_balances(rows: Iterable[_Head]) -> None:
    sql.save_balance_heads([(b.earned_total, b.available, b.last_seq, b.last_hash, b.household_id) for b in rows])


def make_effective(entry_ids: Sequence[int], *, by: int | None = None) -> int:
    """Move entries (reviewed or on notice) to effective and add them to the balances; ``by``: the user who
    makes them effective, whose key signs the step (without it, the key that signed earlier in the transaction;
    with neither, ``check`` names the entries as moved without a signature)."""
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
        if by is None:  # a caller that does not say: whoever signed in this transaction already
            from pointsapp.services.signing import txstate

            by = (txstate.current() or {}).get("signer")
        if by is not None:
            signing.sign_status(ids, by=by, status=EntryStatus.EFFECTIVE)
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
    reason = textnorm.free_text(reason, translate("services.ledger", "原因"))
    if not reason:
        raise UserError(translate("services.ledger", "冲正必须填写原因。"))
    reversible(entry)
    return EntryDraft(
        household_id=entry.household_id, village_id=entry.village_id, kind=EntryKind.REVERSAL,
        points=-entry.points, occurred_on=entry.occurred_on, note=reason, rule_id=entry.rule_id,
        category_id=entry.category_id, reverses_id=entry.id, earned=entry.earned,
        status=EntryStatus.EFFECTIVE, member_id=entry.member_id,
    )
