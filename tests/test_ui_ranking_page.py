"""The 排行榜 page: what it shows is the ranking service's answer for the period and scope chosen."""
from __future__ import annotations


from PySide6.QtCore import Qt

from pointsapp import clock
from pointsapp.services import periods
from pointsapp.services.scoring import entries
from pointsapp.services.scoring import rankings
from pointsapp.ui.app import application
from pointsapp.ui.context import UiContext
from pointsapp.ui.signals import ChangeHub
from tests.scoring_helpers import household, make_village, rule

DAY = clock.today().replace(day=1)


def _page(qtbot, admin):
    from pointsapp.ui.ranking_page import RankingPage

    application()
    page = RankingPage(UiContext(admin, ChangeHub(), "test"))
    qtbot.addWidget(page)
    page.show()
    return page


def _cells(page) -> list[list[str]]:
    model = page.model
    return [[model.data(model.index(r, c)) for c in range(model.columnCount())] for r in range(model.rowCount())]


def _headers(page) -> list[str]:
    model = page.model
    return [model.headerData(c, Qt.Horizontal) for c in range(model.columnCount())]


def test_the_page_shows_the_services_ranking_for_the_chosen_period_and_scope(qtbot, admin):
    village = make_village(admin, households=4, groups=2)
    for n, code in ((1, "PA03"), (2, "PA01"), (2, "HY05"), (3, "PA01")):
        entries.add_entry(actor=admin, household_id=household(village, n).id, rule_id=rule(village, code).id,
                          occurred_on=DAY, today=DAY)
    page = _page(qtbot, admin)
    assert page.scope_box.currentData() == (village.id, None)  # one village: its ranking, not the township's
    page.period_box.setCurrentText(str(DAY.year))
    page.refresh()
    expected = rankings.ranking(actor=admin, period=periods.year(DAY.year), village_id=village.id)
    qtbot.waitUntil(lambda: page.model.ranking is not None and page.model.ranking.period.code == str(DAY.year),
                    timeout=10000)
    names = [name for _code, name in expected.categories]
    assert _headers(page) == ["名次", "户号", "户主", "村", "小组", *names, "合计", "加分", "扣分", "星级"]
    assert _cells(page) == [[str(r.rank), r.household_no, r.head_name, r.village, r.group,
                             *[str(r.by_category[code]) for code, _ in expected.categories],
                             str(r.total), str(r.awards), str(-r.deductions), rankings.stars_text(r.stars)]
                            for r in expected.rows]
    assert [row[1] for row in _cells(page)][:1] == ["T1001"] and _cells(page)[-1][0] == "4"
    assert "4 户" in page.title.text()

    # a group: only its households
    group_row = next(i for i in range(page.scope_box.count()) if page.scope_box.itemData(i)[1] is not None)
    page.scope_box.setCurrentIndex(group_row)  # choosing refreshes by itself
    qtbot.waitUntil(lambda: page.model.rowCount() == 2, timeout=10000)
    assert sorted(row[1] for row in _cells(page)) == ["T1001", "T1003"]


def test_a_period_that_is_not_one_is_named_and_the_table_stays(qtbot, admin):
    from PySide6.QtWidgets import QMessageBox

    from tests.scoring_helpers import accept_next_message_box

    make_village(admin, households=2)
    page = _page(qtbot, admin)
    qtbot.waitUntil(lambda: page.model.ranking is not None, timeout=10000)
    before = _cells(page)
    page.period_box.setCurrentText("2026年第十三月")
    seen = accept_next_message_box(QMessageBox.StandardButton.Ok)
    page.refresh()
    qtbot.waitUntil(lambda: bool(seen), timeout=10000)
    assert "无法识别" in seen[0] and _cells(page) == before
