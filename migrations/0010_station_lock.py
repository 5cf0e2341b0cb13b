"""Step 10: the stations' daily PostgreSQL account may wait for the ledger's appends to settle (issue 21).

Publishing a ledger fingerprint takes a brief SHARE lock on ``ledger_entry`` so that it waits for the stations
appending at that moment (see ``services/scoring/fingerprint._settled_last_id``). PostgreSQL gives that lock only
to an account that may UPDATE the whole table — which the daily account, to keep a ledger row's content out of its
reach, may not. This function, owned by the owner account and run with its rights, takes the lock and returns the
last settled id, and does nothing else. SQLite needs nothing: one writer at a time commits rows in id order.
"""
from peewee import SqliteDatabase


def apply(db):
    if isinstance(db, SqliteDatabase):
        return
    db.execute_sql(
        "CREATE OR REPLACE FUNCTION pointsapp_settled_ledger_id() RETURNS bigint "
        "LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$ "
        "BEGIN LOCK TABLE ledger_entry IN SHARE MODE; "
        "RETURN COALESCE((SELECT MAX(id) FROM ledger_entry), 0); END; $$")
