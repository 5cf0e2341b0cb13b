"""A database from before signing (step 8) upgraded: its rows pass as history, said plainly; its users get keys at
their next sign-in, registered by the next administrator to sign in; what is written afterwards must be signed."""
from __future__ import annotations

from pointsapp import clock
from pointsapp.db import close_database, open_database
from pointsapp.db.connection import make_database
from pointsapp.db.migrate import migrate
from pointsapp.models import LedgerEntry, SigningKey, database
from pointsapp.services.ops import check, users
from pointsapp.services.ops.passwords import hash_password
from pointsapp.services.scoring import ledger
from pointsapp.services.signing import keys


def _old_database(path) -> None:
    """Step 8's tables with an administrator, a clerk, a household and one entry (raw SQL, as an old program wrote)."""
    db = make_database(str(path))
    db.connect()
    database.initialize(db)
    migrate(db, target=8)
    stamp = "2026-01-05 09:00:00"
    for name, role in (("admin", "admin"), ("luru", "scorer")):
        db.execute_sql('INSERT INTO "user" (username, display_name, role, password_hash, failed_attempts, '
                       "must_change_password, active, created_at) VALUES (?, ?, ?, ?, 0, 0, 1, ?)",
                       (name, name, role, hash_password("admin123" if role == "admin" else "123456", n=16), stamp))
    db.execute_sql("INSERT INTO township (name, code) VALUES ('青山镇', 'QS')")
    db.execute_sql("INSERT INTO village (name, code, workflow, notice_days, expiry_policy, objection_contact,"
                   " created_at) VALUES ('桃园村', 'V01', 'simple', 7, 'none', '', ?)", (stamp,))
    db.execute_sql("INSERT INTO village_group (village_id, name, sort_order) VALUES (1, '1组', 1)")
    db.execute_sql("INSERT INTO household (village_id, group_id, household_no, head_name, search_key, address,"
                   " phone, status, note, created_at, updated_at) VALUES (1, 1, '01001', '张三丰', 'zsf', '',"
                   " '', 'active', '', ?, ?)", (stamp, stamp))
    digest = ledger.entry_hash(household_id=1, seq=1, kind="award", points=5, earned=True, rule_id=None,
                               category_id=None, occurred_on="2026-01-05", note="老数据", reverses_id=None,
                               batch_id=None, created_by=2, created_at=stamp, prev_hash=ledger.GENESIS)
    db.execute_sql("INSERT INTO ledger_entry (household_id, village_id, seq, kind, points, earned, occurred_on, note,"
                   " created_by_id, created_at, prev_hash, hash, status, effective_at) VALUES (1, 1, 1, 'award', 5,"
                   " 1, '2026-01-05', '老数据', 2, ?, ?, ?, 'effective', ?)", (stamp, ledger.GENESIS, digest, stamp))
    db.execute_sql("INSERT INTO household_balance (household_id, earned_total, available, last_seq, last_hash)"
                   " VALUES (1, 5, 5, 1, ?)", (digest,))
    db.close()


def test_an_upgraded_database_keeps_its_history_and_signs_from_then_on(db_path, monkeypatch):
    monkeypatch.setattr(keys, "provision_missing", None)  # keys only as the program makes them
    _old_database(db_path)
    open_database(db_path)  # step 9 records the upgrade
    try:
        assert check.run_checks() == []
        notes = check.signature_notes()
        assert any("1 条积分记录" in n and "写于签名之前" in n for n in notes), notes
        # the clerk signs in first: a key of her own, waiting for an administrator
        clerk = users.sign_in("luru", "123456").actor
        assert SigningKey.get(SigningKey.user_id == clerk.user_id).registration_signature == ""
        [new_id] = ledger.append([ledger.EntryDraft(household_id=1, village_id=1, kind="award", points=3,
                                                    occurred_on=clock.today())], created_by=clerk.user_id)
        waiting = [p for p in check.run_checks() if "尚未由管理员登记" in p]
        assert waiting and any(f"#{new_id}" in p for p in check.run_checks())
        # the administrator's sign-in makes the installation's root key and registers the clerk's
        users.sign_in("admin", "admin123")
        assert keys.root_key().user_id != clerk.user_id
        assert check.run_checks() == []
        assert LedgerEntry.get_by_id(new_id).signed_write is not None
    finally:
        close_database()


def test_a_key_that_waits_is_not_registered_again_for_a_user_who_had_one(db_path, monkeypatch):
    """Only a user who never had a registered key gets one at an administrator's sign-in: a key slipped into the
    table for a user who has one stays unregistered, and what it signs is named."""
    monkeypatch.setattr(keys, "provision_missing", None)
    _old_database(db_path)
    open_database(db_path)
    try:
        users.sign_in("admin", "admin123")
        clerk = users.sign_in("luru", "123456").actor  # registered at once: an administrator's key is unlocked
        assert SigningKey.get(SigningKey.user_id == clerk.user_id).registration_signature
        from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

        private = Ed25519PrivateKey.generate()
        SigningKey.create(user_id=clerk.user_id, public_key=keys.public_hex(private), encrypted_private="",
                          registered_by_id=-1, registration="", registration_signature="")
        keys.KEYRING[keys.public_hex(private)] = private
        ledger.append([ledger.EntryDraft(household_id=1, village_id=1, kind="award", points=300,
                                         occurred_on=clock.today())], created_by=clerk.user_id)
        keys.KEYRING.clear()
        users.sign_in("admin", "admin123")  # would register waiting keys of users who never had one
        assert [p for p in check.run_checks() if "尚未由管理员登记" in p]
    finally:
        close_database()
