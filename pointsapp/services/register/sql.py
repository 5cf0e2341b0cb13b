"""The register's hand-written SQL: the till's card scan (the benchmark's "card scan" case).

One statement answers a scan: the household, this card, the latest serial, balances and the stars held now —
``rankings.held_awards_query`` written out: the awards, not withdrawn, of the household's village's current
evaluation. Built once per parameter style (``db.sql.in_style``): peewee's building of the query cost more than
running it. Everything else of the register is peewee; ``tests/test_raw_sql.py`` checks the columns against the
models and that no other register module writes SQL of its own.
"""
from __future__ import annotations

from pointsapp.db.sql import in_style
from pointsapp.models import database

_SCAN = """
SELECT h.id, h.status, h.household_no, h.head_name, v.name, g.name, c.id, c.revoked_at, c.token_hash,
       (SELECT MAX(m.serial) FROM card m WHERE m.household_id = h.id),
       COALESCE(b.available, 0), COALESCE(b.earned_total, 0),
       (SELECT COUNT(*) FROM star_award s JOIN star_evaluation e ON e.id = s.evaluation_id
        WHERE s.household_id = h.id AND s.withdrawn_at IS NULL AND e.is_current = TRUE AND e.village_id = h.village_id)
FROM household h JOIN village v ON v.id = h.village_id
LEFT JOIN village_group g ON g.id = h.group_id
LEFT JOIN card c ON c.household_id = h.id AND c.serial = ?
LEFT JOIN household_balance b ON b.household_id = h.id
WHERE v.code = ? AND h.household_no = ?
"""


def scanned_card(serial: int, village_code: str, household_no: str) -> tuple | None:
    """``(household id, status, household_no, head_name, village, group, card id, revoked_at, token_hash,
    latest serial, available, earned, stars held)`` of the household a card names (codes exactly as stored), with
    its card of ``serial`` (the card's columns None when there is none); None when no household has these codes."""
    return database.obj.execute_sql(in_style(_SCAN), (serial, village_code, household_no)).fetchone()
