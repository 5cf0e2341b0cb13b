"""What one write transaction has signed so far (thread-local, forgotten when another transaction starts): the
signers already looked up, the chain's head once locked (later signatures of the same transaction go on from it
without asking the database again), the sections still to sign and the audit rows ``audit.record`` wrote."""
from __future__ import annotations

import threading

from pointsapp.db.connection import commit_hooks_will_run
from pointsapp.models import database

_local = threading.local()


def _transaction():
    transactions = database.obj._state.transactions
    return transactions[0] if transactions else None


def state() -> dict:
    """This transaction's signing state (a fresh one when the transaction changed)."""
    current = _transaction()
    pending = getattr(_local, "pending", None)
    if pending is None or pending["tx"] is not current or current is None:
        pending = _local.pending = {
            "tx": current, "audit": [], "signer": None, "signers": {}, "head": None, "dirty": False, "sections": [],
            "section_signer": None, "deferred": current is not None and commit_hooks_will_run()}
    return pending


def forget() -> None:
    _local.pending = None


def current() -> dict | None:
    """This transaction's state, if it has one."""
    pending = getattr(_local, "pending", None)
    return pending if pending is not None and pending["tx"] is _transaction() else None
