"""Step 8: the table of published ledger fingerprints (账本指纹, issue 21).

Every public paper (ranking notice, notice list, statement, certificate) prints the head of a Merkle tree over
the whole ledger; each printed head is kept here with its size and the roots of its perfect subtrees, so
``check --fingerprint`` can later name the range of rows that no longer matches. Like the ledger and the audit
log, the table is append-only: the database refuses to change or delete its rows.
"""
from peewee import SqliteDatabase


def apply(db):
    sqlite = isinstance(db, SqliteDatabase)
    key = "INTEGER NOT NULL PRIMARY KEY" if sqlite else "SERIAL NOT NULL PRIMARY KEY"
    stamp = "DATETIME" if sqlite else "TIMESTAMP"
    db.execute_sql(
        f'CREATE TABLE IF NOT EXISTS "published_fingerprint" ("id" {key}, "code" VARCHAR(14) NOT NULL, '
        '"root" VARCHAR(64) NOT NULL, "size" BIGINT NOT NULL, "frontier" TEXT NOT NULL, '
        '"document" VARCHAR(200) NOT NULL, '
        f'"published_at" {stamp} NOT NULL, "published_by_id" INTEGER REFERENCES "user" ("id") ON DELETE RESTRICT)')
    db.execute_sql('CREATE INDEX IF NOT EXISTS "published_fingerprint_code" ON "published_fingerprint" ("code")')
    db.execute_sql('CREATE INDEX IF NOT EXISTS "published_fingerprint_published_by_id" '
                   'ON "published_fingerprint" ("published_by_id")')
    if sqlite:
        statements = [
            "CREATE TRIGGER published_fingerprint_no_update BEFORE UPDATE ON published_fingerprint "
            "BEGIN SELECT RAISE(ABORT, 'published_fingerprint is append-only'); END",
            "CREATE TRIGGER published_fingerprint_no_delete BEFORE DELETE ON published_fingerprint "
            "BEGIN SELECT RAISE(ABORT, 'published_fingerprint is append-only'); END",
        ]
    else:  # pointsapp_refuse() is step 3's
        statements = ["CREATE TRIGGER published_fingerprint_append_only BEFORE UPDATE OR DELETE ON "
                      "published_fingerprint FOR EACH ROW EXECUTE FUNCTION pointsapp_refuse()"]
    for sql in statements:
        db.execute_sql(sql)
