"""Redeeming at the points supermarket: refusals change nothing, tokens are idempotent, voids restore."""
from __future__ import annotations

import datetime as dt

import pytest

from pointsapp import clock
from pointsapp.models import AuditLog, EntryKind, Household, LedgerEntry, Redemption, RedemptionLine, StockMove
from pointsapp.services.register import cards
from pointsapp.services.ops import check
from pointsapp.services.shop import products
from pointsapp.services.shop import redemption
from pointsapp.services.shop import stock
from pointsapp.services.auth import Role
from pointsapp.errors import PermissionDenied, UserError
from tests.shop_helpers import available, make_shop, stocks


@pytest.fixture
def shop(admin):
    return make_shop(admin)


def _snapshot(shop):
    return (available(shop["rich"].id), available(shop["poor"].id), stocks(), Redemption.select().count(),
            LedgerEntry.select().count(), StockMove.select().count())


def test_redeeming_lowers_points_and_stock_together(admin, shop, actor_of):
    cashier = actor_of(Role.CASHIER)
    skus = shop["skus"]
    result = redemption.redeem(actor=cashier, card_payload=shop["rich_card"],
                               items=[(skus["食盐"], 2), (skus["酱油"], 1), (skus["食盐"], 1)], token="t1")
    assert result.total_points == 3 * 5 + 10
    assert result.available_after == 100 - 25 == available(shop["rich"].id)
    assert stocks()[skus["食盐"]] == 7 and stocks()[skus["酱油"]] == 9
    entry = LedgerEntry.get_by_id(Redemption.get_by_id(result.redemption_id).ledger_entry_id)
    assert entry.kind == EntryKind.REDEMPTION and entry.points == -25 and entry.earned is False
    assert Redemption.get_by_id(result.redemption_id).card_serial == 1
    assert check.run_checks() == []


@pytest.mark.parametrize("case", ["forged", "unknown", "revoked", "archived", "too_few_points", "out_of_stock",
                                  "unknown_barcode", "empty_basket", "inactive"])
def test_every_refusal_leaves_points_and_stock_unchanged(admin, shop, actor_of, case):
    cashier = actor_of(Role.CASHIER)
    skus = shop["skus"]
    card, items = shop["rich_card"], [(skus["食用油"], 1)]
    expected = {"forged": redemption.CardRefused, "unknown": redemption.CardRefused,
                "revoked": redemption.RevokedCard, "archived": redemption.HouseholdArchived,
                "too_few_points": redemption.NotEnoughPoints, "out_of_stock": redemption.OutOfStock,
                "unknown_barcode": redemption.UnknownProduct, "empty_basket": UserError,
                "inactive": redemption.ProductInactive}[case]
    if case == "forged":
        card = card[:-3] + ("AAA" if not card.endswith("AAA") else "BBB")
    elif case == "unknown":
        card = "https://example.com/not-a-card"
    elif case == "revoked":
        cards.reissue(actor=admin, household_id=shop["rich"].id, reason="卡片遗失")
    elif case == "archived":
        Household.update(status=Household.STATUS_ARCHIVED).where(Household.id == shop["rich"].id).execute()
    elif case == "too_few_points":
        items = [(skus["电饭煲"], 1)]
    elif case == "out_of_stock":
        items = [(skus["食用油"], 11)]
    elif case == "unknown_barcode":
        items = [(skus["食用油"], 1), ("1234567890123", 1)]
    elif case == "empty_basket":
        items = []
    elif case == "inactive":
        products.deactivate(actor=admin, product_id=products.find_by_sku(skus["食用油"], actor=admin).id)
    before = _snapshot(shop)
    with pytest.raises(expected) as info:
        redemption.redeem(actor=cashier, card_payload=card, items=items, token=f"tok-{case}")
    assert info.value.message  # a Chinese sentence for the cashier
    assert _snapshot(shop) == before
    assert not Redemption.select().where(Redemption.token == f"tok-{case}").exists()
    assert check.run_checks() == []


def test_too_few_points_says_how_many_are_missing(shop, actor_of):
    with pytest.raises(redemption.NotEnoughPoints) as info:
        redemption.redeem(actor=actor_of(Role.CASHIER), card_payload=shop["rich_card"],
                          items=[(shop["skus"]["电饭煲"], 1)])
    assert info.value.short == 200 and "还差 200 分" in info.value.message


def test_out_of_stock_names_the_product(shop, actor_of):
    with pytest.raises(redemption.OutOfStock) as info:
        redemption.redeem(actor=actor_of(Role.CASHIER), card_payload=shop["rich_card"],
                          items=[(shop["skus"]["酱油"], 11)])
    assert "酱油" in info.value.message and "只剩 10瓶" in info.value.message


def test_confirming_the_same_basket_twice_redeems_once(shop, actor_of):
    cashier = actor_of(Role.CASHIER)
    items = [(shop["skus"]["酱油"], 2)]
    first = redemption.redeem(actor=cashier, card_payload=shop["rich_card"], items=items, token="basket-1")
    second = redemption.redeem(actor=cashier, card_payload=shop["rich_card"], items=items, token="basket-1")
    assert second.redemption_id == first.redemption_id and second.replayed and not first.replayed
    assert Redemption.select().count() == 1
    assert available(shop["rich"].id) == 80 and stocks()[shop["skus"]["酱油"]] == 8


def test_a_token_used_by_another_household_is_refused(shop, actor_of):
    cashier = actor_of(Role.CASHIER)
    redemption.redeem(actor=cashier, card_payload=shop["rich_card"], items=[(shop["skus"]["食盐"], 1)], token="x")
    with pytest.raises(UserError):
        redemption.redeem(actor=cashier, household_id=shop["poor"].id, items=[(shop["skus"]["食盐"], 1)], token="x")


def test_manual_household_choice_redeems_without_a_card(shop, actor_of):
    result = redemption.redeem(actor=actor_of(Role.CASHIER), household_id=shop["rich"].id,
                               items=[(shop["skus"]["食盐"], 1)])
    assert Redemption.get_by_id(result.redemption_id).card_serial is None
    assert available(shop["rich"].id) == 95


def test_void_restores_points_and_stock(shop, actor_of):
    cashier = actor_of(Role.CASHIER)
    skus = shop["skus"]
    done = redemption.redeem(actor=cashier, card_payload=shop["rich_card"], items=[(skus["食用油"], 1)])
    assert available(shop["rich"].id) == 40 and stocks()[skus["食用油"]] == 9
    with pytest.raises(UserError):
        redemption.void(actor=cashier, redemption_id=done.redemption_id, reason="  ")
    voided = redemption.void(actor=cashier, redemption_id=done.redemption_id, reason="拿错了商品")
    assert voided.status == Redemption.STATUS_VOIDED
    assert available(shop["rich"].id) == 100 and stocks()[skus["食用油"]] == 10
    row = Redemption.get_by_id(done.redemption_id)
    reversal = LedgerEntry.get_by_id(row.void_entry_id)
    assert reversal.kind == EntryKind.REVERSAL and reversal.reverses_id == row.ledger_entry_id and reversal.points == 60
    with pytest.raises(UserError):
        redemption.void(actor=cashier, redemption_id=done.redemption_id, reason="再来一次")
    assert available(shop["rich"].id) == 100
    assert AuditLog.select().where(AuditLog.action == "redemption.void").count() == 1
    assert check.run_checks() == []


def test_only_an_admin_voids_an_earlier_days_redemption(admin, shop, actor_of):
    cashier = actor_of(Role.CASHIER)
    done = redemption.redeem(actor=cashier, card_payload=shop["rich_card"], items=[(shop["skus"]["食盐"], 1)])
    yesterday = clock.now().replace(microsecond=0) - dt.timedelta(days=1)
    Redemption.update(created_at=yesterday).where(Redemption.id == done.redemption_id).execute()
    with pytest.raises(PermissionDenied):
        redemption.void(actor=cashier, redemption_id=done.redemption_id, reason="退货")
    assert available(shop["rich"].id) == 95
    redemption.void(actor=admin, redemption_id=done.redemption_id, reason="退货")
    assert available(shop["rich"].id) == 100


def test_a_cashier_voids_only_their_own_redemptions(admin, shop, actor_of):
    first, second = actor_of(Role.CASHIER, "cashier1"), actor_of(Role.CASHIER, "cashier2")
    done = redemption.redeem(actor=first, card_payload=shop["rich_card"], items=[(shop["skus"]["食盐"], 1)])
    with pytest.raises(PermissionDenied, match="其他收银员"):
        redemption.void(actor=second, redemption_id=done.redemption_id, reason="退货")
    assert available(shop["rich"].id) == 95 and Redemption.get_by_id(done.redemption_id).status == Redemption.STATUS_DONE
    assert AuditLog.select().where(AuditLog.action == "redemption.void").count() == 0
    redemption.void(actor=first, redemption_id=done.redemption_id, reason="退货")
    assert available(shop["rich"].id) == 100
    again = redemption.redeem(actor=first, card_payload=shop["rich_card"], items=[(shop["skus"]["食盐"], 1)])
    redemption.void(actor=admin, redemption_id=again.redemption_id, reason="顾客不要了")
    assert Redemption.get_by_id(again.redemption_id).voided_by_id == admin.user_id


def test_a_viewer_cannot_redeem(shop, actor_of):
    with pytest.raises(PermissionDenied):
        redemption.redeem(actor=actor_of(Role.VIEWER), card_payload=shop["rich_card"],
                          items=[(shop["skus"]["食盐"], 1)])
    assert available(shop["rich"].id) == 100


def test_a_price_change_keeps_the_price_of_past_redemptions(admin, shop, actor_of):
    cashier = actor_of(Role.CASHIER)
    sku = shop["skus"]["酱油"]
    before = redemption.redeem(actor=cashier, card_payload=shop["rich_card"], items=[(sku, 1)])
    product = products.find_by_sku(sku, actor=admin)
    products.edit_product(actor=admin, product_id=product.id, data=products.ProductData(
        sku=sku, name="酱油", price=12, category=product.category, unit=product.unit))
    after = redemption.redeem(actor=cashier, card_payload=shop["rich_card"], items=[(sku, 1)])
    line_before = RedemptionLine.get(RedemptionLine.redemption == before.redemption_id)
    line_after = RedemptionLine.get(RedemptionLine.redemption == after.redemption_id)
    assert (line_before.unit_price, line_before.points) == (10, 10)
    assert (line_after.unit_price, line_after.points) == (12, 12)
    assert Redemption.get_by_id(before.redemption_id).total_points == 10
    assert available(shop["rich"].id) == 100 - 10 - 12


def test_products_are_found_by_barcode_name_and_pinyin(shop, admin):
    assert products.find_by_sku(shop["skus"]["酱油"], actor=admin).name == "酱油"
    assert [p.name for p in products.search("jy", actor=admin)] == ["酱油"]
    assert [p.name for p in products.search("shiyong", actor=admin)] == ["食用油"]
    assert {p.name for p in products.search("粮油", actor=admin)} == {"食盐", "酱油", "食用油"}
    with pytest.raises(products.UnknownProduct):
        products.find_by_sku("0000", actor=admin)


def test_stock_moves_need_reasons_and_never_go_negative(admin, shop):
    pid = products.find_by_sku(shop["skus"]["食盐"], actor=admin).id
    with pytest.raises(UserError):
        stock.stock_in(actor=admin, product_id=pid, quantity=5, source=StockMove.SOURCE_DONATION, donor=" ")
    with pytest.raises(UserError):
        stock.stock_out(actor=admin, product_id=pid, quantity=11, reason="过期")
    with pytest.raises(UserError):
        stock.adjust(actor=admin, product_id=pid, delta=-1, reason="")
    stock.stock_in(actor=admin, product_id=pid, quantity=5, source=StockMove.SOURCE_DONATION, donor="青山超市")
    stock.stock_out(actor=admin, product_id=pid, quantity=2, reason="包装破损")
    stock.adjust(actor=admin, product_id=pid, delta=-1, reason="记错数")
    assert products.get_product(actor=admin, product_id=pid).stock == 12
    take, diffs = stock.record_stocktake(actor=admin, counts={pid: 10})
    assert [(d.expected, d.counted, d.difference) for d in diffs] == [(12, 10, -2)]
    assert products.get_product(actor=admin, product_id=pid).stock == 10
    assert StockMove.get(StockMove.stocktake == take.id).quantity == -2
    donation = StockMove.get(StockMove.donor == "青山超市")
    moves = stock.list_moves(actor=admin, product_id=pid)
    assert [m.kind_label for m in moves][:4] == ["盘点", "调整", "出库", "入库"]
    assert moves[3].donor == "青山超市" and moves[3].source == "爱心捐赠"
    assert donation.source == StockMove.SOURCE_DONATION and donation.quantity == 5
    assert check.run_checks() == []


def test_low_stock_lists_products_at_their_warning_level(admin, actor_of):
    make_shop(admin, stock_each=6)
    pid = products.find_by_sku("6901234500011", actor=admin).id
    stock.stock_out(actor=admin, product_id=pid, quantity=2, reason="过期")
    assert [p.name for p in products.low_stock(actor=admin)] == ["食盐"]
