"""What a redemption writes: the rows behind the cashier's receipt, the hand-chosen household's refusals,
a replayed basket, and a basket bigger than one statement holds."""
from __future__ import annotations

import json

import pytest

from pointsapp.models import (
    AuditLog, EntryKind, Household, LedgerEntry, Redemption, RedemptionLine, StockMove,
)
from pointsapp.services.ops import check
from pointsapp.services.scoring import ledger
from pointsapp.services.shop import products
from pointsapp.services.shop import redemption
from pointsapp.services.shop import stock
from pointsapp.services.auth import Role
from pointsapp.errors import NotFound
from tests.shop_helpers import available, make_household, make_shop, stocks


@pytest.fixture
def shop(admin):
    return make_shop(admin)


def _counts():
    return (Redemption.select().count(), RedemptionLine.select().count(), StockMove.select().count(),
            LedgerEntry.select().count(), AuditLog.select().count(), stocks())


def test_the_receipt_read_back_shows_exactly_what_the_cashier_was_told(shop, actor_of):
    cashier = actor_of(Role.CASHIER)
    skus = shop["skus"]
    told = redemption.redeem(actor=cashier, card_payload=shop["rich_card"], note=" 节日活动 ",
                             items=[(skus["酱油"], 2), (skus["食盐"], 3), (skus["酱油"], 1)], token="receipt-1")
    receipt = redemption.detail(actor=cashier, redemption_id=told.redemption_id)
    assert receipt.result.lines == told.lines
    assert (receipt.result.total_points, receipt.result.available_after, receipt.result.created_at,
            receipt.result.status, receipt.result.token) == (
        told.total_points, told.available_after, told.created_at, told.status, told.token)
    assert [(line.sku, line.quantity, line.unit_price, line.points) for line in told.lines] == [
        (skus["酱油"], 3, 10, 30), (skus["食盐"], 3, 5, 15)]
    assert told.available_after == available(shop["rich"].id) == 100 - 45
    assert receipt.shopper.household_id == shop["rich"].id and receipt.shopper.card_serial == 1


def test_a_redemption_writes_its_stock_moves_entry_and_audit_row(shop, actor_of):
    cashier = actor_of(Role.CASHIER)
    skus = shop["skus"]
    result = redemption.redeem(actor=cashier, card_payload=shop["rich_card"], note=" 节日活动 ",
                               items=[(skus["食盐"], 2), (skus["食用油"], 1)])
    row = Redemption.get_by_id(result.redemption_id)
    assert (row.household_id, row.card_serial, row.total_points, row.status, row.created_by_id, row.void_reason) == (
        shop["rich"].id, 1, 70, Redemption.STATUS_DONE, cashier.user_id, "")
    moves = {m.product.sku: m for m in StockMove.select().where(StockMove.redemption == row.id)}
    assert {sku: m.quantity for sku, m in moves.items()} == {skus["食盐"]: -2, skus["食用油"]: -1}
    assert {(m.kind, m.reason, m.source, m.donor, m.created_by_id, m.created_at) for m in moves.values()} == {
        (StockMove.KIND_REDEEM, "节日活动", "", "", cashier.user_id, row.created_at)}
    assert stocks()[skus["食盐"]] == 8 and stocks()[skus["食用油"]] == 9
    entry = LedgerEntry.get_by_id(row.ledger_entry_id)
    assert (entry.kind, entry.points, entry.household_id, entry.created_at) == (
        EntryKind.REDEMPTION, -70, shop["rich"].id, row.created_at)
    assert "食盐×2" in entry.note and "食用油×1" in entry.note
    audit = AuditLog.get(AuditLog.action == "redemption.create")
    assert audit.entity_id == str(row.id) and audit.username == cashier.username
    assert json.loads(audit.new_value) == {"household": shop["rich"].id, "points": 70, "card_serial": 1,
                                           "items": {skus["食盐"]: 2, skus["食用油"]: 1}}
    assert check.run_checks() == []


def test_an_archived_household_chosen_by_hand_is_refused_and_nothing_changes(shop, actor_of):
    Household.update(status=Household.STATUS_ARCHIVED).where(Household.id == shop["rich"].id).execute()
    before = _counts()
    with pytest.raises(redemption.HouseholdArchived) as info:
        redemption.redeem(actor=actor_of(Role.CASHIER), household_id=shop["rich"].id,
                          items=[(shop["skus"]["食盐"], 1)])
    assert "张三丰" in info.value.message
    assert _counts() == before and available(shop["rich"].id) == 100


def test_a_household_that_does_not_exist_is_refused(shop, actor_of):
    before = _counts()
    with pytest.raises(NotFound):
        redemption.redeem(actor=actor_of(Role.CASHIER), household_id=999_999, items=[(shop["skus"]["食盐"], 1)])
    assert _counts() == before


def test_a_household_without_any_points_yet_is_told_it_has_none(shop, actor_of):
    before = _counts()
    with pytest.raises(redemption.NotEnoughPoints) as info:
        redemption.redeem(actor=actor_of(Role.CASHIER), card_payload=shop["poor_card"],
                          items=[(shop["skus"]["食盐"], 1)])
    assert info.value.short == 5 and "可用只有 0 分" in info.value.message
    assert _counts() == before


def test_confirming_again_after_the_points_and_stock_ran_out_still_returns_the_first_redemption(admin, shop,
                                                                                                 actor_of):
    cashier = actor_of(Role.CASHIER)
    oil = shop["skus"]["食用油"]
    first = redemption.redeem(actor=cashier, household_id=shop["rich"].id, items=[(oil, 1)], token="again")
    stock.stock_out(actor=admin, product_id=products.find_by_sku(oil, actor=admin).id, quantity=9, reason="过期报损")
    redemption.redeem(actor=cashier, card_payload=shop["rich_card"], items=[(shop["skus"]["酱油"], 4)])
    assert available(shop["rich"].id) == 0 and stocks()[oil] == 0
    before = _counts()
    again = redemption.redeem(actor=cashier, household_id=shop["rich"].id, items=[(oil, 1)], token="again")
    assert again.replayed and again.redemption_id == first.redemption_id and again.lines == first.lines
    assert _counts() == before


def test_a_basket_of_many_different_products_is_written_whole(admin, shop, actor_of):
    """More lines than one statement carries (100): every line, move and stock change is still written."""
    skus = []
    for i in range(130):
        p = products.create_product(actor=admin, data=products.ProductData(
            sku=f"BULK{i:04d}", name=f"小商品{i}", price=1, category="日用", unit="个"))
        stock.stock_in(actor=admin, product_id=p.id, quantity=5, source=StockMove.SOURCE_BUDGET)
        skus.append(p.sku)
    rich = make_household(admin, shop["village"], "01009", "王大户", 1000)
    result = redemption.redeem(actor=actor_of(Role.CASHIER), household_id=rich.id,
                               items=[(sku, 1 + i % 3) for i, sku in enumerate(skus)])
    quantities = {sku: 1 + i % 3 for i, sku in enumerate(skus)}
    assert result.total_points == sum(quantities.values())
    assert {line.sku: line.quantity for line in result.lines} == quantities
    assert RedemptionLine.select().where(RedemptionLine.redemption == result.redemption_id).count() == 130
    assert StockMove.select().where(StockMove.redemption == result.redemption_id).count() == 130
    assert {sku: n for sku, n in stocks().items() if sku in quantities} == {
        sku: 5 - q for sku, q in quantities.items()}
    assert available(rich.id) == 1000 - result.total_points == ledger.ledger_balance(rich.id).available
    assert check.run_checks() == []
