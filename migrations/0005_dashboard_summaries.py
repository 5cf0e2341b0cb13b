"""Step 5: the dashboard on a township's ledger (issue 13: open in under a second).

- ``ledger_month``: effective earned points per village, category and month, kept by the database
  itself (triggers on every insert into the ledger and on every entry becoming effective), so the
  12-month category trend reads a few thousand sums instead of a million ledger rows. Only the
  database writes it: the ledger stays the one source, and a copy into another database (transfer)
  rebuilds it through the same triggers. Existing ledgers are summed once here.
- star_award (household_id, withdrawn_at, star_id): the stars each household holds now, read from the
  index alone instead of every year's award rows.
"""
from peewee import SqliteDatabase

TABLE = ('CREATE TABLE IF NOT EXISTS "ledger_month" ("village_id" INTEGER NOT NULL, "category_id" INTEGER NOT NULL, '
         '"month" VARCHAR(7) NOT NULL, "points" BIGINT NOT NULL, PRIMARY KEY ("village_id", "category_id", "month"))')
UPSERT = ('INSERT INTO ledger_month (village_id, category_id, month, points) VALUES (NEW.village_id, NEW.category_id, '
          '{month}, NEW.points) ON CONFLICT (village_id, category_id, month) DO UPDATE SET points = '
          'ledger_month.points + excluded.points')
COUNTED = "NEW.status = 'effective' AND NEW.earned = TRUE AND NEW.category_id IS NOT NULL"
STARS_INDEX = ('CREATE INDEX IF NOT EXISTS "star_award_household_id_withdrawn_at_star_id" '
               'ON "star_award" ("household_id", "withdrawn_at", "star_id")')


def apply(db):
    sqlite = isinstance(db, SqliteDatabase)
    month = "substr(NEW.occurred_on, 1, 7)" if sqlite else "to_char(NEW.occurred_on, 'YYYY-MM')"
    upsert = UPSERT.format(month=month)
    if sqlite:
        statements = [
            f"CREATE TRIGGER ledger_month_on_insert AFTER INSERT ON ledger_entry WHEN {COUNTED} "
            f"BEGIN {upsert}; END",
            f"CREATE TRIGGER ledger_month_on_effective AFTER UPDATE OF status ON ledger_entry "
            f"WHEN {COUNTED} AND OLD.status <> 'effective' BEGIN {upsert}; END",
        ]
    else:
        statements = [
            "CREATE OR REPLACE FUNCTION pointsapp_ledger_month() RETURNS trigger AS $$ BEGIN "
            "IF TG_OP = 'UPDATE' THEN IF OLD.status = 'effective' THEN RETURN NULL; END IF; END IF; "
            f"IF {COUNTED} THEN {upsert}; END IF; RETURN NULL; END; $$ LANGUAGE plpgsql",
            "CREATE TRIGGER ledger_month_on_insert AFTER INSERT ON ledger_entry "
            "FOR EACH ROW EXECUTE FUNCTION pointsapp_ledger_month()",
            "CREATE TRIGGER ledger_month_on_effective AFTER UPDATE OF status ON ledger_entry "
            "FOR EACH ROW EXECUTE FUNCTION pointsapp_ledger_month()",
        ]
    db.execute_sql(TABLE)
    for sql in statements:
        db.execute_sql(sql)
    db.execute_sql(rebuild_sql(sqlite))
    db.execute_sql(STARS_INDEX)


def rebuild_sql(sqlite: bool) -> str:
    """The whole table from the ledger (also what ``pointsapp.services.ledger_months.rebuild`` runs)."""
    month = "substr(occurred_on, 1, 7)" if sqlite else "to_char(occurred_on, 'YYYY-MM')"
    return (f"INSERT INTO ledger_month (village_id, category_id, month, points) "
            f"SELECT village_id, category_id, {month}, SUM(points) FROM ledger_entry "
            f"WHERE status = 'effective' AND earned = TRUE AND category_id IS NOT NULL "
            f"GROUP BY village_id, category_id, {month}")
