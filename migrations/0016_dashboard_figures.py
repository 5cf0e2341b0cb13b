"""Step 16: the dashboard's figures kept by the database (issue 23: the 首页 opens about as fast as a bare table).

- ``household_month``: effective earned points per village, month, household, split as the dashboard splits them
  (``points``: all of them; ``awards``: the awards net of their reversals; ``deductions``: the deductions net of
  theirs, negative; ``award_entries``: how many award entries, what makes a household take part in its month).
  Kept by triggers on every insert into the ledger and on every entry becoming effective, like ``ledger_month``
  (step 5) and ``household_year`` (step 15): a month's participation per group and the month's awarded and
  deducted points read ~2,000 sums instead of aggregating the month's ~12,000 ledger rows.
- ``village_stars``: how many active households of each village hold each star now (the awards, not withdrawn, of
  the village's current evaluation, to its active households: ``dashboard.held_stars``). Kept by adding and taking
  away on every change to an award, to an evaluation's current flag or village, and to a household's village or
  status; a count that fell to nothing stays as a row of 0.
- ``lot_on_hand``: the lots still on the shelf (``shop.lots.lots_on_hand``: each product's stock shared out over its
  stock-ins from the latest expiry back), counted again for a product on every change to its stock or its
  stock-ins: the stock's value and the shelf warnings read a few hundred lots instead of every stock-in.

Only the database writes them; ``check`` proves each equal to its source; a copy into another database
(transfer) makes them again through the same triggers. Existing data is summed once here.
"""
from peewee import SqliteDatabase

# --- household_month -----------------------------------------------------------------------------------------

MONTHS_TABLE = ('CREATE TABLE IF NOT EXISTS "household_month" ("village_id" INTEGER NOT NULL, '
                '"month" VARCHAR(7) NOT NULL, "household_id" INTEGER NOT NULL, "points" BIGINT NOT NULL, '
                '"awards" BIGINT NOT NULL, "deductions" BIGINT NOT NULL, "award_entries" INTEGER NOT NULL, '
                'PRIMARY KEY ("village_id", "month", "household_id"))')
WITHOUT_ROWID = " WITHOUT ROWID"  # SQLite: a month of a village is one range of the table
COUNTED = "NEW.status = 'effective' AND NEW.earned = TRUE"
AWARD = "({e}kind = 'award' OR ({e}kind = 'reversal' AND {e}points < 0))"
DEDUCTION = "({e}kind = 'deduction' OR ({e}kind = 'reversal' AND {e}points > 0))"
MONTH_UPSERT = (
    'INSERT INTO household_month (village_id, month, household_id, points, awards, deductions, award_entries) '
    'VALUES (NEW.village_id, {month}, NEW.household_id, NEW.points, '
    'CASE WHEN {award} THEN NEW.points ELSE 0 END, CASE WHEN {deduction} THEN NEW.points ELSE 0 END, '
    "CASE WHEN NEW.kind = 'award' THEN 1 ELSE 0 END) "
    'ON CONFLICT (village_id, month, household_id) DO UPDATE SET '
    'points = household_month.points + excluded.points, awards = household_month.awards + excluded.awards, '
    'deductions = household_month.deductions + excluded.deductions, '
    'award_entries = household_month.award_entries + excluded.award_entries')
MONTH_TRIGGERS = ("household_month_on_insert", "household_month_on_effective")


def month_sql(sqlite: bool, column: str) -> str:
    return f"substr({column}, 1, 7)" if sqlite else f"to_char({column}, 'YYYY-MM')"


# the active households of a village per group, read from the index alone (the dashboard's participation)
HOUSEHOLD_INDEX = ('CREATE INDEX IF NOT EXISTS "household_village_id_status_group_id" '
                   'ON "household" ("village_id", "status", "group_id")')


def apply(db):
    db.execute_sql(HOUSEHOLD_INDEX)
    apply_months(db)
    apply_stars(db)
    apply_lots(db)


def apply_months(db):
    """``household_month``: the table, its triggers, and the sums of the ledger there is."""
    sqlite = isinstance(db, SqliteDatabase)
    upsert = MONTH_UPSERT.format(month=month_sql(sqlite, "NEW.occurred_on"), award=AWARD.format(e="NEW."),
                                 deduction=DEDUCTION.format(e="NEW."))
    if sqlite:
        statements = [
            f"CREATE TRIGGER IF NOT EXISTS household_month_on_insert AFTER INSERT ON ledger_entry WHEN {COUNTED} "
            f"BEGIN {upsert}; END",
            f"CREATE TRIGGER IF NOT EXISTS household_month_on_effective AFTER UPDATE OF status ON ledger_entry "
            f"WHEN {COUNTED} AND OLD.status <> 'effective' BEGIN {upsert}; END",
        ]
    else:
        statements = [
            "CREATE OR REPLACE FUNCTION pointsapp_household_month() RETURNS trigger AS $$ BEGIN "
            "IF TG_OP = 'UPDATE' THEN IF OLD.status = 'effective' THEN RETURN NULL; END IF; END IF; "
            f"IF {COUNTED} THEN {upsert}; END IF; RETURN NULL; END; $$ LANGUAGE plpgsql",
            "DROP TRIGGER IF EXISTS household_month_on_insert ON ledger_entry",
            "CREATE TRIGGER household_month_on_insert AFTER INSERT ON ledger_entry "
            "FOR EACH ROW EXECUTE FUNCTION pointsapp_household_month()",
            "DROP TRIGGER IF EXISTS household_month_on_effective ON ledger_entry",
            "CREATE TRIGGER household_month_on_effective AFTER UPDATE OF status ON ledger_entry "
            "FOR EACH ROW EXECUTE FUNCTION pointsapp_household_month()",
        ]
    db.execute_sql(MONTHS_TABLE + (WITHOUT_ROWID if sqlite else ""))
    for sql in statements:
        db.execute_sql(sql)
    db.execute_sql(months_rebuild_sql(sqlite))


def months_select_sql(sqlite: bool) -> str:
    """The whole table's rows summed from the ledger: village, month, household, points, awards, deductions, award
    entries (what ``check`` compares the kept table with, and what a rebuild inserts)."""
    month = month_sql(sqlite, "occurred_on")
    return (f"SELECT village_id, {month}, household_id, SUM(points), "
            f"SUM(CASE WHEN {AWARD.format(e='')} THEN points ELSE 0 END), "
            f"SUM(CASE WHEN {DEDUCTION.format(e='')} THEN points ELSE 0 END), "
            f"SUM(CASE WHEN kind = 'award' THEN 1 ELSE 0 END) FROM ledger_entry "
            f"WHERE status = 'effective' AND earned = TRUE GROUP BY village_id, {month}, household_id")


def months_rebuild_sql(sqlite: bool) -> str:
    """The whole table from the ledger (also what ``services.reports.household_months.rebuild`` runs)."""
    return ("INSERT INTO household_month (village_id, month, household_id, points, awards, deductions, "
            "award_entries) " + months_select_sql(sqlite))


# alias for kept_sums.rebuild, which runs a migration's ``rebuild_sql``
rebuild_sql = months_rebuild_sql

# --- village_stars -------------------------------------------------------------------------------------------

STARS_TABLE = ('CREATE TABLE IF NOT EXISTS "village_stars" ("village_id" INTEGER NOT NULL, '
               '"star_id" INTEGER NOT NULL, "households" INTEGER NOT NULL, PRIMARY KEY ("village_id", "star_id"))')
STARS_ADD = ("INSERT INTO village_stars (village_id, star_id, households) {select} "
             "ON CONFLICT (village_id, star_id) DO UPDATE SET households = village_stars.households + "
             "excluded.households")
HELD = "a.withdrawn_at IS NULL AND e.is_current = TRUE AND h.village_id = e.village_id AND h.status = 'active'"
# one award's row (OLD or NEW) added (+1) or taken away (-1), as the evaluation and household are now
AWARD_ROW = ("SELECT e.village_id, {r}.star_id, {sign}1 FROM star_evaluation e, household h "
             "WHERE e.id = {r}.evaluation_id AND h.id = {r}.household_id AND {r}.withdrawn_at IS NULL "
             "AND e.is_current = TRUE AND h.village_id = e.village_id AND h.status = 'active'")
# an evaluation's awards (as the OLD or NEW evaluation row says), per star
EVALUATION_ROWS = ("SELECT {r}.village_id, a.star_id, {sign}COUNT(*) FROM star_award a, household h "
                   "WHERE a.evaluation_id = {r}.id AND h.id = a.household_id AND a.withdrawn_at IS NULL "
                   "AND {r}.is_current = TRUE AND h.village_id = {r}.village_id AND h.status = 'active' "
                   "GROUP BY {r}.village_id, a.star_id")
# a household's awards (as the OLD or NEW household row says), per village and star
HOUSEHOLD_ROWS = ("SELECT e.village_id, a.star_id, {sign}COUNT(*) FROM star_award a, star_evaluation e "
                  "WHERE a.household_id = {r}.id AND e.id = a.evaluation_id AND a.withdrawn_at IS NULL "
                  "AND e.is_current = TRUE AND {r}.village_id = e.village_id AND {r}.status = 'active' "
                  "GROUP BY e.village_id, a.star_id")
STARS_TRIGGERS = ("village_stars_on_award_insert", "village_stars_on_award_update", "village_stars_on_award_delete",
                  "village_stars_on_evaluation", "village_stars_on_evaluation_delete", "village_stars_on_household")


def stars_select_sql() -> str:
    """Every village's held stars counted from the awards: village, star, households (what ``check`` compares the
    kept table with, and what a rebuild inserts)."""
    return ("SELECT e.village_id, a.star_id, COUNT(*) FROM star_award a "
            "JOIN star_evaluation e ON e.id = a.evaluation_id JOIN household h ON h.id = a.household_id "
            f"WHERE {HELD} GROUP BY e.village_id, a.star_id")


def stars_rebuild_sql() -> str:
    return "INSERT INTO village_stars (village_id, star_id, households) " + stars_select_sql()


def _pg_trigger(name: str, event: str, plpgsql: str) -> list[str]:
    """PostgreSQL: the function ``pointsapp_NAME`` running ``plpgsql`` after each row of ``event`` ("INSERT ON t"),
    and the trigger that calls it (made again if there)."""
    table = event.rsplit(" ON ", 1)[1]
    return [f"CREATE OR REPLACE FUNCTION pointsapp_{name}() RETURNS trigger AS $$ BEGIN {plpgsql} "
            "RETURN NULL; END; $$ LANGUAGE plpgsql",
            f"DROP TRIGGER IF EXISTS {name} ON {table}",
            f"CREATE TRIGGER {name} AFTER {event} FOR EACH ROW EXECUTE FUNCTION pointsapp_{name}()"]


def _add(template: str, row: str, sign: str) -> str:
    return STARS_ADD.format(select=template.format(r=row, sign=sign))


def apply_stars(db):
    """``village_stars``: the table, its triggers, and the counts of the awards there are."""
    sqlite = isinstance(db, SqliteDatabase)
    db.execute_sql(STARS_TABLE)
    steps = {  # trigger → (event, [(condition for PostgreSQL, statement)])
        "village_stars_on_award_insert": ("INSERT ON star_award", [("TRUE", _add(AWARD_ROW, "NEW", ""))]),
        "village_stars_on_award_update": ("UPDATE ON star_award", [("TRUE", _add(AWARD_ROW, "OLD", "-")),
                                                                   ("TRUE", _add(AWARD_ROW, "NEW", ""))]),
        "village_stars_on_award_delete": ("DELETE ON star_award", [("TRUE", _add(AWARD_ROW, "OLD", "-"))]),
        "village_stars_on_evaluation": ("UPDATE OF is_current, village_id ON star_evaluation",
                                        [("TRUE", _add(EVALUATION_ROWS, "OLD", "-")),
                                         ("TRUE", _add(EVALUATION_ROWS, "NEW", ""))]),
        "village_stars_on_evaluation_delete": ("DELETE ON star_evaluation",
                                               [("TRUE", _add(EVALUATION_ROWS, "OLD", "-"))]),
        "village_stars_on_household": ("UPDATE OF village_id, status ON household",
                                       [("TRUE", _add(HOUSEHOLD_ROWS, "OLD", "-")),
                                        ("TRUE", _add(HOUSEHOLD_ROWS, "NEW", ""))]),
    }
    statements = []
    for name, (event, body) in steps.items():
        if sqlite:
            # SQLite: an INSERT … SELECT with an upsert needs a WHERE in its SELECT (each has one)
            statements.append(f"CREATE TRIGGER IF NOT EXISTS {name} AFTER {event} BEGIN "
                              + "; ".join(sql for _c, sql in body) + "; END")
        else:
            statements += _pg_trigger(name, event, " ".join(f"{sql};" for _c, sql in body))
    for sql in statements:
        db.execute_sql(sql)
    db.execute_sql("DELETE FROM village_stars")
    db.execute_sql(stars_rebuild_sql())


# --- lot_on_hand ---------------------------------------------------------------------------------------------

LOTS_TABLE = ('CREATE TABLE IF NOT EXISTS "lot_on_hand" ("move_id" INTEGER NOT NULL PRIMARY KEY, '
              '"product_id" INTEGER NOT NULL, "on_hand" INTEGER NOT NULL)')
LOTS_INDEX = 'CREATE INDEX IF NOT EXISTS "lot_on_hand_product_id" ON "lot_on_hand" ("product_id")'
# a product's stock-ins, latest expiry first (no date: first of all), and the stock shared out over them
# (``shop.lots.allocate``): a stock-in holds what is left of the stock after the ones before it, at most its quantity
ALLOCATED = ("SELECT id, product_id, CASE WHEN quantity < stock - earlier THEN quantity ELSE stock - earlier END "
             "FROM (SELECT m.id, m.product_id, m.quantity, p.stock, COALESCE(SUM(m.quantity) OVER ("
             "PARTITION BY m.product_id ORDER BY m.expires_on DESC NULLS FIRST, m.id DESC "
             "ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS earlier "
             "FROM stock_move m JOIN product p ON p.id = m.product_id "
             "WHERE m.kind = 'in' AND p.stock > 0{products}) AS shared WHERE earlier < stock")
LOTS_TRIGGERS = ("lot_on_hand_on_stock", "lot_on_hand_on_product_insert", "lot_on_hand_on_move_insert",
                 "lot_on_hand_on_move_update", "lot_on_hand_on_move_delete")


def lots_recount_sql(products: str) -> list[str]:
    """The statements that share out again the stock of the products selected by ``products`` (SQL)."""
    return [f"DELETE FROM lot_on_hand WHERE product_id IN ({products})",
            "INSERT INTO lot_on_hand (move_id, product_id, on_hand) "
            + ALLOCATED.format(products=f" AND m.product_id IN ({products})")]


def lots_select_sql() -> str:
    """Every product's lots on hand: move, product, on hand (what ``check`` and a rebuild use)."""
    return ALLOCATED.format(products="")


def lots_rebuild_sql() -> str:
    return "INSERT INTO lot_on_hand (move_id, product_id, on_hand) " + lots_select_sql()


def apply_lots(db):
    """``lot_on_hand``: the table, its triggers, and the lots on hand now."""
    sqlite = isinstance(db, SqliteDatabase)
    db.execute_sql(LOTS_TABLE)
    db.execute_sql(LOTS_INDEX)
    steps = {  # trigger → (event, products to share out again)
        "lot_on_hand_on_stock": ("UPDATE OF stock ON product", "OLD.id, NEW.id"),
        "lot_on_hand_on_product_insert": ("INSERT ON product", "NEW.id"),
        "lot_on_hand_on_move_insert": ("INSERT ON stock_move", "NEW.product_id"),
        "lot_on_hand_on_move_update": ("UPDATE ON stock_move", "OLD.product_id, NEW.product_id"),
        "lot_on_hand_on_move_delete": ("DELETE ON stock_move", "OLD.product_id"),
    }
    conditions = {"lot_on_hand_on_stock": "OLD.stock <> NEW.stock",  # a product saved, its stock the same: nothing
                  "lot_on_hand_on_move_insert": "NEW.kind = 'in'",
                  "lot_on_hand_on_move_delete": "OLD.kind = 'in'",
                  "lot_on_hand_on_move_update": "OLD.kind = 'in' OR NEW.kind = 'in'"}
    statements = []
    for name, (event, products) in steps.items():
        body = "; ".join(lots_recount_sql(products))
        condition = conditions.get(name)
        if sqlite:
            when = f" WHEN {condition}" if condition else ""
            statements.append(f"CREATE TRIGGER IF NOT EXISTS {name} AFTER {event}{when} BEGIN {body}; END")
        else:
            statements += _pg_trigger(name, event,
                                      f"IF {condition} THEN {body}; END IF;" if condition else f"{body};")
    for sql in statements:
        db.execute_sql(sql)
    db.execute_sql("DELETE FROM lot_on_hand")
    db.execute_sql(lots_rebuild_sql())
