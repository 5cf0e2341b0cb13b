"""Shelf life (保质期): a stock-in is a lot with its dates; lots near expiry and expired ones are warned of, the
stock on hand is the lots that expire last, and expired lots are written off with a reason."""
from __future__ import annotations

import datetime as dt

import pytest

from pointsapp import clock
from pointsapp.errors import UserError
from pointsapp.models import Product, StockMove
from pointsapp.services.auth import Role
from pointsapp.services.ops import check
from pointsapp.services.shop import lots, products, redemption, stock
from tests.shop_helpers import make_shop, stocks


def _soy(admin, shop):
    soy = products.find_by_sku(shop["skus"]["酱油"], actor=admin)
    products.edit_product(actor=admin, product_id=soy.id, data=products.ProductData(
        soy.sku, soy.name, soy.price, soy.category, soy.unit, shelf_life_days=365))
    return soy


def test_lots_are_dated_warned_of_and_expired_ones_written_off(admin, actor_of):
    shop = make_shop(admin, stock_each=0, points=500)
    soy = _soy(admin, shop)
    today = clock.today()
    old = stock.stock_in(actor=admin, product_id=soy.id, quantity=4, produced_on=today - dt.timedelta(days=400),
                         unit_cost_fen=550)  # expired 35 days ago
    near = stock.stock_in(actor=admin, product_id=soy.id, quantity=3, expires_on=today + dt.timedelta(days=20))
    fresh = stock.stock_in(actor=admin, product_id=soy.id, quantity=5, produced_on=today - dt.timedelta(days=10))
    assert old.expires_on == today - dt.timedelta(days=35) and fresh.expires_on == today + dt.timedelta(days=355)
    warned = lots.shelf_warnings()
    assert [(w.lot.move_id, w.state, w.days_left, w.lot.on_hand) for w in warned] == [
        (old.id, "expired", -35, 4), (near.id, "soon", 20, 3)]
    assert lots.shelf_warnings(days=10) == warned[:1]
    # the shop hands out the lot that expires first: a redemption of 2 leaves 2 of the expired lot
    cashier = actor_of(Role.CASHIER)
    redemption.redeem(actor=cashier, card_payload=shop["rich_card"], items=[(soy.sku, 2)])
    on_hand = {lot.move_id: lot.on_hand for lot in lots.lots_on_hand([soy.id])}
    assert on_hand == {old.id: 2, near.id: 3, fresh.id: 5}
    with pytest.raises(UserError):
        lots.write_off_expired(actor=admin, reason="  ")
    moves = lots.write_off_expired(actor=admin, reason="过期销毁")
    assert [(m.kind, m.quantity) for m in moves] == [(StockMove.KIND_OUT, -2)] and "过期销毁" in moves[0].reason
    assert stocks()[soy.sku] == 8
    assert [w.state for w in lots.shelf_warnings()] == ["soon"]
    with pytest.raises(UserError):
        lots.write_off_expired(actor=admin, reason="again")
    assert check.run_checks() == []


def test_impossible_lot_dates_are_refused(admin):
    shop = make_shop(admin, stock_each=0)
    soy = _soy(admin, shop)
    today = clock.today()
    with pytest.raises(UserError):
        stock.stock_in(actor=admin, product_id=soy.id, quantity=1, produced_on=today + dt.timedelta(days=1))
    with pytest.raises(UserError):
        stock.stock_in(actor=admin, product_id=soy.id, quantity=1, produced_on=today,
                       expires_on=today - dt.timedelta(days=1))
    assert Product.get_by_id(soy.id).stock == 0
