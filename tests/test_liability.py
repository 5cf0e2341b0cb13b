"""积分负债: the points owed and the stock held, per village and for the township, as of a day — checked against
the ledger's rows and the stock moves summed independently, and against the cached balances."""
from __future__ import annotations

import datetime as dt

from pointsapp import clock
from pointsapp.models import EntryKind, HouseholdBalance, Household, StockMove, Village
from pointsapp.services.auth import Role
from pointsapp.services.register.villages import create_village
from pointsapp.services.reports import liability
from pointsapp.services.scoring import ledger
from pointsapp.services.shop import policy, products, redemption, stock
from tests.shop_helpers import make_household, make_shop


def _line(report, scope):
    return next(line for line in report.lines() if line.scope == scope)


def test_points_owed_reconcile_with_the_ledger_and_the_stock_moves(admin, actor_of):
    shop = make_shop(admin, stock_each=0, points=100)
    village = shop["village"]
    other = create_village(actor=admin, name="杏花村", code="V02", groups=["1组"])
    make_household(admin, other, "02001", "王二", 40)
    Village.update(expiry_policy=Village.EXPIRY_YEAR_END).where(Village.id == village.id).execute()
    policy.set_policy(actor=admin, village_id=village.id, cash_allowed=True, point_price="0.50")
    oil = products.find_by_sku(shop["skus"]["食用油"], actor=admin)
    salt = products.find_by_sku(shop["skus"]["食盐"], actor=admin)
    products.edit_product(actor=admin, product_id=salt.id, data=products.ProductData(
        salt.sku, salt.name, salt.price, salt.category, salt.unit))
    stock.stock_in(actor=admin, product_id=oil.id, quantity=4, unit_cost_fen=4500)
    stock.stock_in(actor=admin, product_id=oil.id, quantity=2, source=StockMove.SOURCE_DONATION, donor="乡贤王五",
                   unit_cost_fen=5000, expires_on=clock.today() + dt.timedelta(days=400))
    stock.stock_in(actor=admin, product_id=salt.id, quantity=10)  # no cost recorded
    cashier = actor_of(Role.CASHIER)
    redemption.redeem(actor=cashier, card_payload=shop["rich_card"], items=[(oil.sku, 1), (salt.sku, 2)])  # 70
    today = clock.today()
    report = liability.liability(actor=admin, at=today)
    taoyuan, xinghua, total = _line(report, "桃园村"), _line(report, "杏花村"), report.total
    # points: an independent sum of the ledger rows, and the cached balances, agree with the report
    for line, vid in ((taoyuan, village.id), (xinghua, other.id)):
        rows = [e for e in ledger.LedgerEntry.select().join(Household, on=(ledger.LedgerEntry.household == Household.id))
                if e.household.village_id == vid and e.status == "effective"]
        assert line.available == sum(e.points for e in rows)
        cached = sum(b.available for b in HouseholdBalance.select().join(
            Household, on=(HouseholdBalance.household == Household.id)).where(Household.village == vid))
        assert line.available == cached
    assert (taoyuan.available, taoyuan.households, taoyuan.expiring, taoyuan.owed_fen) == (30, 1, 30, 1500)
    assert (xinghua.available, xinghua.expiring, xinghua.owed_fen) == (40, 0, 4000)  # no expiry; 1 元 a point
    # stock (shared products: no village): oil 5 left — the dated (donated) lot goes out first, the undated one
    # is kept as if it never expired: 4 undated at 45.00, 1 donated at 50.00
    shared = report.shared
    moves = {p: sum(m.quantity for m in StockMove.select().where(StockMove.product == p)) for p in (oil.id, salt.id)}
    assert shared.stock_units == moves[oil.id] + moves[salt.id] == 5 + 8
    assert shared.stock_cost_fen == 4 * 4500 + 1 * 5000 and shared.uncosted_units == 8
    assert (shared.donated_units, shared.donated_cost_fen) == (1, 5000)
    assert total.available == 70 and total.stock_units == 13 and total.owed_fen == 5500
    # as of yesterday: nothing had happened
    before = liability.liability(actor=admin, at=today - dt.timedelta(days=1))
    assert before.total.available == 0 and before.total.stock_units == 0
    # the ledger moves on: an award today shows, and the report for one village has only its line and a total
    ledger.append([ledger.EntryDraft(household_id=shop["poor"].id, village_id=village.id, kind=EntryKind.AWARD,
                                     points=12, occurred_on=today, note="志愿服务")], created_by=admin.user_id)
    one = liability.liability(actor=admin, at=today, village_id=village.id)
    assert [line.scope for line in one.lines()] == ["桃园村", "全镇共用商品", "合计"] and one.total.available == 42
    assert liability.as_dict(one)["lines"][0]["owed"] == "21.00"


def test_the_liability_command_prints_the_same_figures_as_the_service(admin, db_target):
    import json

    from pointsapp.db import close_database
    from tests.cli_helpers import run_cli

    shop = make_shop(admin, stock_each=3, points=100)
    policy.set_policy(actor=admin, village_id=shop["village"].id, cash_allowed=False, point_price="2")
    expected = liability.as_dict(liability.liability(actor=admin, at=clock.today()))
    close_database()
    result = run_cli("report", "liability", "--at", clock.today().isoformat(), "--json", db=db_target)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == expected
    assert expected["lines"][0]["available"] == 100 and expected["lines"][0]["owed"] == "200.00"
    table = run_cli("report", "liability", "--village", "V01", db=db_target)
    assert table.returncode == 0, table.stderr
    assert "桃园村" in table.stdout and "200.00" in table.stdout and "合计" in table.stdout
    bad = run_cli("report", "liability", "--at", "明天", db=db_target)
    assert bad.returncode != 0 and len(bad.stderr.strip().splitlines()) == 1


def test_the_dashboard_shows_the_points_owed_and_the_lots_near_expiry(admin):
    from pointsapp.services.reports.dashboard import as_dict, dashboard

    shop = make_shop(admin, stock_each=0, points=100)
    soy = products.find_by_sku(shop["skus"]["酱油"], actor=admin)
    today = clock.today()
    stock.stock_in(actor=admin, product_id=soy.id, quantity=2, expires_on=today - dt.timedelta(days=1))
    stock.stock_in(actor=admin, product_id=soy.id, quantity=2, expires_on=today + dt.timedelta(days=59),
                   unit_cost_fen=800)
    board = as_dict(dashboard(actor=admin, village_id=shop["village"].id))
    assert (board["expired_lots"], board["expiring_lots"]) == (1, 1)
    assert board["owed"]["available"] == 100 and board["owed"]["owed"] == "100.00"
    assert board["owed"]["stock_cost"] == "16.00" and board["owed"]["uncosted_units"] == 2


def test_the_dashboard_page_shows_owed_points_and_shelf_warnings(qtbot, admin, tmp_path):
    import os

    from pointsapp.ui.app import application
    from pointsapp.ui.dashboard_page import DashboardPage
    from tests.ui_helpers import ctx_of, settle

    shop = make_shop(admin, stock_each=0, points=100)
    soy = products.find_by_sku(shop["skus"]["酱油"], actor=admin)
    stock.stock_in(actor=admin, product_id=soy.id, quantity=2, expires_on=clock.today() - dt.timedelta(days=1))
    application()
    page = DashboardPage(ctx_of(admin))
    qtbot.addWidget(page)
    page.resize(1280, 820)
    page.show()
    qtbot.waitUntil(lambda: "积分负债" in page.stock_label.text(), timeout=15000)
    settle(qtbot)
    text = page.stock_label.text()
    assert "已过期 1 批" in text and "可用积分 100 分（折合 100.00 元）" in text
    if os.environ.get("SHOW_SCREENS"):
        page.grab().save(str(tmp_path / "dashboard-owed.png"))


def test_villages_of_two_townships_get_a_subtotal_each(admin):
    from pointsapp.models import Township

    shop = make_shop(admin, stock_each=0, points=100)
    other = create_village(actor=admin, name="杏花村", code="V02", groups=["1组"])
    make_household(admin, other, "02001", "王二", 40)
    east, west = Township.create(name="东镇", code="T1"), Township.create(name="西镇", code="T2")
    Village.update(township=east).where(Village.id == shop["village"].id).execute()
    Village.update(township=west).where(Village.id == other.id).execute()
    report = liability.liability(actor=admin, at=clock.today())
    assert [(line.scope, line.available) for line in report.lines()] == [
        ("桃园村", 100), ("杏花村", 40), ("东镇小计", 100), ("西镇小计", 40), ("合计", 140)]


def test_what_the_year_end_would_clear_today_leaves_out_entries_dated_after_the_cutoff(admin):
    """Today's figures are summed by the database from the cached balances less what is dated after 31 December;
    checked against each household's ledger rows added up here: one earned more after the cutoff than it has (clears
    nothing), one a part of it, one lost points after the cutoff (clears all it has), one has nothing to spend."""
    shop = make_shop(admin, stock_each=0, points=100)
    village = shop["village"]
    Village.update(expiry_policy=Village.EXPIRY_YEAR_END).where(Village.id == village.id).execute()
    today = clock.today()
    after = dt.date(today.year + 1, 1, 5)
    people = [make_household(admin, village, f"01{90 + i}", name, points)
              for i, (name, points) in enumerate([("甲", 50), ("乙", 50), ("丙", 50), ("丁", 0)])]
    for household, points, kind in ((people[0], 80, EntryKind.AWARD), (people[1], 20, EntryKind.AWARD),
                                    (people[2], -10, EntryKind.DEDUCTION), (people[3], -5, EntryKind.DEDUCTION)):
        ledger.append([ledger.EntryDraft(household_id=household.id, village_id=village.id, kind=kind, points=points,
                                         occurred_on=after, note="次年")], created_by=admin.user_id)
    line = _line(liability.liability(actor=admin, at=today), village.name)
    households = (Household.select().where(Household.village == village.id))
    owed, clears = [], 0
    for household in households:
        rows = list(ledger.LedgerEntry.select().where(ledger.LedgerEntry.household == household.id,
                                                      ledger.LedgerEntry.status == "effective"))
        available = sum(e.points for e in rows)
        earned = sum(e.points for e in rows if e.occurred_on <= dt.date(today.year, 12, 31))
        if available > 0:
            owed.append(available)
            clears += max(0, min(earned, available))
    assert (line.households, line.available, line.expiring) == (len(owed), sum(owed), clears)
    # the four households by hand: 甲 has 130, earned 50 by the cutoff; 乙 70 / 50; 丙 40 / 50; 丁 -5
    assert [b.available for b in HouseholdBalance.select().where(HouseholdBalance.household.in_(
        [h.id for h in people])).order_by(HouseholdBalance.household)] == [130, 70, 40, -5]
    others = [b.available for b in HouseholdBalance.select().join(Household).where(
        Household.village == village.id, HouseholdBalance.household.not_in([h.id for h in people]))]
    assert others and line.expiring == 50 + 50 + 40 + sum(a for a in others if a > 0)  # theirs all by the cutoff
