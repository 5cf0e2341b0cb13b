"""Redemption days (兑换日) and per-household limits (限兑), both checked inside the sale's transaction."""
from __future__ import annotations

import datetime as dt

import pytest

from pointsapp.errors import UserError
from pointsapp.models import Redemption
from pointsapp.services.auth import Role
from pointsapp.services.ops import check
from pointsapp.services.shop import household_limits, policy, products, redemption
from pointsapp.services.shop import redemption_days as days_rule
from tests.shop_helpers import available, make_shop, stocks


def test_redemption_days_are_read_as_days_of_the_month_and_named_dates():
    rule = days_rule.parse("1-5，15、2027-01-20")
    assert rule.allows(dt.date(2026, 12, 3)) and rule.allows(dt.date(2026, 12, 15))
    assert not rule.allows(dt.date(2026, 12, 16)) and rule.allows(dt.date(2027, 1, 20))
    assert rule.next_day(dt.date(2026, 11, 25)) == dt.date(2026, 12, 1)
    assert days_rule.normalised("3 1 2 15 2027-1-20") == "1-3, 15, 2027-01-20"
    assert days_rule.parse("").every_day
    assert days_rule.parse("2027-02-10").next_day(dt.date(2027, 2, 11)) is None
    for bad in ("5-1", "32", "每周一", "2027-02-30"):
        with pytest.raises(UserError):
            days_rule.parse(bad)


def test_outside_the_redemption_days_the_till_refuses_and_names_the_next_day(admin, actor_of, monkeypatch):
    shop = make_shop(admin, points=100)
    policy.set_policy(actor=admin, village_id=shop["village"].id, cash_allowed=False, point_price=100,
                      redemption_days="1-5, 2026-12-24")
    cashier = actor_of(Role.CASHIER)
    salt = shop["skus"]["食盐"]
    monkeypatch.setenv("POINTSAPP_TODAY", "2026-11-25")
    with pytest.raises(redemption.OutsideRedemptionDays) as refused:
        redemption.redeem(actor=cashier, card_payload=shop["rich_card"], items=[(salt, 1)])
    assert refused.value.next_day == dt.date(2026, 12, 1) and "2026-12-01" in refused.value.message
    assert available(shop["rich"].id) == 100 and Redemption.select().count() == 0 and stocks()[salt] == 10
    monkeypatch.setenv("POINTSAPP_TODAY", "2026-12-10")
    with pytest.raises(redemption.OutsideRedemptionDays) as refused:
        redemption.redeem(actor=cashier, card_payload=shop["rich_card"], items=[(salt, 1)])
    assert refused.value.next_day == dt.date(2026, 12, 24)
    for day in ("2026-12-05", "2026-12-24"):
        monkeypatch.setenv("POINTSAPP_TODAY", day)
        redemption.redeem(actor=cashier, card_payload=shop["rich_card"], items=[(salt, 1)])
    assert available(shop["rich"].id) == 90


def test_a_household_limit_counts_the_period_and_ignores_voided_redemptions(admin, actor_of, monkeypatch):
    shop = make_shop(admin, points=500)
    oil = products.find_by_sku(shop["skus"]["食用油"], actor=admin)
    data = products.ProductData(oil.sku, oil.name, oil.price, oil.category, oil.unit, limit_quantity=2,
                                limit_period="month")
    products.edit_product(actor=admin, product_id=oil.id, data=data)
    cashier = actor_of(Role.CASHIER)
    monkeypatch.setenv("POINTSAPP_TODAY", "2026-11-25")
    first = redemption.redeem(actor=cashier, card_payload=shop["rich_card"], items=[(oil.sku, 2)])
    with pytest.raises(redemption.OverLimit) as over:
        redemption.redeem(actor=cashier, card_payload=shop["rich_card"], items=[(oil.sku, 1)])
    assert "每月限兑 2桶" in over.value.message and "已兑换 2桶" in over.value.message
    assert over.value.sku == oil.sku and available(shop["rich"].id) == 380
    redemption.void(actor=cashier, redemption_id=first.redemption_id, reason="退货")
    redemption.redeem(actor=cashier, card_payload=shop["rich_card"], items=[(oil.sku, 1)])  # the void freed it
    with pytest.raises(redemption.OverLimit):
        redemption.redeem(actor=cashier, card_payload=shop["rich_card"], items=[(oil.sku, 2)])
    monkeypatch.setenv("POINTSAPP_TODAY", "2026-12-01")  # a new month
    redemption.redeem(actor=cashier, card_payload=shop["rich_card"], items=[(oil.sku, 2)])
    assert check.run_checks() == []


def test_limit_periods_start_where_a_village_counts_them():
    day = dt.date(2026, 11, 25)
    assert household_limits.period_start(day, "month") == dt.date(2026, 11, 1)
    assert household_limits.period_start(day, "quarter") == dt.date(2026, 10, 1)
    assert household_limits.period_start(day, "year") == dt.date(2026, 1, 1)
    assert household_limits.checked_limit(None, "month") == (None, "")
    with pytest.raises(UserError):
        household_limits.checked_limit(2, "week")


def _limited_station(db_target, payload, sku, barrier, results):
    from pointsapp.db import close_database, open_database
    from pointsapp.errors import UserError
    from pointsapp.services.ops import users
    from pointsapp.services.shop import redemption as shop_redemption

    open_database(db_target)
    from tests.cli_helpers import OPERATOR_PASSWORD

    actor = users.sign_in("cashier", OPERATOR_PASSWORD).actor  # a station signs in: its key unlocked
    barrier.wait()
    try:
        results.put(("ok", shop_redemption.redeem(actor=actor, card_payload=payload, items=[(sku, 1)]).redemption_id))
    except UserError as exc:
        results.put((type(exc).__name__, exc.message))
    finally:
        close_database()


def test_two_stations_selling_the_last_allowed_bag_to_one_household_sell_it_once(admin, db_target):
    from pointsapp.db import close_database, open_database
    from tests.conftest import make_actor
    from tests.stations import race

    shop = make_shop(admin, stock_each=10, points=500)
    oil = products.find_by_sku(shop["skus"]["食用油"], actor=admin)
    products.edit_product(actor=admin, product_id=oil.id, data=products.ProductData(
        oil.sku, oil.name, oil.price, oil.category, oil.unit, limit_quantity=1, limit_period="month"))
    make_actor(Role.CASHIER, "cashier")
    close_database()
    outcome = race(_limited_station, db_target, [(shop["rich_card"], oil.sku), (shop["rich_card"], oil.sku)])
    open_database(db_target)
    assert [kind for kind, _ in outcome] == ["OverLimit", "ok"], outcome
    assert available(shop["rich"].id) == 440 and stocks()[oil.sku] == 9
    assert check.run_checks() == []


def test_a_refusal_outside_the_redemption_days_is_english_when_english_is_chosen(english, admin, actor_of):
    import re

    shop = make_shop(admin, points=100)
    policy.set_policy(actor=admin, village_id=shop["village"].id, cash_allowed=False, point_price=100,
                      redemption_days="1-5")
    with pytest.raises(redemption.OutsideRedemptionDays) as refused:
        redemption.redeem(actor=actor_of(Role.CASHIER), card_payload=shop["rich_card"],
                          items=[(shop["skus"]["食盐"], 1)])
    assert "Next redemption day: 2026-12-01" in refused.value.message
    assert not re.search(r"[\u4e00-\u9fff]", refused.value.message), refused.value.message
