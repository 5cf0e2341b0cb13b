"""The dashboard page: builds on a demo database, shows the ledger's numbers, clicks lead to the lists."""
from __future__ import annotations

from pointsapp.services.changes import Changes


from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip

from pointsapp import clock
from pointsapp.services.ops import users
from pointsapp.services.reports.dashboard import dashboard
from pointsapp.ui.app import application
from pointsapp.ui.context import UiContext
from pointsapp.ui.signals import ChangeHub
from tests.dashboard_data import add_extra


def _page(qtbot):
    from pointsapp.ui.dashboard_page import DashboardPage

    application()
    ctx = UiContext(users.ensure_admin(), ChangeHub(), "test")
    page = DashboardPage(ctx)
    qtbot.addWidget(page)
    page.resize(1200, 820)
    page.show()
    # the figures read and drawn (from a SQLite file they are there before the page's first paint)
    qtbot.waitUntil(lambda: page.board is not None and bool(page.stock_label.drawn_texts()), timeout=30000)
    return page, ctx


def _trend_title(page) -> str:
    return page.trend_chart.title()


def _painted(qtbot, chart) -> None:
    """The chart on screen with its figures drawn (its clickable areas are those of its last paint)."""
    chart.repaint()
    qtbot.waitUntil(lambda: chart.isVisible() and bool(chart.areas()), timeout=5000)


def test_dashboard_tiles_show_the_figures_of_this_month(qtbot, demo_db, tmp_path):
    today = clock.today()
    extra = add_extra(today)
    page, _ctx = _page(qtbot)
    expected = dashboard(actor=users.ensure_admin(), today=today, village_id=page.village_id)
    tiles = page.tiles
    assert tiles["households"].value_label.text() == f"{expected.households:,}"
    assert tiles["awarded"].value_label.text() == f"{expected.awarded:,}"
    assert tiles["participation"].value_label.text() == f"{100 * expected.participation:.1f}%"
    assert tiles["redemptions"].value_label.text() == str(extra.redemptions_this_month)
    assert tiles["stock"].value_label.text() == str(len(extra.low_stock_skus))
    assert tiles["stars"].value_label.text() == "6"
    assert "食用盐" in page.stock_label.text()
    # the participation chart has one bar per group with the group's rate, drawn at its top
    chart = page.participation_chart
    assert chart.labels == [g.group for g in expected.groups]
    assert chart.values == [round(100 * g.participation, 1) for g in expected.groups]
    _painted(qtbot, chart)
    assert all(f"{v:g}%" in chart.drawn_texts() for v in chart.values)
    assert set(page.trend_chart.legend_names()) == {c.name for c in expected.categories}
    _painted(qtbot, page.trend_chart)
    assert all(c.name in page.trend_chart.drawn_texts() for c in expected.categories)
    assert page.star_chart.labels == [name for name, _n in expected.stars]
    assert page.grab().save(str(tmp_path / "dashboard.png"))  # the page paints, charts and all


def test_clicks_on_charts_and_tiles_open_the_list_behind_them(qtbot, demo_db):
    today = clock.today()
    add_extra(today)
    page, _ctx = _page(qtbot)
    board = page.board
    group = board.groups[-1]
    key, filters = page.click_target("group_participation", len(board.groups) - 1)
    assert key == "ranking"
    assert filters == {"village_id": group.village_id, "group_id": group.group_id, "period": board.period.code}
    assert page.click_target("categories", 0) == ("ranking", {"village_id": page.village_id,
                                                              "period": board.months[0]})
    assert page.click_target("stock")[0] == "shop" and page.click_target("stock")[1]["low_stock"] is True
    assert page.click_target("households")[0] == "households"
    assert page.click_target("star_bars", 0)[1]["star"] == board.stars[0][0]

    with qtbot.waitSignal(page.open_page, timeout=2000) as opened:
        page.tiles["redemptions"].clicked.emit()
    assert opened.args == ["shop", {"village_id": page.village_id, "period": board.period.code}]


def test_a_click_on_a_bar_a_month_or_a_star_opens_its_list_and_the_mouse_shows_its_figure(qtbot, demo_db):
    """The user clicks the drawn charts: the last group's bar, the third month, the first star's row."""
    add_extra(clock.today())
    page, _ctx = _page(qtbot)
    board = page.board
    for chart, index, expected in (
            (page.participation_chart, len(board.groups) - 1, page.click_target("group_participation",
                                                                                  len(board.groups) - 1)),
            (page.trend_chart, 2, ("ranking", {"village_id": page.village_id, "period": board.months[2]})),
            (page.star_chart, 0, ("stars", {"village_id": page.village_id, "star": board.stars[0][0]}))):
        _painted(qtbot, chart)
        rect, found, tip = chart.areas()[index]
        assert found == index
        with qtbot.waitSignal(page.open_page, timeout=2000) as opened:
            qtbot.mouseClick(chart, Qt.LeftButton, pos=rect.center().toPoint())
        assert tuple(opened.args) == expected
        # hovering shows the figure under the mouse
        where = rect.center().toPoint()
        QApplication.sendEvent(chart, QHelpEvent(QEvent.ToolTip, where, chart.mapToGlobal(where)))
        assert QToolTip.isVisible() and QToolTip.text() == tip
    group = board.groups[-1]
    assert page.participation_chart.areas()[-1][2] == f"{group.group}：{round(100 * group.participation, 1):g}%"
    assert page.star_chart.areas()[0][2] == f"{board.stars[0][0]}：{board.stars[0][1]}"
    assert f"{board.categories[0].name}：{board.categories[0].points[2]}" in page.trend_chart.areas()[2][2]
    # a click beside the bars (the chart's title) opens nothing
    with qtbot.assertNotEmitted(page.open_page, wait=100):
        qtbot.mouseClick(page.star_chart, Qt.LeftButton, pos=QPoint(page.star_chart.width() // 2, 10))


def test_the_stock_card_lists_the_low_products_whole_and_its_link_opens_them(qtbot, demo_db):
    add_extra(clock.today())
    page, _ctx = _page(qtbot)
    card = page.stock_label
    card.repaint()
    assert "食用盐" in card.drawn_texts()  # a cell of its own, whole
    [link] = card.link_rects()
    with qtbot.assertNotEmitted(page.open_page, wait=100):  # beside the link: nothing
        qtbot.mouseClick(card, Qt.LeftButton, pos=link.center().toPoint() + QPoint(0, 40))
    with qtbot.waitSignal(page.open_page, timeout=2000) as opened:
        qtbot.mouseClick(card, Qt.LeftButton, pos=link.center().toPoint())
    assert opened.args == ["shop", {"village_id": page.village_id, "low_stock": True}]
    groups = page.groups_label
    groups.repaint()
    best = page.board.top_groups()[0]
    assert best.group in groups.drawn_texts() and f"{best.average:.1f}" in groups.drawn_texts()


def test_changing_the_month_recomputes_the_figures(qtbot, demo_db):
    add_extra(clock.today())
    page, ctx = _page(qtbot)
    first = page.board
    today = clock.today()  # this month's point is a month not yet over, and the title says so
    assert _trend_title(page) == f"近12个月各类别积分（{today.month}月截至{today.day}日）"
    page.month_combo.setCurrentIndex(page.month_combo.count() - 1)  # two years ago: no entries
    # the figures of the month chosen (a load still running when the month changed reports first, then the page
    # loads again for the new month)
    qtbot.waitUntil(lambda: page.board.period.code == page.month_code and not page._loading, timeout=30000)
    assert page.board.period.code != first.period.code
    assert page.tiles["awarded"].value_label.text() == "0"
    assert _trend_title(page) == "近12个月各类别积分"  # its months are all over
    with qtbot.waitSignal(page.loaded, timeout=30000):
        ctx.hub.broadcast(Changes.LEDGER)


def test_reports_dialog_shows_a_report_and_saves_it(qtbot, demo_db, tmp_path):
    from openpyxl import load_workbook

    from pointsapp.services.reports.monthly import InspectionReport
    from pointsapp.ui.reports_dialog import ReportsDialog

    from pointsapp.models import Group, Village

    today = clock.today()
    extra = add_extra(today)
    Group.create(village=Village.select().first(), name="新设小组", sort_order=99)  # no marks this month
    application()
    dialog = ReportsDialog(UiContext(users.ensure_admin(), ChangeHub(), "test"))
    qtbot.addWidget(dialog)
    dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("inspections"))
    qtbot.waitUntil(lambda: isinstance(dialog.report, InspectionReport), timeout=30000)
    model = dialog.model
    statuses = {model.index(r, 1).data(): model.index(r, 5).data() for r in range(model.rowCount())}
    assert statuses["新设小组"] == "未检查"
    assert statuses[extra.uninspected_group] == "已检查"  # no batch, but its marks entered one by one count
    assert model.headerData(0, Qt.Horizontal) == "村"
    saved = dialog.save_to(tmp_path / "检查.xlsx")
    assert load_workbook(saved).active.cell(2, 6).value == "状态"
    assert dialog.save_to(tmp_path / "检查.pdf").read_bytes().startswith(b"%PDF")


def test_the_participation_tile_names_entries_not_yet_in_effect(qtbot, demo_db):
    from pointsapp.models import Household, Rule, Village
    from pointsapp.services.scoring import entries

    today = clock.today()
    Village.update(workflow=Village.WORKFLOW_REVIEWED).execute()
    admin = users.ensure_admin()
    household = Household.select().order_by(Household.id).first()
    rule = Rule.get(Rule.village == household.village_id, Rule.code == "PA01")  # no monthly limit
    entries.add_entry(actor=admin, household_id=household.id, rule_id=rule.id, occurred_on=today, today=today)
    page, _ctx = _page(qtbot)
    expected = dashboard(actor=admin, today=today, village_id=page.village_id)
    assert expected.awaiting == 1
    assert page.tiles["participation"].detail_label.text() == \
        f"{expected.participating} 户有加分；另有 1 条未生效"


def test_the_star_chart_says_no_stars_only_once_it_knows(qtbot):
    """While the figures are still being read the chart is an empty card, not "no stars yet"."""
    from pointsapp.ui.dashboard_charts import HorizontalBarChart

    application()
    chart = HorizontalBarChart(empty="（暂无星级）")
    qtbot.addWidget(chart)
    chart.resize(400, 300)
    chart.grab()  # drawn (into a picture) as on screen
    assert chart.drawn_texts() == [""]  # its title, not known yet: nothing else
    chart.set_data("各星级持有户数", [], [])
    chart.grab()
    assert chart.drawn_texts() == ["各星级持有户数", "（暂无星级）"]
