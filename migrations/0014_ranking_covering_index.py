"""Step 14: the ranking's index covers the entry's kind too.

Step 1's index on ``ledger_entry`` (village, status, occurred_on, earned, household, category, points) was meant
to cover the ranking's aggregate, but the ranking also splits the points into awards and deductions by the
entry's kind (``rankings.sums_query``; the dashboard's award totals the same): without ``kind`` in the index
the database read every entry's row from the table besides the index — half the ranking's time on a township's
year (118,000 entries: 180 ms → 90 ms on SQLite). The new index has the old one's columns in the same order with
``kind`` before ``points``, so it serves every query the old one did; the old one is dropped (one index kept up
by every write, not two).
"""

OLD = "ledger_entry_village_id_status_occurred_on_earned_househ_3825e97"
NEW = "ledger_entry_ranking_covering"


def apply(db):
    db.execute_sql(f'CREATE INDEX IF NOT EXISTS "{NEW}" ON "ledger_entry" '
                   '("village_id", "status", "occurred_on", "earned", "household_id", "category_id", "kind", "points")')
    db.execute_sql(f'DROP INDEX IF EXISTS "{OLD}"')
