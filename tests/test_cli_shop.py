"""The shop from the command line: redeem, products, stock, daily close — real child processes."""
from __future__ import annotations

import json

from openpyxl import load_workbook

from pointsapp import clock
from pointsapp.db import close_database, open_database
from pointsapp.models import Redemption, StockMove
from pointsapp.services.auth import Role
from tests.cli_helpers import run_cli
from tests.conftest import make_actor
from tests.shop_helpers import available, make_shop, stocks, tampered


def _shop(admin):
    shop = make_shop(admin, stock_each=10, points=100)
    make_actor(Role.CASHIER, "cashier")
    close_database()
    return shop


def test_products_list_json_gives_sku_name_price_and_stock(admin, db_target):
    _shop(admin)
    out = run_cli("products", "list", "--json", db=db_target)
    assert out.returncode == 0, out.stderr
    rows = {r["sku"]: r for r in json.loads(out.stdout)}
    assert rows["6901234500028"]["name"] == "酱油"
    assert rows["6901234500028"]["price"] == 10 and rows["6901234500028"]["stock"] == 10


def test_redeem_by_card_twice_with_one_token_spends_once(admin, db_target):
    shop = _shop(admin)
    args = ["redeem", "--card", shop["rich_card"], "--item", "6901234500011=2", "--item", "6901234500028=1", "--token", "paper-001"]
    first = run_cli(*args, db=db_target, user="cashier")
    assert first.returncode == 0, first.stderr
    assert "兑换成功" in first.stdout and "共 20 分" in first.stdout and "剩余可用积分 80 分" in first.stdout
    again = run_cli(*args, "--json", db=db_target, user="cashier")
    assert again.returncode == 0 and json.loads(again.stdout)["replayed"] is True
    open_database(db_target)
    assert available(shop["rich"].id) == 80 and Redemption.select().count() == 1
    assert Redemption.get().created_by.username == "cashier"


def test_redeem_refusals_exit_nonzero_with_one_chinese_line(admin, db_target):
    shop = _shop(admin)
    forged = run_cli("redeem", "--card", tampered(shop["rich_card"]), "--item", "6901234500011=1", db=db_target)
    assert forged.returncode == 1 and "伪造" in forged.stderr and forged.stderr.count("\n") == 1
    poor = run_cli("redeem", "--card", shop["poor_card"], "--item", "6901234500011=1", db=db_target)
    assert poor.returncode == 1 and "还差 5 分" in poor.stderr
    unknown = run_cli("redeem", "--card", shop["rich_card"], "--item", "999=1", db=db_target)
    assert unknown.returncode == 1 and "不是本超市的商品" in unknown.stderr
    open_database(db_target)
    assert available(shop["rich"].id) == 100 and stocks()["6901234500011"] == 10


def test_redeem_by_household_number_for_paper_records(admin, db_target):
    shop = _shop(admin)
    out = run_cli("redeem", "--household", "01001", "--item", "6901234500035", db=db_target)
    assert out.returncode == 0, out.stderr
    open_database(db_target)
    assert available(shop["rich"].id) == 40


def test_products_add_stock_in_out_adjust_and_price(admin, db_target):
    _shop(admin)
    assert run_cli("products", "add", "--sku", "X100", "--name", "毛巾", "--price", "15", "--unit", "条",
                   db=db_target).returncode == 0
    donated = run_cli("stock", "in", "X100", "20", "--donor", "青山纺织厂", db=db_target)
    assert donated.returncode == 0 and "爱心捐赠" in donated.stdout and "现有库存 20条" in donated.stdout
    assert run_cli("stock", "out", "X100", "2", "--reason", "破损", db=db_target).returncode == 0
    assert run_cli("stock", "adjust", "X100", "-1", "--reason", "盘亏", db=db_target).returncode == 0
    too_many = run_cli("stock", "out", "X100", "50", "--reason", "破损", db=db_target)
    assert too_many.returncode == 1 and "库存只有 17条" in too_many.stderr
    assert run_cli("products", "price", "X100", "18", db=db_target).returncode == 0
    rows = {r["sku"]: r for r in json.loads(run_cli("products", "list", "--json", db=db_target).stdout)}
    assert rows["X100"]["stock"] == 17 and rows["X100"]["price"] == 18
    open_database(db_target)
    assert StockMove.get(StockMove.donor == "青山纺织厂").source == StockMove.SOURCE_DONATION


def test_shop_close_prints_and_exports_the_daily_close(admin, db_target, tmp_path):
    shop = _shop(admin)
    run_cli("redeem", "--card", shop["rich_card"], "--item", "6901234500028=3", db=db_target, user="cashier")
    out_file = tmp_path / "close.xlsx"
    today = clock.today().isoformat()
    close = run_cli("shop", "close", "--date", today, "--out", str(out_file), db=db_target)
    assert close.returncode == 0, close.stderr
    assert "兑换 1 笔，30 分" in close.stdout and "一致" in close.stdout and "酱油" in close.stdout
    wb = load_workbook(out_file)
    assert wb.sheetnames == ["日结汇总", "收银员", "兑换明细"]
    values = [c for row in wb["日结汇总"].iter_rows(values_only=True) for c in row]
    assert "酱油" in values and 30 in values
    data = json.loads(run_cli("shop", "close", "--date", today, "--json", db=db_target).stdout)
    assert data["net_points"] == 30 == data["ledger_net"] and data["cashiers"][0]["cashier"] == "cashier"
