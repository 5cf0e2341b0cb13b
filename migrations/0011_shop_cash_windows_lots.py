"""Step 11: the supermarket as villages run it (issue 26).

- ``shop_policy``: one row per village — whether cash may make up a shortfall, the price of one point in fen
  (分 of money, an integer: 1 元 = 100), and the redemption days ("1-5", "15", "2027-01-20"; empty: every day).
- ``redemption.cash_fen`` / ``cash_points``: the money taken at the till and the points' worth of goods it paid for.
- ``drawer_count``: the cashier's count of the cash drawer at the daily close, against what the books expect.
- ``product.limit_quantity`` / ``limit_period``: at most so many per household per month, quarter or year.
- ``stock_move.produced_on`` / ``unit_cost_fen``: a stock-in is a lot, with its production date and its cost.
"""
from peewee import SqliteDatabase


def _add(db, table: str, column: str, kind: str) -> None:
    if column not in {c.name for c in db.get_columns(table)}:
        db.execute_sql(f'ALTER TABLE "{table}" ADD COLUMN "{column}" {kind}')


def apply(db):
    sqlite = isinstance(db, SqliteDatabase)
    key = "INTEGER NOT NULL PRIMARY KEY" if sqlite else "SERIAL NOT NULL PRIMARY KEY"
    stamp = "DATETIME" if sqlite else "TIMESTAMP"
    false = "0" if sqlite else "FALSE"
    boolean = "INTEGER" if sqlite else "BOOLEAN"
    db.execute_sql(
        'CREATE TABLE IF NOT EXISTS "shop_policy" ('
        '"village_id" INTEGER NOT NULL PRIMARY KEY REFERENCES "village" ("id") ON DELETE RESTRICT, '
        f'"cash_allowed" {boolean} NOT NULL DEFAULT {false}, "point_price_fen" INTEGER NOT NULL DEFAULT 100, '
        '"redemption_days" VARCHAR(200) NOT NULL DEFAULT \'\')')
    db.execute_sql(
        f'CREATE TABLE IF NOT EXISTS "drawer_count" ("id" {key}, "day" DATE NOT NULL, '
        '"cashier_id" INTEGER NOT NULL REFERENCES "user" ("id") ON DELETE RESTRICT, '
        '"expected_fen" BIGINT NOT NULL, "counted_fen" BIGINT NOT NULL, "reason" TEXT NOT NULL DEFAULT \'\', '
        f'"created_at" {stamp} NOT NULL)')
    db.execute_sql('CREATE INDEX IF NOT EXISTS "drawer_count_day_cashier_id" ON "drawer_count" ("day", "cashier_id")')
    _add(db, "redemption", "cash_fen", "INTEGER NOT NULL DEFAULT 0")
    _add(db, "redemption", "cash_points", "INTEGER NOT NULL DEFAULT 0")
    _add(db, "product", "limit_quantity", "INTEGER")
    _add(db, "product", "limit_period", "VARCHAR(8) NOT NULL DEFAULT ''")
    _add(db, "stock_move", "produced_on", "DATE")
    _add(db, "stock_move", "unit_cost_fen", "INTEGER")
