"""The audit rows a write transaction wrote, sealed by one more signature of the same key as it commits.

``audit.record`` notes each row it writes inside a transaction; ``writes.sign`` notes whose key signed in it;
just before the outermost write transaction commits (``db.connection.BEFORE_COMMIT``) the rows are signed as one
``audit`` write: their ids and a digest of their content. Editing or deleting a sealed row, even after dropping the
append-only triggers, is then named by ``check``. Audit rows of a transaction that signed nothing (a sign-in, a
setting) are not sealed.
"""
from __future__ import annotations

import threading

from pointsapp.db.connection import BEFORE_COMMIT
from pointsapp.models import AuditLog, database

_local = threading.local()


def _transaction():
    transactions = database.obj._state.transactions
    return transactions[0] if transactions else None


def _pending() -> dict:
    pending = getattr(_local, "pending", None)
    current = _transaction()
    if pending is None or pending["tx"] is not current:
        pending = _local.pending = {"tx": current, "audit": [], "signer": None}
    return pending


def written(audit_id: int) -> None:
    _pending()["audit"].append(audit_id)


def signed_by(user_id: int) -> None:
    _pending()["signer"] = user_id


def audit_line(row: tuple) -> str:
    audit_id, at, user_id, username, action, entity, entity_id, old, new = row
    stamp = at.isoformat(" ", "seconds") if hasattr(at, "isoformat") else str(at)[:19]
    return f"{audit_id}|{stamp}|{user_id or ''}|{username}|{action}|{entity}|{entity_id}|{old}|{new}"


def audit_rows(ids) -> list[tuple]:
    ids = sorted(set(ids))
    rows: list[tuple] = []
    for start in range(0, len(ids), 500):
        rows.extend(AuditLog.select(AuditLog.id, AuditLog.at, AuditLog.user_id, AuditLog.username, AuditLog.action,
                                    AuditLog.entity, AuditLog.entity_id, AuditLog.old_value, AuditLog.new_value)
                    .where(AuditLog.id.in_(ids[start:start + 500])).tuples())
    return sorted(rows)


def _before_commit() -> None:
    pending = getattr(_local, "pending", None)
    if pending is None or pending["tx"] is not _transaction():
        return
    _local.pending = None
    if not pending["audit"] or pending["signer"] is None:
        return
    from pointsapp.services.signing import writes
    from pointsapp.services.signing.keys import signer_for

    rows = audit_rows(pending["audit"])
    payload = (f"audit={writes.ranges(r[0] for r in rows)}\n"
               f"audit_digest={writes.digest_of(chr(10).join(audit_line(r) for r in rows))}")
    writes.sign(writes.AUDIT, signer_for(pending["signer"]), payload, seal=False)


BEFORE_COMMIT.append(_before_commit)
