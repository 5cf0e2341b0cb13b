"""Signed writes: one signature for each write transaction's ledger rows, review steps, redemptions, stock moves
and user changes, each chained to the previous signed write.

What a write covers is said in its ``payload`` in a form ``check`` can recompute from the rows themselves (see
``verify``): the row hashes of the ledger rows it appended (a batch of 1,000 marks is one signature), the ids of
the entries a review step moved and the state it moved them to, a redemption's total and lines, a stock move's
quantity, a user's role. The text signed also names the previous write's digest, so a write removed from the
middle breaks the next one's link.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

from pointsapp.db.connection import is_sqlite
from pointsapp.db.sql import in_style
from pointsapp.models import SigningHead, User, database, now
from pointsapp.db.connection import BEFORE_COMMIT
from pointsapp.services.signing import txstate
from pointsapp.services.signing.keys import Signer, signer_for

GENESIS = "0" * 64

# the signing chain's hand-written statements (built once per parameter style by db.sql.in_style): every ledger
# append and every write at the till signs, and peewee's building of these cost more than running them
_HEAD_SQL = 'SELECT "last_write_id", "last_digest" FROM "signing_head" WHERE "id" = 1{lock}'
_SAVE_HEAD_SQL = 'UPDATE "signing_head" SET "last_write_id" = ?, "last_digest" = ? WHERE "id" = 1'
_WRITE_SQL = ('INSERT INTO "signed_write" ("kind", "key_id", "signed_at", "payload", "prev", "digest", "signature")'
              ' VALUES (?, ?, ?, ?, ?, ?, ?){returning}')

APPEND, STATUS, SHOP, USER, AUDIT, UPGRADE = "ledger.append", "ledger.status", "shop", "user", "audit", "upgrade"
TRANSACTION = "transaction"  # what a write transaction signed as it committed: its sections (review steps, shop,
                             # users, its audit rows), one signature


def signed_text(kind: str, public_key: str, signed_at: str, prev: str, payload: str) -> str:
    return f"pointsapp-signed-write/1\n{kind}\n{public_key}\n{signed_at}\n{prev}\n{payload}"


def digest_of(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def stamp(value) -> str:
    return value.isoformat(" ", "seconds") if hasattr(value, "isoformat") else str(value)[:19]


def ranges(ids: Iterable[int]) -> str:
    """``1-1000,1005``: sorted ids, runs folded."""
    out: list[str] = []
    ordered = sorted(set(ids))
    i = 0
    while i < len(ordered):
        j = i
        while j + 1 < len(ordered) and ordered[j + 1] == ordered[j] + 1:
            j += 1
        out.append(str(ordered[i]) if i == j else f"{ordered[i]}-{ordered[j]}")
        i = j + 1
    return ",".join(out)


def unfold(text: str) -> list[int]:
    ids: list[int] = []
    for part in filter(None, text.split(",")):
        low, _, high = part.partition("-")
        ids.extend(range(int(low), int(high or low) + 1))
    return ids


def fields(payload: str) -> dict[str, str]:
    return dict(line.split("=", 1) for line in payload.splitlines() if "=" in line)


def _head(pending: dict) -> tuple[int, str]:
    """The chain's head, locked on PostgreSQL until the transaction ends (SQLite holds its write lock); asked once
    per transaction, later signatures of the same transaction go on from the one before."""
    if pending["head"] is not None:
        return pending["head"]
    db = database.obj
    sql = in_style(_HEAD_SQL, lock="" if is_sqlite() else " FOR UPDATE")
    row = db.execute_sql(sql).fetchone()
    if row is None:
        with db.atomic():  # a savepoint: a concurrent first writer makes the insert ignore, not fail
            SigningHead.insert(id=1, last_write_id=0, last_digest=GENESIS).on_conflict_ignore().execute()
        row = db.execute_sql(sql).fetchone()
    return row[0], row[1]


def save_head(write_id: int, digest: str) -> None:
    database.obj.execute_sql(in_style(_SAVE_HEAD_SQL), (write_id, digest))


def sign(kind: str, signer: Signer, payload: str, *, seal: bool = True) -> int | None:
    """Sign ``payload`` inside the caller's transaction. Ledger appends are written at once (their rows name the
    write); everything else, in a write transaction that commits through ``write_transaction``, becomes a section of
    the one signed write the transaction makes as it commits (``signing.seal``), with its audit rows: one signature
    for a redemption's ledger row, another for the rest. Returns the write's id when written now.
    ``seal``: the transaction's audit rows get sealed by the same key."""
    pending = txstate.state()
    if seal:
        pending["signer"] = signer.user_id
    if kind != APPEND and pending["deferred"] and pending["section_signer"] in (None, signer.user_id):
        pending["sections"].append(f"== {kind}\n{payload}")
        pending["section_signer"] = signer.user_id
        return None
    return write(kind, signer, payload, pending)


def sections(kind: str, payload: str) -> list[tuple[str, str]]:
    """The (kind, payload) parts a signed write covers: one, or a transaction's several."""
    if kind != TRANSACTION:
        return [(kind, payload)]
    out: list[tuple[str, str]] = []
    for block in payload.split("== ")[1:]:
        head, _, body = block.partition("\n")
        out.append((head, body.rstrip("\n")))
    return out


def write(kind: str, signer: Signer, payload: str, pending: dict) -> int:
    """One signed write now, chained to the head."""
    db = database.obj
    _last, prev = _head(pending)
    at = stamp(now())
    text = signed_text(kind, signer.public_key, at, prev, payload)
    digest = digest_of(text)
    signature = signer.sign(text)
    values = (kind, signer.key_id, at, payload, prev, digest, signature)
    if is_sqlite():
        write_id = db.execute_sql(in_style(_WRITE_SQL, returning=""), values).lastrowid
    else:
        write_id = db.execute_sql(in_style(_WRITE_SQL, returning=' RETURNING "id"'), values).fetchone()[0]
    pending["head"] = (write_id, digest)
    if pending["deferred"]:
        pending["dirty"] = True  # written once as the transaction commits
    else:
        save_head(write_id, digest)
    return write_id


def signer(user_id: int) -> Signer:
    """The user's unlocked key, looked up once per transaction."""
    signers = txstate.state()["signers"]
    found = signers.get(user_id)
    if found is None:
        found = signers[user_id] = signer_for(user_id)
    return found


# ---- what each kind covers ------------------------------------------------------------------------------

def hashes_digest(hashes: Iterable[str]) -> str:
    return hashlib.sha256("\n".join(hashes).encode("ascii")).hexdigest()


def append_payload(hashes: Sequence[str], states: Sequence[str]) -> str:
    """The rows appended, in id order: their hashes and the state each was written in (``status/reviewer``)."""
    runs: list[list] = []
    for state in states:
        if runs and runs[-1][0] == state:
            runs[-1][1] += 1
        else:
            runs.append([state, 1])
    return (f"rows={len(hashes)}\nstates={','.join(f'{s}*{n}' for s, n in runs)}\n"
            f"hashes={hashes_digest(hashes)}")


def sign_append(created_by: int, hashes: Sequence[str], states: Sequence[str]) -> int:
    return sign(APPEND, signer(created_by), append_payload(hashes, states))


def status_payload(*, status: str, reviewed_by: int | None, notice: int | None, ids: Sequence[int],
                   hashes: Sequence[str]) -> str:
    """A review step: the entries (ids, and their hashes in id order) and the state they moved to; ``-`` for
    a field the step leaves as it was."""
    return (f"status={status}\nreviewed_by={'-' if reviewed_by is None else reviewed_by}\n"
            f"notice={'-' if notice is None else notice}\nids={ranges(ids)}\nhashes={hashes_digest(hashes)}")


def sign_status(entry_ids: Sequence[int], *, by: int, status: str, reviewer: bool = False,
                notice: int | None = None) -> int | None:
    """Sign a review step over the entries it moved (``reviewer``: the signer is the entries' reviewer)."""
    from pointsapp.models import LedgerEntry

    ids = sorted(set(entry_ids))
    if not ids:
        return None
    hashes: dict[int, str] = {}
    for start in range(0, len(ids), 500):
        hashes.update(LedgerEntry.select(LedgerEntry.id, LedgerEntry.hash).where(
            LedgerEntry.id.in_(ids[start:start + 500])).tuples())
    return sign(STATUS, signer(by), status_payload(
        status=status, reviewed_by=by if reviewer else None, notice=notice, ids=ids,
        hashes=[hashes[i] for i in ids]))


def redemption_line(row: tuple, lines: Sequence[tuple], moves: Sequence[tuple]) -> str:
    """A redemption as it stands: id, household, points taken, status, its ledger rows, the cash taken for the
    difference (fen, and the points it stood for), and digests of its lines and of its stock moves
    (``(product, kind, quantity, created_by)``, sorted)."""
    rid, household, total, status, entry, void_entry, cash_fen, cash_points = row
    text = "\n".join(":".join(str(v) for v in line) for line in lines)
    moved = "\n".join(":".join(str(v) for v in move) for move in sorted(moves))
    return (f"r:{rid}:{household}:{total}:{status}:{entry}:{void_entry or ''}:{cash_fen or 0}:{cash_points or 0}:"
            f"{digest_of(text)[:32]}:{digest_of(moved)[:32]}")


def redemption_lines(redemption_ids: Sequence[int]) -> dict[int, str]:
    """Each redemption's line, recomputed from its rows (for signing and for ``check``)."""
    from pointsapp.models import Redemption, RedemptionLine, StockMove

    out: dict[int, str] = {}
    ids = list(redemption_ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        lines: dict[int, list[tuple]] = {}
        for rid, product, quantity, price, points in (RedemptionLine.select(
                RedemptionLine.redemption, RedemptionLine.product, RedemptionLine.quantity,
                RedemptionLine.unit_price, RedemptionLine.points).where(RedemptionLine.redemption.in_(chunk))
                .order_by(RedemptionLine.id).tuples()):
            lines.setdefault(rid, []).append((product, quantity, price, points))
        moves: dict[int, list[tuple]] = {}
        for rid, product, kind, quantity, created_by in StockMove.select(
                StockMove.redemption, StockMove.product, StockMove.kind, StockMove.quantity,
                StockMove.created_by).where(StockMove.redemption.in_(chunk)).tuples():
            moves.setdefault(rid, []).append((product, kind, quantity, created_by))
        for row in Redemption.select(Redemption.id, Redemption.household, Redemption.total_points, Redemption.status,
                                     Redemption.ledger_entry, Redemption.void_entry, Redemption.cash_fen,
                                     Redemption.cash_points).where(
                Redemption.id.in_(chunk)).tuples():
            out[row[0]] = redemption_line(row, lines.get(row[0], []), moves.get(row[0], []))
    return out


def stock_line(move: tuple) -> str:
    mid, product, kind, quantity, redemption, created_by = move
    return f"{mid}:{product}:{kind}:{quantity}:{redemption or ''}:{created_by}"


def stock_rows(move_ids: Sequence[int]) -> list[tuple]:
    from pointsapp.models import StockMove

    ids = sorted(set(move_ids))
    rows: list[tuple] = []
    for start in range(0, len(ids), 500):
        rows.extend(StockMove.select(StockMove.id, StockMove.product, StockMove.kind, StockMove.quantity,
                                     StockMove.redemption, StockMove.created_by).where(
            StockMove.id.in_(ids[start:start + 500])).tuples())
    return sorted(rows)


def sign_new_redemption(*, by: int, row: tuple, lines: Sequence[tuple], moves: Sequence[tuple]) -> int:
    """A redemption just written: its row, lines and stock moves as the till wrote them (nothing read back)."""
    return sign(SHOP, signer(by), shop_payload([redemption_line(row, lines, moves)], []))


def moves_digest(rows: Sequence[tuple]) -> str:
    return digest_of("\n".join(stock_line(m) for m in rows))


def shop_payload(redemptions: Sequence[str], moves: Sequence[tuple]) -> str:
    """Redemptions as they stand (one ``r:`` line each, their stock moves included) and the other stock moves
    (ids and a digest of their content)."""
    return "\n".join([*redemptions, f"moves={ranges(m[0] for m in moves)}", f"moves_digest={moves_digest(moves)}"])


def sign_shop(*, by: int, redemption_ids: Sequence[int] = (), move_ids: Sequence[int] = ()) -> int | None:
    """One signature over a shop write: the redemptions it made or voided and the stock moves it added."""
    if not redemption_ids and not move_ids:
        return None
    lines = redemption_lines(redemption_ids)
    return sign(SHOP, signer(by), shop_payload([lines[i] for i in sorted(lines)], stock_rows(move_ids)))


def user_payload(user_id: int, username: str, role: str, active: bool) -> str:
    return f"user={user_id}\nusername={username}\nrole={role}\nactive={1 if active else 0}"


def sign_user(user_id: int, *, by: int) -> int:
    """A user's role and state as an administrator set them (a new user, a role change, disabling)."""
    user = User.get_by_id(user_id)
    return sign(USER, signer(by), user_payload(user.id, user.username, user.role, user.active))


def _before_commit() -> None:
    """Just before the outermost write transaction commits: its sections and audit rows signed as one write, and
    the chain's head written once."""
    pending = txstate.current()
    if pending is None:
        return
    parts = list(pending["sections"])
    if pending["audit"] and pending["signer"] is not None:
        lines = sorted(pending["audit"])
        parts.append(f"== {AUDIT}\naudit={ranges(i for i, _ in lines)}\n"
                     f"audit_digest={digest_of(chr(10).join(line for _, line in lines))}")
    if parts:
        key = signer(pending["section_signer"] or pending["signer"])
        write(TRANSACTION, key, "\n".join(parts), pending)
    if pending["dirty"]:
        save_head(*pending["head"])
    txstate.forget()


BEFORE_COMMIT.append(_before_commit)
