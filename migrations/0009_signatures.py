"""Step 9: signing keys and signed writes (签名, issue 21).

Every user gets an Ed25519 key (``signing_key``: the private half encrypted under the user's password); every
write that appends ledger rows, moves entries through review, records a redemption or a stock move or changes a
user is one row of ``signed_write``, chained to the previous one. ``ledger_entry.signed_write_id`` names the
write that appended a row.

Rows written before this step carry no signature. An existing database gets one "upgrade" marker instead: the
highest ledger, redemption and stock-move ids, the number and a digest of the ledger rows, and every user's role
as they stood at the upgrade. ``check`` accepts exactly those rows as history from before signing (and says so),
and they stay covered by their hash chains and the printed ledger fingerprint. Users get keys when they next
sign in or are given a password.
"""
import hashlib
import json

from peewee import SqliteDatabase

GENESIS = "0" * 64


def apply(db):
    sqlite = isinstance(db, SqliteDatabase)
    key = "INTEGER NOT NULL PRIMARY KEY" if sqlite else "SERIAL NOT NULL PRIMARY KEY"
    stamp = "DATETIME" if sqlite else "TIMESTAMP"
    db.execute_sql(
        f'CREATE TABLE IF NOT EXISTS "signing_key" ("id" {key}, "user_id" INTEGER NOT NULL, '
        '"public_key" VARCHAR(64) NOT NULL UNIQUE, "encrypted_private" TEXT NOT NULL, '
        f'"created_at" {stamp} NOT NULL, "registered_by_id" INTEGER, "registration" TEXT NOT NULL, '
        f'"registration_signature" VARCHAR(128) NOT NULL, "retired_at" {stamp})')
    db.execute_sql('CREATE INDEX IF NOT EXISTS "signing_key_user_id" ON "signing_key" ("user_id")')
    db.execute_sql(
        f'CREATE TABLE IF NOT EXISTS "signed_write" ("id" {key}, "kind" VARCHAR(20) NOT NULL, "key_id" INTEGER, '
        f'"signed_at" {stamp} NOT NULL, "payload" TEXT NOT NULL, "prev" VARCHAR(64) NOT NULL, '
        '"digest" VARCHAR(64) NOT NULL, "signature" VARCHAR(128) NOT NULL)')
    db.execute_sql('CREATE TABLE IF NOT EXISTS "signing_head" ("id" INTEGER NOT NULL PRIMARY KEY, '
                   '"last_write_id" INTEGER NOT NULL, "last_digest" VARCHAR(64) NOT NULL)')
    db.execute_sql('ALTER TABLE "ledger_entry" ADD COLUMN "signed_write_id" INTEGER')
    db.execute_sql('CREATE INDEX IF NOT EXISTS "ledger_entry_signed_write_id" ON "ledger_entry" ("signed_write_id")')
    if sqlite:
        statements = [
            "CREATE TRIGGER signed_write_no_update BEFORE UPDATE ON signed_write "
            "BEGIN SELECT RAISE(ABORT, 'signed_write is append-only'); END",
            "CREATE TRIGGER signed_write_no_delete BEFORE DELETE ON signed_write "
            "BEGIN SELECT RAISE(ABORT, 'signed_write is append-only'); END",
        ]
    else:  # pointsapp_refuse() is step 3's
        statements = ["CREATE TRIGGER signed_write_append_only BEFORE UPDATE OR DELETE ON signed_write "
                      "FOR EACH ROW EXECUTE FUNCTION pointsapp_refuse()"]
    for sql in statements:
        db.execute_sql(sql)
    _upgrade_marker(db)


def _upgrade_marker(db):
    """What existed before signing, recorded once (nothing on a new, empty database)."""
    def scalar(sql):
        return db.execute_sql(sql).fetchone()[0]

    users = {str(i): [role, bool(active)] for i, role, active in
             db.execute_sql('SELECT "id", "role", "active" FROM "user" ORDER BY "id"').fetchall()}
    ledger_rows = scalar('SELECT COUNT(*) FROM "ledger_entry"')
    if not users and not ledger_rows:
        return
    digest = hashlib.sha256()
    cursor = db.execute_sql('SELECT "hash" FROM "ledger_entry" ORDER BY "id"')
    while True:
        chunk = cursor.fetchmany(10000)
        if not chunk:
            break
        digest.update("".join(h for (h,) in chunk).encode("ascii"))
    payload = json.dumps({
        "ledger_max_id": scalar('SELECT COALESCE(MAX("id"), 0) FROM "ledger_entry"'), "ledger_rows": ledger_rows,
        "ledger_digest": digest.hexdigest(),
        "redemption_max_id": scalar('SELECT COALESCE(MAX("id"), 0) FROM "redemption"'),
        "stock_move_max_id": scalar('SELECT COALESCE(MAX("id"), 0) FROM "stock_move"'),
        "users": users,
    }, sort_keys=True)
    from pointsapp import clock

    at = clock.now()
    text = f"pointsapp-signed-write/1\nupgrade\n\n{at.isoformat(' ')}\n{GENESIS}\n{payload}"
    marker = hashlib.sha256(text.encode("utf-8")).hexdigest()
    param = "?" if isinstance(db, SqliteDatabase) else "%s"
    db.execute_sql(f'INSERT INTO "signed_write" ("kind", "key_id", "signed_at", "payload", "prev", "digest", '
                   f'"signature") VALUES ({", ".join([param] * 7)})',
                   ("upgrade", None, at, payload, GENESIS, marker, ""))
    write_id = scalar('SELECT MAX("id") FROM "signed_write"')
    db.execute_sql(f'INSERT INTO "signing_head" ("id", "last_write_id", "last_digest") VALUES (1, {param}, {param})',
                   (write_id, marker))
