"""Every integer that reaches the database is bounded by a domain rule, refused with a Chinese message naming the
limit, and changes nothing — through the services and the command line, on both backends."""
from __future__ import annotations

import pytest

from pointsapp import clock

from pointsapp.errors import UserError
from pointsapp.models import LedgerEntry, Product, StockMove
from pointsapp.services import limits
from pointsapp.services.ops import check
from pointsapp.services.register.households import HouseholdData, MemberData, create_household
from pointsapp.services.scoring import ledger, rules
from pointsapp.services.shop import products, redemption, stock
from tests.conftest import admin_with_password
from tests.cli_helpers import run_cli
from tests.shop_helpers import make_shop, stocks

HUGE = [9223372036854775000, 99999999999999999999, 2**31, -(2**63) - 1]


def _refused(call, *words):
    with pytest.raises(UserError) as refused:
        call()
    for word in words:
        assert word in refused.value.message, refused.value.message
    return refused.value.message


def test_absurd_quantities_prices_and_points_are_refused_and_change_nothing(db, admin):
    shop = make_shop(admin)
    salt = Product.get(Product.sku == shop["skus"]["食盐"])
    before, moves, entries = stocks(), StockMove.select().count(), LedgerEntry.select().count()
    for n in HUGE:
        _refused(lambda: stock.stock_in(actor=admin, product_id=salt.id, quantity=abs(n)), "数量", "100,000")
        _refused(lambda: stock.adjust(actor=admin, product_id=salt.id, delta=n, reason="试"), "调整数量")
        _refused(lambda: stock.record_stocktake(actor=admin, counts={salt.id: abs(n)}), "实盘数量")
        _refused(lambda: products.create_product(actor=admin, data=products.ProductData(
            sku="X1", name="大米", price=abs(n))), "兑换所需积分", "1,000,000")
        _refused(lambda: redemption.redeem(actor=admin, card_payload=shop["rich_card"],
                                           items=[(salt.sku, abs(n))]), "数量", "1,000")
        category = rules.list_categories(actor=admin, village_id=shop["village"].id)[0]
        _refused(lambda: rules.create_rule(actor=admin, village_id=shop["village"].id, category_id=category.id,
                                           code="BIG", title="大额", points=n), "分值", "10,000")
        _refused(lambda: ledger.append([ledger.EntryDraft(
            household_id=shop["rich"].id, village_id=shop["village"].id, kind="award", points=n,
            occurred_on=clock.today(), note="x")],
            created_by=admin.user_id), "积分")
    # many stock-ins within the per-move limit still cannot push stock past what a shelf holds
    stock.stock_in(actor=admin, product_id=salt.id, quantity=limits.STOCK_MOVE)
    salt = Product.get_by_id(salt.id)
    salt_stock = salt.stock
    Product.update(stock=limits.STOCK_ON_HAND - 1).where(Product.id == salt.id).execute()
    _refused(lambda: stock.stock_in(actor=admin, product_id=salt.id, quantity=2), "库存最多")
    Product.update(stock=salt_stock).where(Product.id == salt.id).execute()
    assert StockMove.select().count() == moves + 1 and LedgerEntry.select().count() == entries
    assert {k: v for k, v in stocks().items() if k != salt.sku} == {k: v for k, v in before.items() if k != salt.sku}
    assert check.run_checks() == []


def test_a_household_with_too_many_members_is_refused(db, admin):
    from pointsapp.services.register.villages import create_village

    village = create_village(actor=admin, name="桃园村", code="V01", groups=["1组"])
    members = [MemberData(name="户主甲", relation="户主", is_head=True)] + [
        MemberData(name=f"成员{i}", relation="其他") for i in range(limits.MEMBERS)]
    _refused(lambda: create_household(actor=admin, village=village, data=HouseholdData(
        household_no="1", group_name="1组", members=members)), "最多 100 人")


@pytest.mark.parametrize("args, words", [
    (["stock", "in", "6901234500011", "9223372036854775000"], ["数量", "100,000"]),
    (["products", "price", "6901234500011", "99999999999999999999"], ["兑换所需积分", "1,000,000"]),
    (["products", "add", "--sku", "X9", "--name", "大米", "--price", "99999999999999999999"], ["兑换所需积分"]),
    (["stock", "adjust", "6901234500011", "-9223372036854775809", "--reason", "试"], ["调整数量"]),
])
def test_the_command_line_names_the_limit_on_both_backends(db_target, args, words):
    from pointsapp.db import close_database, open_database

    open_database(db_target)
    make_shop(admin_with_password())
    before = stocks()
    close_database()
    done = run_cli(*args, db=db_target)
    assert done.returncode != 0
    assert all(w in done.stderr for w in words), done.stderr
    assert "程序内部错误" not in done.stderr and "Error" not in done.stderr
    open_database(db_target)
    try:
        assert stocks() == before
        assert not Product.select().where(Product.sku == "X9").exists()
    finally:
        close_database()
    done = run_cli("check", db=db_target)
    assert done.returncode == 0, done.stdout + done.stderr
