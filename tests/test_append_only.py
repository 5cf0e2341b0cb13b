"""The database itself refuses to rewrite the ledger or the audit log."""
from __future__ import annotations

import datetime as dt

import peewee
import pytest

from pointsapp.models import AuditLog, EntryStatus, LedgerEntry, database
from pointsapp.services.ops import check
from pointsapp.services.scoring.ledger import EntryDraft, append
from tests.scoring_helpers import household, make_village, rule


def _entry(admin, status=EntryStatus.EFFECTIVE) -> LedgerEntry:
    village = make_village(admin)
    h, r = household(village, 1), rule(village, "PA01")
    [entry_id] = append([EntryDraft(household_id=h.id, village_id=village.id, kind="award", points=r.points,
                                    occurred_on=dt.date(2026, 5, 1), rule_id=r.id, category_id=r.category_id,
                                    status=status)], created_by=admin.user_id)
    return LedgerEntry.get_by_id(entry_id)


def _refused(sql: str, *params) -> None:
    with pytest.raises(peewee.DatabaseError):
        with database.obj.atomic():
            database.obj.execute_sql(sql.replace("?", database.obj.param), params)


def test_ledger_rows_cannot_be_edited_or_deleted_even_with_sql(admin):
    entry = _entry(admin)
    _refused("UPDATE ledger_entry SET points = 999 WHERE id = ?", entry.id)
    _refused("UPDATE ledger_entry SET note = 'changed' WHERE id = ?", entry.id)
    _refused("DELETE FROM ledger_entry WHERE id = ?", entry.id)
    _refused("UPDATE ledger_entry SET status = 'rejected' WHERE id = ?", entry.id)  # effective stays effective
    assert LedgerEntry.get_by_id(entry.id).points == entry.points
    assert check.run_checks() == []


def test_workflow_columns_still_move_forward_before_the_entry_is_final(admin):
    entry = _entry(admin, status=EntryStatus.ENTERED)
    LedgerEntry.update(status=EntryStatus.REVIEWED).where(LedgerEntry.id == entry.id).execute()
    assert LedgerEntry.get_by_id(entry.id).status == EntryStatus.REVIEWED


def test_audit_rows_cannot_be_edited_or_deleted(admin):
    row = AuditLog.select().order_by(AuditLog.id.desc()).first()
    _refused("UPDATE audit_log SET username = 'someone' WHERE id = ?", row.id)
    _refused("DELETE FROM audit_log WHERE id = ?", row.id)
    assert AuditLog.get_by_id(row.id).username == row.username
