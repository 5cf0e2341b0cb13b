"""Step 3: the database itself refuses to edit or delete the ledger and the audit log.

The app never does either; these triggers make a mistake in future code, or a casual
edit with a database tool, fail loudly instead of silently rewriting history. (Someone
who drops the triggers is still caught by the per-household hash chain in ``check``.)
Workflow columns of a ledger entry (status, reviewer, notice, effective time) may move
on until the entry is effective or rejected, never after.
"""
from peewee import SqliteDatabase

CONTENT = ("household_id", "village_id", "seq", "kind", "points", "earned", "rule_id", "category_id",
           "occurred_on", "note", "reverses_id", "batch_id", "created_by_id", "created_at", "prev_hash", "hash")
FINAL = "('effective', 'rejected')"


def apply(db):
    columns = ", ".join(CONTENT)
    if isinstance(db, SqliteDatabase):
        statements = [
            "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
            "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
            "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
            "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END",
            "CREATE TRIGGER ledger_entry_no_delete BEFORE DELETE ON ledger_entry "
            "BEGIN SELECT RAISE(ABORT, 'ledger_entry is append-only'); END",
            f"CREATE TRIGGER ledger_entry_content_fixed BEFORE UPDATE OF {columns} ON ledger_entry "
            "BEGIN SELECT RAISE(ABORT, 'ledger_entry content never changes'); END",
            "CREATE TRIGGER ledger_entry_final_status BEFORE UPDATE OF status ON ledger_entry "
            f"WHEN OLD.status IN {FINAL} AND NEW.status <> OLD.status "
            "BEGIN SELECT RAISE(ABORT, 'an effective or rejected entry keeps its status'); END",
        ]
    else:
        statements = [
            "CREATE OR REPLACE FUNCTION pointsapp_refuse() RETURNS trigger AS $$ "
            "BEGIN RAISE EXCEPTION '%% is append-only', TG_TABLE_NAME; END; $$ LANGUAGE plpgsql",  # %% for the driver
            "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
            "FOR EACH ROW EXECUTE FUNCTION pointsapp_refuse()",
            "CREATE TRIGGER ledger_entry_no_delete BEFORE DELETE ON ledger_entry "
            "FOR EACH ROW EXECUTE FUNCTION pointsapp_refuse()",
            f"CREATE TRIGGER ledger_entry_content_fixed BEFORE UPDATE OF {columns} ON ledger_entry "
            "FOR EACH ROW EXECUTE FUNCTION pointsapp_refuse()",
            "CREATE TRIGGER ledger_entry_final_status BEFORE UPDATE OF status ON ledger_entry "
            f"FOR EACH ROW WHEN (OLD.status IN {FINAL} AND NEW.status IS DISTINCT FROM OLD.status) "
            "EXECUTE FUNCTION pointsapp_refuse()",
        ]
    for sql in statements:
        db.execute_sql(sql)
