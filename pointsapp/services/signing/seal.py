"""What one write transaction has signed so far, and the audit rows it wrote, sealed as it commits.

Per transaction (thread-local, forgotten when another transaction starts): the signers already looked up, the
chain's head once locked (later signatures of the same transaction go on from it without asking the database
again) and the audit rows ``audit.record`` wrote. Just before the outermost write transaction commits
(``db.connection.BEFORE_COMMIT``) its audit rows are signed as one ``audit`` write by the key that signed in the
transaction (ids and a digest of their content: editing or deleting a sealed row, even after dropping the
append-only triggers, is then named by ``check``), and the chain's head is written once. Audit rows of a
transaction that signed nothing (a sign-in, a setting) are not sealed.
"""
from __future__ import annotations

import threading

from pointsapp.db.connection import BEFORE_COMMIT, commit_hooks_will_run
from pointsapp.models import AuditLog, database

_local = threading.local()


def _transaction():
    transactions = database.obj._state.transactions
    return transactions[0] if transactions else None


def state() -> dict:
    """This transaction's signing state (a fresh one when the transaction changed)."""
    current = _transaction()
    pending = getattr(_local, "pending", None)
    if pending is None or pending["tx"] is not current or current is None:
        pending = _local.pending = {"tx": current, "audit": [], "signer": None, "signers": {}, "head": None,
                                    "dirty": False, "sections": [], "section_signer": None, "deferred": current is not None and commit_hooks_will_run()}
    return pending


def written(audit_id: int, line: str) -> None:
    state()["audit"].append((audit_id, line))


def audit_line(row: tuple) -> str:
    audit_id, at, user_id, username, action, entity, entity_id, old, new = row
    stamp = at.isoformat(" ", "seconds") if hasattr(at, "isoformat") else str(at)[:19]
    return f"{audit_id}|{stamp}|{'' if user_id is None else user_id}|{username}|{action}|{entity}|{entity_id}|{old}|{new}"


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
    from pointsapp.services.signing import writes

    parts = list(pending["sections"])
    if pending["audit"] and pending["signer"] is not None:
        lines = sorted(pending["audit"])
        parts.append(f"== {writes.AUDIT}\naudit={writes.ranges(i for i, _ in lines)}\n"
                     f"audit_digest={writes.digest_of(chr(10).join(line for _, line in lines))}")
    if parts:
        signer = writes.signer(pending["section_signer"] or pending["signer"])
        writes.write(writes.TRANSACTION, signer, "\n".join(parts), pending)
    if pending["dirty"]:
        writes.save_head(*pending["head"])
    _local.pending = None


BEFORE_COMMIT.append(_before_commit)
