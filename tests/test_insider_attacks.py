"""Insider attacks (issue 21): someone with the database file or the server password, and the source code, but no
user's password, changes points, approvals, stock, redemptions or roles behind the program's back. Each attack
works with plain SQL and the hash recipe from the source; ``check`` must name what it touched (on SQLite and on
PostgreSQL). Before signatures, ``check`` passed after every one of them."""
from __future__ import annotations

import pytest

from pointsapp import clock
from pointsapp.db.connection import is_sqlite
from pointsapp.models import (
    EntryKind,
    EntryStatus,
    HouseholdBalance,
    LedgerEntry,
    Product,
    Redemption,
    SignedWrite,
    StockMove,
    User,
    database,
)
from pointsapp.services.auth import Role
from pointsapp.services.ops import check, users
from pointsapp.services.scoring import entries, ledger, review
from pointsapp.services.shop import redemption
from tests.conftest import bypass_append_only_triggers
from tests.scoring_helpers import household, make_village, rule
from tests.shop_helpers import make_shop


def sql(text: str, *params):
    return database.obj.execute_sql(text.replace("?", database.obj.param), params)


def drop_trigger(table: str, name: str) -> None:
    sql(f"DROP TRIGGER IF EXISTS {name}" + ("" if is_sqlite() else f" ON {table}"))


def problems_naming(*words: str) -> list[str]:
    found = check.run_checks()
    assert found, "check passed after the attack"
    named = [p for p in found if all(w in p for w in words)]
    assert named, found
    return named


def forge_row(household_id: int, village_id: int, points: int, created_by: int, kind=EntryKind.AWARD) -> int:
    """What an insider does: the next row of the household's chain, hashed by the recipe in ledger.py, and the
    cached balance raised to match (so balances, chains and monthly sums all agree)."""
    head = HouseholdBalance.get(HouseholdBalance.household == household_id)
    seq, prev = head.last_seq + 1, head.last_hash or ledger.GENESIS
    stamp = clock.now()
    day = stamp.date()
    earned = kind in (EntryKind.AWARD, EntryKind.DEDUCTION)
    digest = ledger.entry_hash(household_id=household_id, seq=seq, kind=kind, points=points, earned=earned,
                               rule_id=None, category_id=None, occurred_on=day, note="", reverses_id=None,
                               batch_id=None, created_by=created_by, created_at=stamp, prev_hash=prev)
    sql('INSERT INTO ledger_entry (household_id, village_id, seq, kind, points, earned, occurred_on, note, '
        'created_by_id, created_at, prev_hash, hash, status, effective_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '
        '?, ?, ?)', household_id, village_id, seq, kind, points, earned, day, "", created_by, stamp, prev, digest,
        EntryStatus.EFFECTIVE, stamp)
    sql("UPDATE household_balance SET available = available + ?, earned_total = earned_total + ?, last_seq = ?, "
        "last_hash = ? WHERE household_id = ?", points, points if earned else 0, seq, digest, household_id)
    return LedgerEntry.get(LedgerEntry.household == household_id, LedgerEntry.seq == seq).id


def test_a_correctly_chained_forged_award_is_named_by_check(admin, db):
    village = make_village(admin)
    h, r = household(village, 1), rule(village, "PA01")
    entries.add_entry(actor=admin, household_id=h.id, rule_id=r.id, occurred_on=clock.today())
    assert check.run_checks() == []
    forged = forge_row(h.id, village.id, 500, admin.user_id)
    named = problems_naming(f"#{forged}", f"户 #{h.id}", "没有签名")
    assert len(named) == 1
    assert ledger.cached_balance(h.id).available == ledger.ledger_balance(h.id).available  # balances agree


def test_a_deleted_redemption_with_its_head_rolled_back_is_named(admin, db):
    shop = make_shop(admin)
    rich = shop["rich"]
    done = redemption.redeem(actor=admin, items=[(shop["skus"]["酱油"], 2)], household_id=rich.id)
    before = HouseholdBalance.get(HouseholdBalance.household == rich.id)
    # later that day the till serves someone else: the chain of signatures moves on
    entries.add_entry(actor=admin, household_id=shop["poor"].id,
                      rule_id=rule(shop["village"], "PA01").id, occurred_on=clock.today())
    assert check.run_checks() == []
    row = Redemption.get_by_id(done.redemption_id)
    entry = LedgerEntry.get_by_id(row.ledger_entry_id)
    bypass_append_only_triggers()
    drop_trigger("signed_write", "signed_write_no_delete" if is_sqlite() else "signed_write_append_only")
    sql("DELETE FROM stock_move WHERE redemption_id = ?", row.id)
    sql("DELETE FROM redemption_line WHERE redemption_id = ?", row.id)
    sql("DELETE FROM redemption WHERE id = ?", row.id)
    sql("DELETE FROM ledger_entry WHERE id = ?", entry.id)
    sql("UPDATE product SET stock = stock + 2 WHERE sku = ?", shop["skus"]["酱油"])
    sql("UPDATE household_balance SET available = available + ?, last_seq = last_seq - 1, last_hash = ? "
        "WHERE household_id = ?", -entry.points, entry.prev_hash, rich.id)
    assert HouseholdBalance.get(HouseholdBalance.household == rich.id).available == before.available - entry.points
    problems_naming("签过的积分记录全都不见了")  # the ledger's signature still counts the row
    # the thorough insider removes the signatures too: the next signature's link gives it away
    sql("DELETE FROM signed_write WHERE id IN (?, ?)", entry.signed_write, entry.signed_write + 1)
    problems_naming("前面有签名记录被删除")


def test_approving_in_another_users_name_is_named(admin, actor_of, db):
    village = make_village(admin, workflow="reviewed")
    h, r = household(village, 1), rule(village, "PA01")
    scorer, reviewer = actor_of(Role.SCORER), actor_of(Role.REVIEWER)
    entry_id = entries.add_entry(actor=scorer, household_id=h.id, rule_id=r.id, occurred_on=clock.today()).id
    assert LedgerEntry.get_by_id(entry_id).status == EntryStatus.ENTERED
    assert check.run_checks() == []
    # the clerk approves her own entry in the reviewer's name
    sql("UPDATE ledger_entry SET status = ?, reviewed_by_id = ?, reviewed_at = ? WHERE id = ?",
        EntryStatus.REVIEWED, reviewer.user_id, clock.now(), entry_id)
    problems_naming(f"#{entry_id}", f"户 #{h.id}", "未经审核签名")


def test_a_real_approval_moved_to_another_reviewers_name_is_named(admin, actor_of, db):
    village = make_village(admin, workflow="reviewed")
    h, r = household(village, 1), rule(village, "PA01")
    scorer, reviewer = actor_of(Role.SCORER), actor_of(Role.REVIEWER)
    other = actor_of(Role.REVIEWER, "shenhe2")
    entries.add_entry(actor=scorer, household_id=h.id, rule_id=r.id, occurred_on=clock.today())
    entry_id = LedgerEntry.select().order_by(LedgerEntry.id.desc()).first().id
    review.review(actor=reviewer, entry_ids=[entry_id], approve=True)
    assert check.run_checks() == []
    sql("UPDATE ledger_entry SET reviewed_by_id = ? WHERE id = ?", other.user_id, entry_id)
    problems_naming(f"#{entry_id}", "冒用他人名义审核")


def test_a_pending_entry_set_effective_is_named(admin, actor_of, db):
    village = make_village(admin, workflow="reviewed")
    h, r = household(village, 1), rule(village, "PA01")
    scorer = actor_of(Role.SCORER)
    entries.add_entry(actor=scorer, household_id=h.id, rule_id=r.id, occurred_on=clock.today())
    entry = LedgerEntry.select().order_by(LedgerEntry.id.desc()).first()
    assert check.run_checks() == []
    sql("UPDATE ledger_entry SET status = ?, effective_at = ? WHERE id = ?", EntryStatus.EFFECTIVE, clock.now(),
        entry.id)
    sql("UPDATE household_balance SET available = available + ?, earned_total = earned_total + ? "
        "WHERE household_id = ?", entry.points, entry.points, h.id)
    problems_naming(f"#{entry.id}", "状态被改动过")


def test_a_role_changed_in_the_table_is_named(admin, actor_of, db):
    cashier = actor_of(Role.CASHIER)
    assert check.run_checks() == []
    sql('UPDATE "user" SET role = ? WHERE id = ?', "admin", cashier.user_id)
    problems_naming(cashier.username, "被直接改过")


def test_a_role_change_through_the_program_is_signed(admin, actor_of, db):
    cashier = actor_of(Role.CASHIER)
    users.set_role(actor=admin, username=cashier.username, role=Role.REVIEWER)
    users.set_active(actor=admin, username=cashier.username, active=False)
    assert check.run_checks() == []


def test_stock_raised_with_a_matching_fake_stock_move_is_named(admin, db):
    shop = make_shop(admin)
    assert check.run_checks() == []
    product = Product.get(Product.sku == shop["skus"]["电饭煲"])
    sql("INSERT INTO stock_move (product_id, kind, quantity, source, donor, reason, created_by_id, created_at) "
        "VALUES (?, ?, ?, '', '', '', ?, ?)", product.id, StockMove.KIND_IN, 50, admin.user_id, clock.now())
    sql("UPDATE product SET stock = stock + 50 WHERE id = ?", product.id)
    move = StockMove.select().order_by(StockMove.id.desc()).first()
    problems_naming(f"出入库记录 #{move.id}", "没有签名")


def test_a_signed_stock_move_changed_afterwards_is_named(admin, db):
    shop = make_shop(admin)
    move = StockMove.select().order_by(StockMove.id.desc()).first()
    sql("UPDATE stock_move SET quantity = quantity + 40 WHERE id = ?", move.id)
    sql("UPDATE product SET stock = stock + 40 WHERE id = ?", move.product_id)
    assert shop
    problems_naming("出入库记录被删除或改动过")


def test_a_redemption_total_changed_is_named(admin, db):
    shop = make_shop(admin)
    done = redemption.redeem(actor=admin, items=[(shop["skus"]["食盐"], 1)], household_id=shop["rich"].id)
    assert check.run_checks() == []
    sql("UPDATE redemption SET total_points = 1 WHERE id = ?", done.redemption_id)
    sql("UPDATE redemption_line SET points = 1, unit_price = 1 WHERE redemption_id = ?", done.redemption_id)
    named = problems_naming(f"兑换单 #{done.redemption_id}")
    assert any("签名不符" in p for p in named)


def test_a_voided_redemption_stays_signed(admin, db):
    shop = make_shop(admin)
    done = redemption.redeem(actor=admin, items=[(shop["skus"]["食盐"], 1)], household_id=shop["rich"].id)
    redemption.void(actor=admin, redemption_id=done.redemption_id, reason="扫错了")
    assert check.run_checks() == []


def test_a_signature_cannot_be_made_without_the_password(admin, actor_of, db):
    """The database holds the private keys only encrypted: a copy signs nothing."""
    from pointsapp.models import SigningKey
    from pointsapp.services.signing import keys

    scorer = actor_of(Role.SCORER)
    key = keys.active_key(scorer.user_id)
    assert keys.decrypt(key.encrypted_private, "wrong-password", key.public_key) is None
    assert keys.decrypt(key.encrypted_private, "123456", key.public_key) is not None
    assert bytes.fromhex(key.public_key) and SigningKey.select().count() >= 2


def test_writes_in_a_users_name_need_their_unlocked_key(admin, actor_of, db, monkeypatch):
    from pointsapp.errors import UserError
    from pointsapp.services.signing import keys

    village = make_village(admin)
    h, r = household(village, 1), rule(village, "PA01")
    scorer = actor_of(Role.SCORER)
    keys.lock(scorer.user_id)
    monkeypatch.setattr(keys, "provision_missing", None)
    with pytest.raises(UserError, match="签名密钥没有解锁"):
        entries.add_entry(actor=scorer, household_id=h.id, rule_id=r.id, occurred_on=clock.today())
    assert not LedgerEntry.select().where(LedgerEntry.created_by == scorer.user_id).exists()
    users.sign_in(scorer.username, "123456")  # signing in unlocks it
    entries.add_entry(actor=scorer, household_id=h.id, rule_id=r.id, occurred_on=clock.today())
    assert check.run_checks() == []


def test_a_reset_issues_a_new_key_and_the_old_rows_stay_valid(admin, actor_of, db):
    from pointsapp.services.signing import keys

    village = make_village(admin)
    h, r = household(village, 1), rule(village, "PA01")
    scorer = actor_of(Role.SCORER)
    old = keys.active_key(scorer.user_id)
    entries.add_entry(actor=scorer, household_id=h.id, rule_id=r.id, occurred_on=clock.today())
    users.reset_password(actor=admin, username=scorer.username, new_password="temp-789")
    new = keys.active_key(scorer.user_id)
    assert new.id != old.id and keys.decrypt(new.encrypted_private, "temp-789", new.public_key) is not None
    users.change_password(actor=scorer, old_password="temp-789", new_password="mine-4567")
    rewrapped = keys.active_key(scorer.user_id)
    assert rewrapped.id == new.id and keys.decrypt(rewrapped.encrypted_private, "mine-4567", new.public_key)
    entries.add_entry(actor=scorer, household_id=h.id, rule_id=r.id, occurred_on=clock.today())
    assert check.run_checks() == []


def test_a_forged_key_registration_is_named(admin, actor_of, db):
    """The insider makes a key of their own for the clerk and signs a row with it: no administrator registered it."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from pointsapp.models import SigningKey
    from pointsapp.services.signing import keys

    village = make_village(admin)
    h = household(village, 1)
    scorer = actor_of(Role.SCORER)
    private = Ed25519PrivateKey.generate()
    public = keys.public_hex(private)
    text = keys.registration_text(user_id=scorer.user_id, username=scorer.username, role="scorer",
                                  public_key=public, created_at=clock.now())
    SigningKey.update(retired_at=clock.now()).where(SigningKey.user_id == scorer.user_id).execute()
    SigningKey.create(user_id=scorer.user_id, public_key=public, encrypted_private="", registered_by_id=1,
                      registration=text, registration_signature=private.sign(text.encode()).hex())
    keys.KEYRING[public] = private
    ledger.append([ledger.EntryDraft(household_id=h.id, village_id=village.id, kind=EntryKind.AWARD, points=300,
                                     occurred_on=clock.today())], created_by=scorer.user_id)
    problems_naming("没有有效的管理员签名")
    problems_naming("不是登记过的密钥")


def test_one_signature_covers_a_whole_batch(admin, db):
    village = make_village(admin, households=30)
    r = rule(village, "PA01")
    drafts = [ledger.EntryDraft(household_id=household(village, n).id, village_id=village.id, kind=EntryKind.AWARD,
                                points=r.points, occurred_on=clock.today(), rule_id=r.id,
                                category_id=r.category_id) for n in range(1, 31)]
    writes_before = SignedWrite.select().count()
    ledger.append(drafts, created_by=admin.user_id, return_ids=False)
    assert SignedWrite.select().count() == writes_before + 1
    assert check.run_checks() == []


def test_upgrade_marker_covers_the_old_rows(admin, db):
    """As migration 0009 leaves an existing database: rows without a signature up to the marker are history."""
    import importlib.util

    village = make_village(admin)
    h, r = household(village, 1), rule(village, "PA01")
    entries.add_entry(actor=admin, household_id=h.id, rule_id=r.id, occurred_on=clock.today())
    bypass_append_only_triggers()
    forged = forge_row(h.id, village.id, 7, admin.user_id)  # an "old" row, written before signing existed
    assert problems_naming(f"#{forged}", "没有签名")
    drop_trigger("signed_write", "signed_write_no_delete" if is_sqlite() else "signed_write_append_only")
    sql("DELETE FROM signed_write")
    sql("DELETE FROM signing_head")
    sql("DELETE FROM signing_key")
    sql("UPDATE ledger_entry SET signed_write_id = NULL")
    from pathlib import Path

    path = Path(__file__).resolve().parent.parent / "migrations" / "0009_signatures.py"
    spec = importlib.util.spec_from_file_location("step_0009", path)
    step = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(step)
    step._upgrade_marker(database.obj)
    User.update(password_hash="").where(User.id != admin.user_id).execute()
    assert check.run_checks() == []
    notes = check.signature_notes()
    assert any("写于签名之前" in n for n in notes), notes
    later = forge_row(h.id, village.id, 9, admin.user_id)
    problems_naming(f"#{later}", "没有签名")


def test_audit_rows_edited_or_deleted_after_dropping_the_triggers_are_named(admin, actor_of, db):
    village = make_village(admin, workflow="reviewed")
    h, r = household(village, 1), rule(village, "PA01")
    scorer, reviewer = actor_of(Role.SCORER), actor_of(Role.REVIEWER)
    entry_id = entries.add_entry(actor=scorer, household_id=h.id, rule_id=r.id, occurred_on=clock.today()).id
    review.review(actor=reviewer, entry_ids=[entry_id], approve=True)
    assert check.run_checks() == []
    from pointsapp.models import AuditLog

    approval = AuditLog.get(AuditLog.action == "entry.approve")
    entered = AuditLog.select().where(AuditLog.user_id == scorer.user_id).order_by(AuditLog.id.desc()).first()
    drop_trigger("audit_log", "audit_log_no_update" if is_sqlite() else "audit_log_append_only")
    drop_trigger("audit_log", "audit_log_no_delete")
    sql("UPDATE audit_log SET username = ?, user_id = ? WHERE id = ?", scorer.username, scorer.user_id, approval.id)
    problems_naming(f"#{approval.id}", "操作日志", "被改动过")
    sql("DELETE FROM audit_log WHERE id = ?", entered.id)
    problems_naming(f"#{entered.id}", "被删除了")
