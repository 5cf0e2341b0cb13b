"""Step 15: the ranking's sums kept by the database (issue 23: the 排行榜 page opens as fast as a bare table).

- ``household_year``: effective earned points per village, year, household and category, split as the ranking
  splits them (``points``: all of them; ``awards``: the awards net of their reversals, a reversal of an award being
  negative; ``deductions``: the deductions net of theirs, negative). Kept by triggers on every insert
  into the ledger and on every entry becoming effective, like ``ledger_month`` (step 5), so a year's ranking of a
  township reads ~14,000 sums instead of aggregating ~120,000 ledger rows. Only the database writes it; ``check``
  proves it equal to the ledger, a copy into another database (transfer) rebuilds it through the same triggers.
  An earned entry without a category is kept under category 0 (no category has that id), so the awards and
  deductions still count it as the ledger does. Existing ledgers are summed once here.
"""
from peewee import SqliteDatabase

TABLE = ('CREATE TABLE IF NOT EXISTS "household_year" ("village_id" INTEGER NOT NULL, "year" INTEGER NOT NULL, '
         '"household_id" INTEGER NOT NULL, "category_id" INTEGER NOT NULL, "points" BIGINT NOT NULL, '
         '"awards" BIGINT NOT NULL, "deductions" BIGINT NOT NULL, '
         'PRIMARY KEY ("village_id", "year", "household_id", "category_id"))')
# SQLite: the rows stored in key order (a year's township read is one range of the table, no look-ups)
WITHOUT_ROWID = " WITHOUT ROWID"
COUNTED = "NEW.status = 'effective' AND NEW.earned = TRUE"
AWARD = "({e}kind = 'award' OR ({e}kind = 'reversal' AND {e}points < 0))"
DEDUCTION = "({e}kind = 'deduction' OR ({e}kind = 'reversal' AND {e}points > 0))"
UPSERT = ('INSERT INTO household_year (village_id, year, household_id, category_id, points, awards, deductions) '
          'VALUES (NEW.village_id, {year}, NEW.household_id, COALESCE(NEW.category_id, 0), NEW.points, '
          'CASE WHEN {award} THEN NEW.points ELSE 0 END, CASE WHEN {deduction} THEN NEW.points ELSE 0 END) '
          'ON CONFLICT (village_id, year, household_id, category_id) DO UPDATE SET '
          'points = household_year.points + excluded.points, awards = household_year.awards + excluded.awards, '
          'deductions = household_year.deductions + excluded.deductions')
TRIGGERS = ("household_year_on_insert", "household_year_on_effective")


def year_sql(sqlite: bool, column: str) -> str:
    return f"CAST(substr({column}, 1, 4) AS INTEGER)" if sqlite else f"CAST(EXTRACT(YEAR FROM {column}) AS INTEGER)"


def apply(db):
    sqlite = isinstance(db, SqliteDatabase)
    upsert = UPSERT.format(year=year_sql(sqlite, "NEW.occurred_on"), award=AWARD.format(e="NEW."),
                           deduction=DEDUCTION.format(e="NEW."))
    if sqlite:
        statements = [
            f"CREATE TRIGGER IF NOT EXISTS household_year_on_insert AFTER INSERT ON ledger_entry WHEN {COUNTED} "
            f"BEGIN {upsert}; END",
            f"CREATE TRIGGER IF NOT EXISTS household_year_on_effective AFTER UPDATE OF status ON ledger_entry "
            f"WHEN {COUNTED} AND OLD.status <> 'effective' BEGIN {upsert}; END",
        ]
    else:
        statements = [
            "CREATE OR REPLACE FUNCTION pointsapp_household_year() RETURNS trigger AS $$ BEGIN "
            "IF TG_OP = 'UPDATE' THEN IF OLD.status = 'effective' THEN RETURN NULL; END IF; END IF; "
            f"IF {COUNTED} THEN {upsert}; END IF; RETURN NULL; END; $$ LANGUAGE plpgsql",
            "DROP TRIGGER IF EXISTS household_year_on_insert ON ledger_entry",
            "CREATE TRIGGER household_year_on_insert AFTER INSERT ON ledger_entry "
            "FOR EACH ROW EXECUTE FUNCTION pointsapp_household_year()",
            "DROP TRIGGER IF EXISTS household_year_on_effective ON ledger_entry",
            "CREATE TRIGGER household_year_on_effective AFTER UPDATE OF status ON ledger_entry "
            "FOR EACH ROW EXECUTE FUNCTION pointsapp_household_year()",
        ]
    db.execute_sql(TABLE + (WITHOUT_ROWID if sqlite else ""))
    for sql in statements:
        db.execute_sql(sql)
    db.execute_sql(rebuild_sql(sqlite))


def select_sql(sqlite: bool) -> str:
    """The whole table's rows summed from the ledger: village, year, household, category, points, awards,
    deductions (what ``check`` compares the kept table with, and what a rebuild inserts)."""
    year = year_sql(sqlite, "occurred_on")
    return (f"SELECT village_id, {year}, household_id, COALESCE(category_id, 0), SUM(points), "
            f"SUM(CASE WHEN {AWARD.format(e='')} THEN points ELSE 0 END), "
            f"SUM(CASE WHEN {DEDUCTION.format(e='')} THEN points ELSE 0 END) FROM ledger_entry "
            f"WHERE status = 'effective' AND earned = TRUE "
            f"GROUP BY village_id, {year}, household_id, COALESCE(category_id, 0)")


def rebuild_sql(sqlite: bool) -> str:
    """The whole table from the ledger (also what ``services.scoring.household_years.rebuild`` runs)."""
    return ("INSERT INTO household_year (village_id, year, household_id, category_id, points, awards, deductions) "
            + select_sql(sqlite))
