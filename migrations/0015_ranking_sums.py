"""Step 15: the ranking's sums and the stars each household holds, kept by the database (issue 23: the 排行榜 and
户籍管理 pages open about as fast as a bare table).

- ``household_year``: effective earned points per village, year, household and category, split as the ranking
  splits them (``points``: all of them; ``awards``: the awards net of their reversals, a reversal of an award being
  negative; ``deductions``: the deductions net of theirs, negative). Kept by triggers on every insert
  into the ledger and on every entry becoming effective, like ``ledger_month`` (step 5), so a year's ranking of a
  township reads ~14,000 sums instead of aggregating ~120,000 ledger rows. Only the database writes it; ``check``
  proves it equal to the ledger, a copy into another database (transfer) rebuilds it through the same triggers.
  An earned entry without a category is kept under category 0 (no category has that id), so the awards and
  deductions still count it as the ledger does. Existing ledgers are summed once here.
- ``household_stars``: how many stars each household holds now (``rankings.held_awards_query``: the awards, not
  withdrawn, of its village's current evaluation), for the ranking and the household list, which read it instead
  of counting the current evaluations' awards each time. A household's count is counted again by triggers on
  every change to its awards, to the current flag (or village) of an evaluation it has awards in, and to its own
  village; households holding none have no row. ``check`` proves it equal to the definition.
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
    apply_years(db)
    apply_stars(db)


def apply_years(db):
    """``household_year``: the table, its triggers, and the sums of the ledger there is."""
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


STARS_TABLE = ('CREATE TABLE IF NOT EXISTS "household_stars" ("household_id" INTEGER NOT NULL PRIMARY KEY, '
               '"stars" INTEGER NOT NULL)')
# the held awards of the households in {households}, counted: THE definition (rankings.held_awards_query) in SQL
HELD = ("SELECT a.household_id, COUNT(*) FROM star_award a "
        "JOIN star_evaluation e ON e.id = a.evaluation_id "
        "JOIN household h ON h.id = a.household_id AND h.village_id = e.village_id "
        "WHERE e.is_current = TRUE AND a.withdrawn_at IS NULL{households} GROUP BY a.household_id")


def recount_sql(households: str) -> list[str]:
    """The statements that count again the stars of the households selected by ``households`` (SQL)."""
    return [f"DELETE FROM household_stars WHERE household_id IN ({households})",
            "INSERT INTO household_stars (household_id, stars) "
            + HELD.format(households=f" AND a.household_id IN ({households})")]


def rebuild_stars_sql() -> str:
    """Every household's held stars counted from the awards into the emptied table (also what
    ``services.scoring.household_stars.rebuild`` runs)."""
    return "INSERT INTO household_stars (household_id, stars) " + HELD.format(households="")


def apply_stars(db):
    """``household_stars``: the table, its triggers, and the counts of the awards there are."""
    sqlite = isinstance(db, SqliteDatabase)
    db.execute_sql(STARS_TABLE)
    award_holders = "SELECT household_id FROM star_award WHERE evaluation_id IN ({0}.id)"
    if sqlite:
        def trigger(name, event, households):
            body = "; ".join(recount_sql(households))
            return f"CREATE TRIGGER IF NOT EXISTS {name} AFTER {event} BEGIN {body}; END"

        statements = [
            trigger("household_stars_on_award_insert", "INSERT ON star_award", "NEW.household_id"),
            trigger("household_stars_on_award_update", "UPDATE ON star_award", "OLD.household_id, NEW.household_id"),
            trigger("household_stars_on_award_delete", "DELETE ON star_award", "OLD.household_id"),
            trigger("household_stars_on_evaluation", "UPDATE OF is_current, village_id ON star_evaluation",
                    "SELECT household_id FROM star_award WHERE evaluation_id IN (OLD.id, NEW.id)"),
            trigger("household_stars_on_evaluation_delete", "DELETE ON star_evaluation",
                    award_holders.format("OLD")),
            trigger("household_stars_on_household", "UPDATE OF village_id ON household", "NEW.id"),
        ]
    else:
        def function(name, *steps):
            """A PL/pgSQL trigger function: each step ``(condition, households)`` counts those households again."""
            body = " ".join(f"IF {condition} THEN {'; '.join(recount_sql(households))}; END IF;"
                            for condition, households in steps)
            return f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$ BEGIN {body} RETURN NULL; END; " \
                   f"$$ LANGUAGE plpgsql"

        statements = [
            function("pointsapp_household_stars_award", ("TG_OP <> 'INSERT'", "OLD.household_id"),
                     ("TG_OP <> 'DELETE'", "NEW.household_id")),
            function("pointsapp_household_stars_evaluation", ("TRUE", award_holders.format("OLD"))),
            function("pointsapp_household_stars_household", ("TRUE", "NEW.id")),
        ]
        for name, event, function_name in (
                ("household_stars_on_award_insert", "INSERT ON star_award", "award"),
                ("household_stars_on_award_update", "UPDATE ON star_award", "award"),
                ("household_stars_on_award_delete", "DELETE ON star_award", "award"),
                ("household_stars_on_evaluation", "UPDATE OF is_current, village_id ON star_evaluation",
                 "evaluation"),
                ("household_stars_on_evaluation_delete", "DELETE ON star_evaluation", "evaluation"),
                ("household_stars_on_household", "UPDATE OF village_id ON household", "household")):
            table = event.rsplit(" ON ", 1)[1]
            statements += [f"DROP TRIGGER IF EXISTS {name} ON {table}",
                           f"CREATE TRIGGER {name} AFTER {event} FOR EACH ROW "
                           f"EXECUTE FUNCTION pointsapp_household_stars_{function_name}()"]
    for sql in statements:
        db.execute_sql(sql)
    db.execute_sql("DELETE FROM household_stars")
    db.execute_sql(rebuild_stars_sql())
