"""A reviewer's decision over many entries is one audit row; long id lists never fail it (PostgreSQL column width)."""
from __future__ import annotations

import datetime as dt
import json

from pointsapp.models import AuditLog, EntryStatus, LedgerEntry, Village, database
from pointsapp.services.scoring import entries
from pointsapp.services.scoring import review
from pointsapp.services.audit import ENTITY_ID_LENGTH
from pointsapp.services.auth import Role
from tests.backends import postgres_only
from tests.scoring_helpers import household, make_village, rule


def _ids_from(start: int) -> None:
    """A ledger that has been in use for years: entry ids have seven digits."""
    database.obj.execute_sql("SELECT setval(pg_get_serial_sequence('ledger_entry', 'id'), %s)", (start,))


def test_id_labels_fit_the_audit_column():
    assert review._id_label([1, 2, 3]) == "1,2,3"
    long = review._id_label(list(range(1_234_567, 1_234_577)))
    assert len(long) <= ENTITY_ID_LENGTH and long.startswith("1234567…1234576")


@postgres_only  # SQLite neither enforces the width nor lets ids jump ahead without a row
def test_rejecting_ten_entries_with_long_ids_is_logged_in_one_row(admin, actor_of):
    village = make_village(admin, workflow=Village.WORKFLOW_REVIEWED, households=10)
    _ids_from(1_234_567)
    scorer, reviewer = actor_of(Role.SCORER), actor_of(Role.REVIEWER)
    for n in range(1, 11):
        entries.add_entry(actor=scorer, household_id=household(village, n).id, rule_id=rule(village, "PA01").id,
                          occurred_on=dt.date(2026, 11, 2), today=dt.date(2026, 11, 20))
    ids = [e.id for e in LedgerEntry.select().order_by(LedgerEntry.id)]
    assert len(ids) == 10 and min(ids) > 1_000_000

    assert review.review(actor=reviewer, entry_ids=ids, approve=False, reason="照片看不清") == 10

    assert {e.status for e in LedgerEntry.select()} == {EntryStatus.REJECTED}
    row = AuditLog.get(AuditLog.action == "entry.reject")
    assert len(row.entity_id) <= 40 and str(ids[0]) in row.entity_id and "10 条" in row.entity_id
    assert json.loads(row.new_value)["entries"] == ids
