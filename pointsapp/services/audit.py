"""操作日志: every change writes one append-only row (who, when, what, old and new values)."""
from __future__ import annotations

import datetime as dt
import decimal
import json
from typing import Any

from pointsapp.models import AuditLog, now
from pointsapp.services.auth import Actor


def _default(value: Any) -> Any:
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return int(value)
    return str(value)


def to_json(value: Any) -> str:
    if value is None or value == "":
        return ""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=_default)


def record(actor: Actor | None, action: str, entity: str = "", entity_id: Any = "",
           old: Any = None, new: Any = None) -> None:
    """Write one audit row. Call inside the same transaction as the change it describes."""
    AuditLog.create(
        at=now(),
        user_id=actor.user_id if actor else None,
        username=actor.username if actor else "system",
        action=action,
        entity=entity,
        entity_id=str(entity_id),
        old_value=to_json(old),
        new_value=to_json(new),
    )


def record_many(actor: Actor | None, action: str, entity: str, rows: list[tuple[Any, Any, Any]]) -> None:
    """Bulk variant for batch work: ``rows`` are ``(entity_id, old, new)``."""
    at = now()
    payload = [
        {
            "at": at, "user_id": actor.user_id if actor else None,
            "username": actor.username if actor else "system", "action": action, "entity": entity,
            "entity_id": str(entity_id), "old_value": to_json(old), "new_value": to_json(new),
        }
        for entity_id, old, new in rows
    ]
    for start in range(0, len(payload), 500):
        AuditLog.insert_many(payload[start:start + 500]).execute()
