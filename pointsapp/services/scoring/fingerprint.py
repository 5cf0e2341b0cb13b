"""账本指纹: a Merkle tree over every ledger row in append order, its head printed on every public paper.

The tree is built the way Certificate Transparency's log is (RFC 6962, section 2.1): a leaf is
SHA-256(0x00 ‖ data), a node SHA-256(0x01 ‖ left ‖ right), and the tree of n leaves splits at the largest
power of two below n. Its leaves are the ledger rows ordered by id, each leaf's data the row's own chain hash
(``LedgerEntry.hash``, as text): ``check`` proves each chain hash matches its row, so the tree is
reproducible from the ledger rows alone. The head, shortened to 12 base32 characters (``XXXX-XXXX-XXXX``)
with the row count, is printed on notices, statements and certificates and kept in ``published_fingerprint``
with the roots of the perfect subtrees at that size (the *frontier*), so a later check can name the range of
rows that no longer matches.

Appending rows keeps every earlier head reproducible as a prefix of today's ledger; editing, deleting or
inserting a row in the past changes it, even when the chain hashes are recomputed to fit (``check`` alone
would then pass: the paper on the notice board does not).
"""
from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from peewee import fn

from pointsapp.db.connection import is_sqlite, read_snapshot, write_transaction
from pointsapp.errors import UserError
from pointsapp.models import LedgerEntry, PublishedFingerprint, now
from pointsapp.services import audit
from pointsapp.services.auth import Actor, Permission, require
from pointsapp.services.scoring import sql
from pointsapp.text import translate

CHUNK = 50_000  # (id, hash) rows read at a time: 3 million rows in 60 queries, a few MB of memory
CODE_CHARS = 12  # 60 bits of the head: forging another ledger with the same code means ~2^60 hashes
_sha256 = hashlib.sha256


def leaf_hash(data: bytes) -> bytes:
    return _sha256(b"\x00" + data).digest()


def node_hash(left: bytes, right: bytes) -> bytes:
    return _sha256(b"\x01" + left + right).digest()


EMPTY_ROOT = _sha256(b"").digest()  # RFC 6962: the head of the empty tree


def subtree_sizes(size: int) -> list[int]:
    """Sizes of the perfect subtrees a tree of ``size`` leaves is made of, left to right (its binary digits)."""
    return [1 << bit for bit in range(size.bit_length() - 1, -1, -1) if size >> bit & 1]


def fold(roots: list[bytes]) -> bytes:
    """The head of a tree from its frontier (the roots of its perfect subtrees, left to right)."""
    if not roots:
        return EMPTY_ROOT
    head = roots[-1]
    for left in reversed(roots[:-1]):
        head = node_hash(left, head)
    return head


class Frontier:
    """The tree built leaf by leaf, keeping only the roots of its perfect subtrees: O(log n) memory."""

    __slots__ = ("size", "_roots", "_sizes")

    def __init__(self) -> None:
        self.size = 0
        self._roots: list[bytes] = []
        self._sizes: list[int] = []

    def append(self, data: bytes) -> None:
        digest = _sha256(b"\x00" + data).digest()
        self.size += 1
        roots, sizes = self._roots, self._sizes
        width = 1
        while sizes and sizes[-1] == width:  # two subtrees of one size make one of twice that size
            digest = _sha256(b"\x01" + roots.pop() + digest).digest()
            sizes.pop()
            width <<= 1
        roots.append(digest)
        sizes.append(width)

    @property
    def roots(self) -> list[bytes]:
        return list(self._roots)

    def head(self) -> bytes:
        return fold(self._roots)


def short_code(root: bytes) -> str:
    """``XXXX-XXXX-XXXX``: the first 60 bits of the head in base32 (A–Z, 2–7)."""
    text = base64.b32encode(root).decode("ascii")[:CODE_CHARS]
    return "-".join(text[i:i + 4] for i in range(0, CODE_CHARS, 4))


def normalize_code(text: str) -> str:
    """A code as typed from paper: any case, with or without dashes or spaces; 0, 1 and 8 (not in base32)
    read as O, I and B. Raises :class:`UserError` when it cannot be a code."""
    plain = "".join(ch for ch in text.upper() if ch not in "-–— \t")
    plain = plain.translate(str.maketrans({"0": "O", "1": "I", "8": "B"}))
    if len(plain) != CODE_CHARS or any(ch not in "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567" for ch in plain):
        raise UserError(translate("services.fingerprint", "账本指纹“{0}”的格式不对：应为 12 个字母或数字，"
                                  "如 ABCD-EFGH-JK23。").format(text))
    return "-".join(plain[i:i + 4] for i in range(0, CODE_CHARS, 4))


@dataclass(frozen=True)
class Fingerprint:
    """A head of the ledger's tree: what is printed (``code``, ``size``) and what proves it (``root``,
    ``frontier``); ``id``, ``document``, ``published_at`` and ``published_by`` once it is published."""

    code: str
    root: str       # hex
    size: int       # ledger rows covered
    frontier: tuple[str, ...] = ()  # hex roots of the perfect subtrees, left to right
    id: int | None = None
    document: str = ""
    published_at: dt.datetime | None = None
    published_by: str = ""


def _of(frontier: Frontier) -> Fingerprint:
    head = frontier.head()
    return Fingerprint(code=short_code(head), root=head.hex(), size=frontier.size,
                       frontier=tuple(r.hex() for r in frontier.roots))


def ledger_rows(chunk: int = CHUNK, upto: int | None = None) -> Iterator[tuple[int, str]]:
    """``(id, chain hash)`` of every ledger row in append order (up to id ``upto``), read ``chunk`` rows at a
    time by id."""
    return sql.ledger_hashes(chunk, upto)


def _leaf_data(digest: str | None) -> bytes:
    return (digest or "").encode("utf-8")


def compute(rows: Iterable[tuple[int, str]] | None = None) -> Fingerprint:
    """The fingerprint of ``rows`` (default: the whole ledger now)."""
    tree = Frontier()
    append = tree.append
    for _id, digest in (ledger_rows() if rows is None else rows):
        append(_leaf_data(digest))
    return _of(tree)


def current() -> Fingerprint:
    """The fingerprint of the ledger as it is now (computed, not recorded): what printing shows when the
    caller has not published one."""
    with read_snapshot():  # one snapshot of the ledger across the chunked reads
        return compute()


def publish(*, actor: Actor, document: str) -> Fingerprint:
    """Compute the ledger's fingerprint for a public paper (``document``: what is printed, e.g. "积分公示榜
    2026 ……") and record it in the table of published fingerprints, audited. Call before the paper is made
    and print the result."""
    require(actor, Permission.PRINT)
    upto = _settled_last_id()
    with read_snapshot():  # reading only: the stations go on appending meanwhile
        fp = compute(ledger_rows(upto=upto))
    with write_transaction():
        at = now()
        row = PublishedFingerprint.create(code=fp.code, root=fp.root, size=fp.size,
                                          frontier=json.dumps(list(fp.frontier)), document=document[:200],
                                          published_at=at, published_by=actor.user_id)
        audit.record(actor, "fingerprint.publish", "published_fingerprint", row.id, None,
                     {"code": fp.code, "size": fp.size, "document": document})
    return Fingerprint(code=fp.code, root=fp.root, size=fp.size, frontier=fp.frontier, id=row.id,
                       document=document, published_at=at, published_by=actor.username)


def _settled_last_id() -> int:
    """The last ledger id below which no row can still appear: what a published head covers.

    On SQLite one writer at a time commits rows in id order, so the highest id seen is settled. PostgreSQL numbers
    rows when they are inserted but shows them when they commit, so a station's row 100 may commit after another's
    101: a brief SHARE lock waits for the transactions appending now (an insert holds its lock from before its
    id is drawn) and is released at once; every id drawn later is higher. The lock is taken by migration 10's
    function, with the owner's rights: the stations' daily account may not lock the whole ledger itself."""
    if is_sqlite():
        return int(LedgerEntry.select(fn.MAX(LedgerEntry.id)).scalar() or 0)
    return sql.settled_last_ledger_id()


def published(code: str) -> list[Fingerprint]:
    """The published fingerprints with this code, oldest first."""
    from pointsapp.models import User

    rows = list(PublishedFingerprint.select().where(PublishedFingerprint.code == code)
                .order_by(PublishedFingerprint.id))
    ids = {r.published_by_id for r in rows if r.published_by_id}
    names = dict(User.select(User.id, User.username).where(User.id.in_(ids)).tuples()) if ids else {}
    found = []
    for row in rows:
        try:
            frontier = tuple(json.loads(row.frontier or "[]"))
        except ValueError:
            frontier = ()
        found.append(Fingerprint(code=row.code, root=row.root, size=int(row.size), frontier=frontier, id=row.id,
                                 document=row.document, published_at=row.published_at,
                                 published_by=names.get(row.published_by_id, "")))
    return found


# ---- proving a printed code against today's ledger --------------------------------------------------------

@dataclass
class Consistency:
    """What ``check --fingerprint`` found: ``ok`` when the ledger at the code's time is a prefix of today's."""

    ok: bool
    lines: list[str] = field(default_factory=list)
    size: int | None = None   # rows when the code was printed (when known)
    today: int = 0            # rows now


def _code_bits(code: str) -> tuple[bytes, int]:
    """The first 7 bytes and the high nibble of the 8th byte of any head with this code (60 bits)."""
    raw = base64.b32decode(code.replace("-", "") + "AAAA")
    return raw[:7], raw[7] & 0xF0


def _prefix_with_code(code: str) -> tuple[int | None, int]:
    """Recompute the head of every prefix of today's ledger, leaf by leaf: the first size whose head has
    ``code`` (None when none has), and the ledger's size now."""
    want, nibble = _code_bits(code)
    tree = Frontier()
    if short_code(EMPTY_ROOT) == code:
        return 0, _count()
    match = None
    for _id, digest in ledger_rows():
        tree.append(_leaf_data(digest))
        if match is None:
            head = tree.head()
            if head[:7] == want and head[7] & 0xF0 == nibble:
                match = tree.size
    return match, tree.size


def _count() -> int:
    return LedgerEntry.select().count()


def _frontier_at(size: int) -> tuple[list[bytes], list[tuple[int, int]], int]:
    """Today's frontier over the first ``size`` rows, the ids (first, last) each of its subtrees covers, and
    how many rows the ledger has now."""
    tree = Frontier()
    spans: list[tuple[int, int]] = []
    widths = subtree_sizes(size)
    start, boundary, first_id = 0, 0, None
    total = 0
    for row_id, digest in ledger_rows():
        total += 1
        if tree.size < size:
            if tree.size == boundary:
                first_id = row_id
            tree.append(_leaf_data(digest))
            if tree.size == boundary + widths[start]:
                spans.append((first_id, row_id))
                boundary += widths[start]
                start += 1
    return tree.roots, spans, total


def verify(*, actor: Actor, code: str) -> Consistency:
    """Whether the ledger when ``code`` was printed is an unchanged prefix of today's (only appended to since),
    and when not, where it differs. Any signed-in user may ask: the codes are public, and so is the answer."""
    code = normalize_code(code)
    with read_snapshot():
        return _verify(code)


def _verify(code: str) -> Consistency:
    records = published(code)
    if not records:
        size, today = _prefix_with_code(code)
        if size is not None:
            return Consistency(True, [translate("services.fingerprint", "账本在该指纹之后只有追加（指纹时共 {0} 条，现在共 {1} 条）。").format(size, today),
                                      translate("services.fingerprint", "注意：这个指纹不在本系统的已发布指纹表中（表中的记录可能被删除），"
                                        "但今天账本的前 {0} 条记录与它相符。").format(size)], size, today)
        return Consistency(False, [translate("services.fingerprint", "账本指纹 {0} 不在已发布指纹表中，今天账本的任何前段（共 {1} 条）也都与它不符："
                                     "或者指纹抄错了，或者这份账本不是打印它时的账本，或者之前的记录被改动、删除或插入过。"
                                     ).format(code, today)], None, today)
    record = records[-1]
    n = record.size
    roots, spans, today = _frontier_at(n)
    if len(roots) == len(subtree_sizes(n)) and fold(roots).hex() == record.root and short_code(fold(roots)) == code:
        return Consistency(True, [translate("services.fingerprint", "账本在该指纹之后只有追加（指纹时共 {0} 条，现在共 {1} 条）。").format(n, today),
                                  translate("services.fingerprint", "该指纹 {0} 发布于 {1}，由 {2} 打印：{3}。").format(
                                      code, _when(record.published_at), record.published_by or "—", record.document)],
                           n, today)
    lines = [translate("services.fingerprint", "账本指纹 {0}（{1} 由 {2} 打印：{3}）与今天的账本不符。").format(
        code, _when(record.published_at), record.published_by or "—", record.document)]
    stored = [bytes.fromhex(h) for h in record.frontier] if _valid_frontier(record) else None
    if stored is None:
        lines.append(translate("services.fingerprint", "已发布指纹表中这一条的子树记录不完整，无法指出是哪些记录。"))
    else:
        position = 0
        for i, (width, old) in enumerate(zip(subtree_sizes(n), stored)):
            if i < len(spans) and roots[i] == old:
                position += width
                continue
            if i < len(spans):
                ids = translate("services.fingerprint", "今天的记录编号 #{0} 至 #{1}").format(*spans[i])
            else:
                ids = translate("services.fingerprint", "今天的账本已没有这么多条")
            lines.append(translate("services.fingerprint", "第一个不符的范围：指纹时的第 {0} 至 {1} 条记录（{2}）："
                                   "其中有记录被改动、删除或插入过。").format(position + 1, position + width, ids))
            break
        else:
            lines.append(translate("services.fingerprint", "各段子树相符，但已发布指纹表中的这一条本身不一致（指纹、根与子树不对应）。"))
    if today < n:
        lines.append(translate("services.fingerprint", "今天的账本只有 {0} 条，少于指纹时的 {1} 条：有记录被删除。").format(today, n))
    return Consistency(False, lines, n, today)


def _valid_frontier(record: Fingerprint) -> bool:
    try:
        stored = [bytes.fromhex(h) for h in record.frontier]
    except (TypeError, ValueError):
        return False
    return (len(stored) == len(subtree_sizes(record.size)) and fold(stored).hex() == record.root
            and short_code(fold(stored)) == record.code)


def _when(at) -> str:
    return at.strftime("%Y-%m-%d %H:%M") if isinstance(at, dt.datetime) else str(at or "—")[:16]
