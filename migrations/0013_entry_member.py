"""Step 13: an entry may name the household member it is about (党员积分, 好媳妇, 志愿服务时长).

``ledger_entry.member_id`` is nullable: every existing row keeps NULL, and the row hash covers the member only when
one is named (``scoring.ledger._digest``), so the hashes already written stay valid. The household stays the
scored unit: balances and rankings do not read the column. Like the rest of an entry's content it never changes
(a trigger of its own beside step 3's), and an index serves a member's own history.
"""
from peewee import SqliteDatabase


def apply(db):
    if "member_id" not in {c.name for c in db.get_columns("ledger_entry")}:
        db.execute_sql('ALTER TABLE "ledger_entry" ADD COLUMN "member_id" INTEGER NULL REFERENCES "member" ("id")')
    db.execute_sql('CREATE INDEX IF NOT EXISTS "ledger_entry_member_id_occurred_on" '
                   'ON "ledger_entry" ("member_id", "occurred_on")')
    if isinstance(db, SqliteDatabase):
        db.execute_sql("CREATE TRIGGER IF NOT EXISTS ledger_entry_member_fixed BEFORE UPDATE OF member_id "
                       "ON ledger_entry BEGIN SELECT RAISE(ABORT, 'ledger_entry content never changes'); END")
    else:
        db.execute_sql("DROP TRIGGER IF EXISTS ledger_entry_member_fixed ON ledger_entry")
        db.execute_sql("CREATE TRIGGER ledger_entry_member_fixed BEFORE UPDATE OF member_id ON ledger_entry "
                       "FOR EACH ROW EXECUTE FUNCTION pointsapp_refuse()")
