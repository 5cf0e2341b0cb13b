"""Cash makes up the difference at the till (现金补差), and partial use of points is the same thing: the
redemption, the ledger, the day's close and the drawer count all agree, a void gives both back, and two
stations racing for the same points never overspend."""
from __future__ import annotations

import pytest

from pointsapp import clock
from pointsapp.db import close_database, open_database
from pointsapp.errors import UserError
from pointsapp.models import LedgerEntry, Redemption
from pointsapp.services.auth import Role
from pointsapp.services.ops import check
from pointsapp.services.shop import drawer, money, policy, redemption
from pointsapp.services.shop import reports as shop_reports
from tests.conftest import make_actor
from tests.shop_helpers import available, make_shop, stocks
from tests.stations import race


def _cash_village(admin, shop, price="0.50"):
    return policy.set_policy(actor=admin, village_id=shop["village"].id, cash_allowed=True, point_price=price)


def test_money_is_parsed_and_shown_exactly_in_fen():
    assert money.parse_yuan("12.5") == 1250
    assert money.parse_yuan("¥0.07") == 7
    assert money.parse_yuan("0.1") + money.parse_yuan("0.2") == money.parse_yuan("0.3")  # no float drift
    assert money.yuan(1250) == "12.50" and money.yuan(-7) == "-0.07" and money.yuan(123456) == "1,234.56"
    for bad in ("1.234", "-1", "abc", "1e3", ""):
        with pytest.raises(UserError):
            money.parse_yuan(bad)


def test_short_points_are_made_up_in_cash_and_the_record_shows_both(admin, actor_of):
    shop = make_shop(admin, points=100)
    _cash_village(admin, shop)  # one point = 0.50 元
    cashier = actor_of(Role.CASHIER)
    oil, salt = shop["skus"]["食用油"], shop["skus"]["食盐"]
    with pytest.raises(redemption.NotEnoughPoints) as short:  # 2 oil + 1 salt = 125 points, 100 available
        redemption.redeem(actor=cashier, card_payload=shop["rich_card"], items=[(oil, 2), (salt, 1)])
    assert "现金补足" in short.value.message and "12.50" in short.value.message
    result = redemption.redeem(actor=cashier, card_payload=shop["rich_card"], items=[(oil, 2), (salt, 1)],
                               points=100, cash_fen=1250)
    assert (result.total_points, result.cash_points, result.cash_fen, result.available_after) == (100, 25, 1250, 0)
    assert result.goods_points == 125
    row = Redemption.get_by_id(result.redemption_id)
    assert (row.total_points, row.cash_points, row.cash_fen) == (100, 25, 1250)
    entry = LedgerEntry.get_by_id(row.ledger_entry_id)
    assert entry.points == -100 and "现金补差 25 分合 12.50 元" in entry.note
    assert available(shop["rich"].id) == 0
    assert stocks()[oil] == 8 and stocks()[salt] == 9
    detail = redemption.detail(actor=cashier, redemption_id=result.redemption_id)
    assert detail.result.cash_fen == 1250 and detail.result.goods_points == 125
    assert check.run_checks() == []


def test_a_villager_may_keep_some_points_and_pay_the_rest_in_cash(admin, actor_of):
    shop = make_shop(admin, points=100)
    _cash_village(admin, shop, "1")
    cashier = actor_of(Role.CASHIER)
    result = redemption.redeem(actor=cashier, card_payload=shop["rich_card"], items=[(shop["skus"]["食用油"], 1)],
                               points=20)
    assert (result.total_points, result.cash_fen, result.available_after) == (20, 4000, 80)


def test_cash_is_refused_where_the_village_takes_none_and_nothing_changes(admin, actor_of):
    shop = make_shop(admin, points=100)
    cashier = actor_of(Role.CASHIER)
    with pytest.raises(redemption.CashRefused):
        redemption.redeem(actor=cashier, card_payload=shop["rich_card"], items=[(shop["skus"]["电饭煲"], 1)],
                          points=100)
    with pytest.raises(redemption.NotEnoughPoints) as short:
        redemption.redeem(actor=cashier, card_payload=shop["rich_card"], items=[(shop["skus"]["电饭煲"], 1)])
    assert "现金" not in short.value.message
    assert available(shop["rich"].id) == 100 and Redemption.select().count() == 0


def test_points_beyond_the_basket_or_the_balance_and_a_changed_price_are_refused(admin, actor_of):
    shop = make_shop(admin, points=100)
    _cash_village(admin, shop)
    cashier = actor_of(Role.CASHIER)
    oil = shop["skus"]["食用油"]
    for points in (0, 61, -5):
        with pytest.raises(UserError):
            redemption.redeem(actor=cashier, card_payload=shop["rich_card"], items=[(oil, 1)], points=points)
    with pytest.raises(redemption.NotEnoughPoints):
        redemption.redeem(actor=cashier, card_payload=shop["rich_card"], items=[(oil, 2)], points=101)
    with pytest.raises(redemption.CashRefused) as changed:  # the till showed 1 元 a point, the office made it 0.50
        redemption.redeem(actor=cashier, card_payload=shop["rich_card"], items=[(oil, 1)], points=50, cash_fen=1000)
    assert "5.00" in changed.value.message
    assert available(shop["rich"].id) == 100 and Redemption.select().count() == 0


def test_the_daily_close_shows_the_cash_and_takes_the_drawer_count(admin, actor_of):
    shop = make_shop(admin, points=100)
    _cash_village(admin, shop)
    cashier = actor_of(Role.CASHIER)
    oil = shop["skus"]["食用油"]
    first = redemption.redeem(actor=cashier, card_payload=shop["rich_card"], items=[(oil, 1)], points=40)  # 10.00
    redemption.redeem(actor=cashier, card_payload=shop["rich_card"], items=[(oil, 1)], points=30)  # 15.00
    close = shop_reports.daily_close(actor=cashier, day=clock.today())
    assert (close.cash_fen, close.void_cash_fen, close.net_cash_fen) == (2500, 0, 2500)
    assert close.uncounted == ["cashier"] and close.balanced
    row = next(c for c in close.cashiers if c["cashier"] == "cashier")
    assert row["cash"] == "25.00" and row["counted"] == ""
    with pytest.raises(UserError) as no_reason:
        drawer.record_count(actor=cashier, counted="24.50")
    assert "原因" in no_reason.value.message
    assert drawer.counts_of(clock.today()) == {}
    counted = drawer.record_count(actor=cashier, counted="24.50", reason="找零多找了五角")
    assert (counted.expected_fen, counted.counted_fen, counted.difference_fen) == (2500, 2450, -50)
    close = shop_reports.daily_close(actor=cashier, day=clock.today())
    row = next(c for c in close.cashiers if c["cashier"] == "cashier")
    assert (row["counted"], row["difference"], row["count_reason"]) == ("24.50", "-0.50", "找零多找了五角")
    assert close.unbalanced == ["cashier"] and close.uncounted == []
    # the void gives back the points and the cash: the drawer should now hold 15.00
    voided = redemption.void(actor=cashier, redemption_id=first.redemption_id, reason="拿错了")
    assert voided.cash_fen == 1000 and available(shop["rich"].id) == 70
    close = shop_reports.daily_close(actor=cashier, day=clock.today())
    assert (close.cash_fen, close.void_cash_fen, close.net_cash_fen) == (2500, 1000, 1500) and close.balanced
    assert drawer.expected_cash(clock.today(), cashier.user_id) == 1500
    again = drawer.record_count(actor=cashier, counted=1500)
    assert again.difference_fen == 0
    close = shop_reports.daily_close(actor=cashier, day=clock.today())
    assert close.unbalanced == [] and close.uncounted == []
    assert check.run_checks() == []


def _mixed_station(db_target, payload, sku, points, barrier, results):
    from pointsapp.services.ops import users
    from pointsapp.services.shop import redemption as shop_redemption

    open_database(db_target)
    from tests.cli_helpers import OPERATOR_PASSWORD

    actor = users.sign_in("cashier", OPERATOR_PASSWORD).actor  # a station signs in: its key unlocked
    barrier.wait()
    try:
        result = shop_redemption.redeem(actor=actor, card_payload=payload, items=[(sku, 1)], points=points)
        results.put(("ok", result.cash_fen))
    except UserError as exc:
        results.put((type(exc).__name__, exc.message))
    finally:
        close_database()


def test_two_stations_taking_mixed_payments_from_the_same_points_never_overspend(admin, db_target):
    shop = make_shop(admin, stock_each=10, points=50)
    _cash_village(admin, shop, "1")
    make_actor(Role.CASHIER, "cashier")
    close_database()
    oil = shop["skus"]["食用油"]  # 60 points: 50 in points and 10.00 元 at each station
    outcome = race(_mixed_station, db_target, [(shop["rich_card"], oil, 50), (shop["rich_card"], oil, 50)])
    open_database(db_target)
    assert [kind for kind, _ in outcome] == ["NotEnoughPoints", "ok"], outcome
    assert available(shop["rich"].id) == 0 and stocks()[oil] == 9
    assert [(r.total_points, r.cash_fen) for r in Redemption.select()] == [(50, 1000)]
    assert check.run_checks() == []


def test_the_receipt_shows_points_and_cash_and_a_void_gives_both_back(admin, actor_of, tmp_path):
    import subprocess

    from pointsapp.printing.receipt import receipt_pdf

    shop = make_shop(admin, points=100)
    _cash_village(admin, shop)
    cashier = actor_of(Role.CASHIER)
    result = redemption.redeem(actor=cashier, card_payload=shop["rich_card"], items=[(shop["skus"]["电饭煲"], 1)],
                               points=100)  # 300 points: 100 in points, 200 at 0.50 = 100.00 元
    redemption.void(actor=cashier, redemption_id=result.redemption_id, reason="型号不对")
    pdf = tmp_path / "receipt.pdf"
    pdf.write_bytes(receipt_pdf(actor=cashier, redemption_id=result.redemption_id, paper_mm=58))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    squeezed = "".join(text.split())
    for expected in ("合计：300分", "积分支付：100分", "现金支付：100.00元（200分）", "【已作废】", "已退还积分100分、现金100.00元"):
        assert expected in squeezed, text
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(pdf), str(tmp_path / "receipt")], check=True)


def test_the_redeem_command_takes_the_rest_in_cash_and_the_close_shows_it(admin, db_target):
    import json

    from tests.cli_helpers import run_cli

    shop = make_shop(admin, points=100)
    _cash_village(admin, shop, "2")
    make_actor(Role.CASHIER, "cashier")
    close_database()
    result = run_cli("redeem", "--card", shop["rich_card"], "--item", f"{shop['skus']['食用油']}=1", "--points", "55",
                     "--json", db=db_target, user="cashier")
    assert result.returncode == 0, result.stderr
    done = json.loads(result.stdout)
    assert (done["total_points"], done["cash_points"], done["cash_fen"], done["available_after"]) == (55, 5, 1000, 45)
    close = run_cli("shop", "close", db=db_target, user="cashier")
    assert close.returncode == 0, close.stderr
    assert "现金：收 10.00 元" in close.stdout and "未点钞：cashier" in close.stdout
    open_database(db_target)


def test_the_daily_close_workbook_carries_the_cash(admin, actor_of, tmp_path):
    from openpyxl import load_workbook

    from pointsapp.services.exports import shop as shop_export

    shop = make_shop(admin, points=100)
    _cash_village(admin, shop)
    cashier = actor_of(Role.CASHIER)
    redemption.redeem(actor=cashier, card_payload=shop["rich_card"], items=[(shop["skus"]["电饭煲"], 1)], points=100)
    drawer.record_count(actor=cashier, counted="100")
    path = shop_export.daily_close_xlsx(actor=cashier, day=clock.today(), path=tmp_path / "close.xlsx")
    book = load_workbook(path)
    cells = [c.value for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.value is not None]
    assert "收现金（元）" in cells and "100.00" in cells and "钱箱应有（元）" in cells
    cashier_sheet = book.worksheets[1]
    rows = [[c.value for c in row] for row in cashier_sheet.iter_rows()]
    at = next(i for i, r in enumerate(rows) if r[0] == "收银员")
    row = dict(zip(rows[at], rows[at + 1]))
    assert row["应收现金（元）"] == "100.00" and row["点钞（元）"] == "100.00" and row["差额（元）"] == "0.00"
