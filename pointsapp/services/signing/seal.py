"""The audit rows a write transaction wrote, sealed as it commits.

``audit.record`` notes each row it writes inside a transaction (``txstate``); just before the outermost write
transaction commits (``db.connection.BEFORE_COMMIT``, ``writes._before_commit``) they are signed, with the
transaction's other sections, by the key that signed in it: their ids and a digest of their content. Editing or
deleting a sealed row, even after dropping the append-only triggers, is then named by ``check``. Audit rows of a
transaction that signed nothing (a sign-in, a setting) are not sealed.
"""
from __future__ import annotations

from pointsapp.models import AuditLog
from pointsapp.services.signing.txstate import state


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
